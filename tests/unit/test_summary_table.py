"""The summary's own table layout is tabulate's "simple" format, character for character."""

from __future__ import annotations

import pytest
from tabulate import tabulate

from auditor.reporting.summary import simple_table

CASES = [
    ([["documents", 1], ["claims", 123456789], ["relations passed", 0]], ["data set", "count"], ("left", "right")),
    ([["AUD102", "growth-mismatch", "error", 3], ["AUD013", "garbled-figure", "warning", 12]],
     ["rule", "name", "severity", "findings"], ("left", "left", "left", "right")),
    ([["a", 1]], ["a long header", "n"], ("left", "right")),  # header wider than every cell
    ([["x", "y"]], ["h", "i"], ("right", "left")),  # a left-aligned last column: no trailing blanks
]


@pytest.mark.parametrize(("rows", "headers", "colalign"), CASES)
def test_simple_table_matches_tabulate(rows: list[list[object]], headers: list[str],
                                       colalign: tuple[str, ...]) -> None:
    assert simple_table(rows, headers, colalign) == tabulate(rows, headers=headers, colalign=colalign)
