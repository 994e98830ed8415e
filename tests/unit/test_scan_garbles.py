"""Garbled figures of speech recognition: one mention over the whole garble, flagged, best reading."""

from __future__ import annotations

from fractions import Fraction

import pytest

from auditor.claims.mention import Kind
from auditor.extraction.scan import scan_text

F = Fraction

GARBLES = [
    # (sentence, span, kind, best reading, text the note must hold)
    pytest.param("margin was 12% 8% in the quarter", "12% 8%", Kind.PERCENT, F("12.8"), "12.8%",
                 id="two-percents-side-by-side"),
    pytest.param("costs rose 10% and 1% this year", "10% and 1%", Kind.PERCENT, F("10.1"), "10.1%",
                 id="two-percents-joined-by-and"),
    pytest.param("a charge of point $8 million hit", "point $8 million", Kind.MONEY, F(800000), "$0.8 million",
                 id="point-before-currency"),
    pytest.param("sales grew to 300 and $29 million", "300 and $29 million", Kind.MONEY, F(329 * 10**6),
                 "$329 million", id="hundreds-and-rest"),
    pytest.param("sales were 132 point $2,000,000 in all", "132 point $2,000,000", Kind.MONEY, F(132200000),
                 "$132.2 million", id="decimals-written-as-amount"),
    pytest.param("yield of 5.4 point 528% now", "5.4 point 528%", Kind.PERCENT, F("5.4"), "two decimal points",
                 id="two-decimal-points"),
    pytest.param("up to 100 and 6.1 million dollars", "100 and 6.1 million dollars", Kind.MONEY, F(106100000),
                 "106.1 million", id="hundreds-and-decimal-rest"),
]


@pytest.mark.parametrize(("text", "span", "kind", "value", "note"), GARBLES)
def test_garble(text: str, span: str, kind: Kind, value: Fraction, note: str) -> None:
    """A garble is ONE mention over the whole garbled text, garbled=True, kind of its unit, best reading."""
    mentions = scan_text(text)
    assert [m.text for m in mentions] == [span]
    m = mentions[0]
    assert (m.kind, m.value, m.garbled) == (kind, value, True)
    assert m.note is not None and note in m.note
    assert text[m.start:m.end] == span


@pytest.mark.parametrize("text", [
    pytest.param("grew 5% and 7% in the two regions", id="small-first"),
    pytest.param("sales fell 14% and 5%, respectively", id="respectively"),
])
def test_clean_pair_is_not_a_garble(text: str) -> None:
    """Two percents that read as two figures ("5% and 7%", "14% and 5%") are two clean mentions."""
    mentions = scan_text(text)
    assert [m.garbled for m in mentions if m.kind is Kind.PERCENT] == [False, False]


def test_spoken_decimal_is_not_a_garble() -> None:
    """"2 point 35%" is an ordinary spoken decimal."""
    mentions = scan_text("a rate of 2 point 35% now")
    assert [(m.text, m.value, m.garbled) for m in mentions] == [("2 point 35%", F("2.35"), False)]
