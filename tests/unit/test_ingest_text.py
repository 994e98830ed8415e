"""Plain-text transcripts: speaker shapes and exact segment offsets.

Offsets below were counted by hand from the fixture lines (see the comments);
every test also checks ``text[start:end]`` so a drift shows as readable text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.ingest import Document, DocumentFailure, SourceOptions, iter_documents
from auditor.ingest.text import is_speaker_label, segment_text

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ingest"

DEFAULTS = SourceOptions()


def only_document(source: str | Path, options: SourceOptions = DEFAULTS) -> Document:
    items = list(iter_documents([str(source)], options))
    assert len(items) == 1, items
    assert isinstance(items[0], Document), items[0]
    return items[0]


def spans(document: Document) -> list[tuple[int, int, str | None, str]]:
    return [(s.start, s.end, s.speaker, document.text[s.start:s.end]) for s in document.segments]


def test_timed_speaker_lines_give_speaker_timestamp_role_and_offsets() -> None:
    """`Name - (hh:mm:ss)` alone on a line starts a turn; the speech is the following lines."""
    document = only_document(FIXTURES / "timed.txt")
    # line 1 "Acme Robotics second quarter call." is 0..34; line 2 (35..56) is the OPERATOR label;
    # line 3 is 57..108 (51 chars); line 4 (109..156) the Jane Roe label; lines 5-6 are 157..242.
    assert spans(document) == [
        (0, 34, None, "Acme Robotics second quarter call."),
        (57, 108, "OPERATOR", "Welcome, everyone. Our speakers will begin shortly."),
        (157, 242, "Jane Roe",
         "Revenue was RMB 2.35 billion, up 24% year over year.\nNote: all figures are unaudited."),
    ]
    assert [s.index for s in document.segments] == [0, 1, 2]
    assert [s.timestamp for s in document.segments] == [None, "00:00:05", "00:01:30"]
    assert document.segments[2].role == "Chief Financial Officer"
    assert document.source_format == "text"


def test_plain_text_is_kept_exactly_including_crlf() -> None:
    """Document.text is the decoded file unchanged: CRLF stays, segments exclude the CR."""
    raw = (FIXTURES / "timed.txt").read_text(encoding="utf-8").replace("\n", "\r\n")
    segments = segment_text(raw)
    # each of the first two lines gained one CR: the OPERATOR speech starts 2 later (59) and is 51 long
    assert (segments[1].start, segments[1].end) == (59, 110)
    assert raw[segments[1].start:segments[1].end] == "Welcome, everyone. Our speakers will begin shortly."
    assert raw[segments[2].start:segments[2].end].endswith("year over year.\r\nNote: all figures are unaudited.")


def test_name_colon_turns_and_note_line_stays_in_the_turn() -> None:
    """`Name: text` at line start is a turn; a `Note:` line inside a turn is not a speaker."""
    document = only_document(FIXTURES / "colon.txt")
    # "Operator: " is 10 chars, line 1 ends at 37; "Maria Lopez: " starts at 38, speech at 51;
    # the Note line is 81..121, a blank line 122, "Operator: " at 123, speech 133..155.
    assert spans(document) == [
        (10, 37, "Operator", "Good afternoon and welcome."),
        (51, 121, "Maria Lopez", "Thanks. Gross margin was 15%.\nNote: this line is still Maria speaking."),
        (133, 155, "Operator", "Next question, please."),
    ]


def test_numbered_speaker_turns() -> None:
    """`Speaker N: text` paragraphs separated by blank lines (the Earnings-21 reference shape)."""
    document = only_document(FIXTURES / "numbered.txt")
    # "Speaker 0: " is 11 chars: speech 11..41; paragraph 2 starts at 43, speech at 54, ends 105;
    # paragraph 3 starts at 107, speech 118..128.
    assert spans(document) == [
        (11, 41, "Speaker 0", "Hello and welcome to the call."),
        (54, 105, "Speaker 1", "Sales grew 16% from $50.0 million to $58.0 million."),
        (118, 128, "Speaker 0", "Thank you."),
    ]


def test_prose_with_note_and_clock_times_is_one_segment_without_speaker() -> None:
    """Clock times (10:30) and a lone `Note:` line are not speaker labels."""
    document = only_document(FIXTURES / "prose.txt")
    # 43 + 37 + 34 characters; the final newline (114) is trimmed from the segment
    assert spans(document) == [(0, 114, None, document.text[:114])]
    assert document.text.endswith("$58.0 million.\n")


def test_label_lines_in_prose_without_recurrence_are_not_turns() -> None:
    """Two capitalised `Label: value` lines after a preamble, none repeated, are not a dialogue."""
    text = "Quarter in brief\nTotal Revenue: RMB 2.35 billion\nGross Margin: 15%\n"
    segments = segment_text(text)
    assert [(s.start, s.end, s.speaker) for s in segments] == [(0, len(text) - 1, None)]


def test_timed_shape_wins_over_colon_lines_inside_speeches() -> None:
    """In a timed transcript, `Analyst: ...` inside a speech does not split the turn."""
    text = "Ann Lee - (00:00:01)\nAnalyst: asked about margins.\nAnalyst: asked again.\nBo Chen - (00:00:09)\nYes.\n"
    assert [(s.speaker, text[s.start:s.end]) for s in segment_text(text)] == [
        ("Ann Lee", "Analyst: asked about margins.\nAnalyst: asked again."),
        ("Bo Chen", "Yes."),
    ]


def test_label_alone_on_its_line_and_timestamp_before_colon() -> None:
    """`Operator:` with the speech on the next line, and `Name (00:01:02): text`."""
    text = "Operator:\nWelcome.\nJo Park (00:01:02): Margins rose.\n"
    segments = segment_text(text)
    assert [(s.speaker, s.timestamp, text[s.start:s.end]) for s in segments] == [
        ("Operator", None, "Welcome."),
        ("Jo Park", "00:01:02", "Margins rose."),
    ]


def test_turn_without_speech_gets_no_segment() -> None:
    text = "Operator: \nJo Park: Hello.\nOperator: Bye.\n"
    assert [s.speaker for s in segment_text(text)] == ["Jo Park", "Operator"]
    assert [s.index for s in segment_text(text)] == [0, 1]


def test_blank_text_has_no_segment() -> None:
    assert segment_text(" \n\t\n") == ()


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Operator", True),
        ("Speaker 12", True),
        ("C. Kelly Wall", True),
        ("UNKNOWN", True),
        ("Jan van Dijk", True),
        ("Note", False),
        ("Source", False),
        ("the company", False),
        ("Revenue grew", False),
        ("One Two Three Four Five Six", False),
    ],
    ids=lambda value: str(value),
)
def test_is_speaker_label(label: str, expected: bool) -> None:
    """Speaker labels are short runs of capitalised words and not document labels."""
    assert is_speaker_label(label) is expected


def test_not_a_failure_for_unstructured_text(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("Revenue rose 12% to $58.0 million.", encoding="utf-8")
    item = next(iter(iter_documents([str(path)])))
    assert not isinstance(item, DocumentFailure)
    assert [(s.start, s.end, s.speaker) for s in item.segments] == [(0, 34, None)]


def test_leading_timestamp_before_the_speaker() -> None:
    """`[00:00:05] Name: text`, a common export shape; the bracket does not make it JSON."""
    text = "[00:00:05] Operator: Welcome.\n[00:00:09] Jo Park: Sales rose 5%.\n"
    # "[00:00:05] Operator: " is 21 chars: speech 21..29; line 2 starts at 30, "[00:00:09] Jo Park: " is 20
    assert [(s.speaker, s.timestamp, s.start, s.end) for s in segment_text(text)] == [
        ("Operator", "00:00:05", 21, 29),
        ("Jo Park", "00:00:09", 50, 64),
    ]


@pytest.mark.parametrize("opening", ["[Music]\n", "[00:00:05] Operator: Hi.\n"], ids=["bracket-note", "timestamp"])
def test_text_opening_with_a_bracket_is_not_json(tmp_path: Path, opening: str) -> None:
    path = tmp_path / "call.txt"
    path.write_text(opening + "Operator: Sales rose 5%.\n", encoding="utf-8")
    document = only_document(path)
    assert document.source_format == "text"
    assert document.text == opening + "Operator: Sales rose 5%.\n"
