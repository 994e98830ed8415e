"""The real corpus: the seed call (timed speaker lines) and a motley JSON transcript."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.ingest import Document, iter_documents

SHARED = Path(__file__).parents[2] / ".." / "shared"
SEED = SHARED / "corpus" / "seed" / "kingsoft-cloud-2025q2.txt"
MOTLEY = SHARED / "corpus" / "motley" / "AAN_q1_2021.txt"

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not (SEED.is_file() and MOTLEY.is_file()), reason="../shared/corpus is absent"),
]


def test_seed_call_segments() -> None:
    """The seed call opens with an unspoken summary, then `Name - (hh:mm:ss)` turns."""
    (document,) = iter_documents([str(SEED)])
    assert isinstance(document, Document)
    assert document.text == SEED.read_bytes().decode("utf-8-sig")
    preamble, operator = document.segments[:2]
    assert preamble.speaker is None and preamble.start == 0
    assert (operator.speaker, operator.timestamp) == ("OPERATOR", "00:04:11")
    assert document.text[operator.start:operator.end].startswith("Good day")
    cfo = next(s for s in document.segments if s.speaker == "Li Yi")
    assert (cfo.role, cfo.timestamp) == ("Chief Financial Officer", "00:26:35")
    assert [s.index for s in document.segments] == list(range(len(document.segments)))
    assert all(s.start < s.end <= len(document.text) for s in document.segments)


def test_motley_json_transcript_segments() -> None:
    (document,) = iter_documents([str(MOTLEY)])
    assert isinstance(document, Document) and document.source_format == "json"
    first = document.segments[0]
    assert (first.speaker, first.section, first.start) == ("Operator", "prepared_remarks", 0)
    cfo = next(s for s in document.segments if s.speaker == "C. Kelly Wall")
    assert cfo.role == "Chief Financial Officer"
    assert document.text[cfo.start:cfo.end].startswith("Thank you, Douglas.")
    assert document.segments[-1].section == "q_and_a"
