"""JSON transcripts: turn lists, single text fields, metadata, and JSON failures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor.ingest import Document, DocumentFailure, SourceOptions, iter_documents

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ingest"

DEFAULTS = SourceOptions()


def read_all(source: Path, options: SourceOptions = DEFAULTS) -> list[Document | DocumentFailure]:
    return list(iter_documents([str(source)], options))


def only_document(source: Path, options: SourceOptions = DEFAULTS) -> Document:
    items = read_all(source, options)
    assert len(items) == 1 and isinstance(items[0], Document), items
    return items[0]


def only_failure(source: Path, options: SourceOptions = DEFAULTS) -> DocumentFailure:
    items = read_all(source, options)
    assert len(items) == 1 and isinstance(items[0], DocumentFailure), items
    return items[0]


def test_motley_shaped_json_in_a_txt_file() -> None:
    """A .txt holding JSON is JSON: speeches joined by a blank line, one segment per speech."""
    document = only_document(FIXTURES / "call.txt")
    assert document.source_format == "json"
    # speech 1 is 25 chars (0..25); "\n\n"; speech 2 (trimmed) 27..74 = 34 + 1 + 12 chars;
    # the empty Operator speech is left out; speech 3 76..97 (21); speech 4 99..116 (17)
    assert document.text == (
        "Welcome to the Acme call.\n\nRevenue was $58.0 million, up 16%.\nMargin held.\n\n"
        "How did margins move?\n\nThey rose 50 bps."
    )
    rows = [(s.index, s.start, s.end, s.speaker, s.section, s.role) for s in document.segments]
    assert rows == [
        (0, 0, 25, "Operator", "prepared_remarks", None),
        (1, 27, 74, "Jane Roe", "prepared_remarks", "Chief Financial Officer"),
        (2, 76, 97, "Sam Poe", "q_and_a", "Example Bank -- Analyst"),
        (3, 99, 116, "Jane Roe", "q_and_a", "Chief Financial Officer"),
    ]
    assert document.text[27:74] == "Revenue was $58.0 million, up 16%.\nMargin held."


def test_json_metadata_is_kept_as_strings() -> None:
    document = only_document(FIXTURES / "call.txt")
    assert document.metadata == (
        ("ticker", "ACME"), ("company", "Acme Robotics"), ("quarter", "2"), ("year", "2025"), ("date", "2025-08-20"),
    )
    assert document.meta("quarter") == "2"


@pytest.mark.parametrize("field", ["text", "content", "transcript"])
def test_single_text_field_is_the_text_and_is_segmented(tmp_path: Path, field: str) -> None:
    """A JSON object with one text field: that string unchanged, segmented like plain text."""
    path = tmp_path / "call.json"
    path.write_text(json.dumps({"symbol": "ACME", field: "Operator: Hi.\nJo Park: Sales rose 5%."}), encoding="utf-8")
    document = only_document(path)
    assert document.text == "Operator: Hi.\nJo Park: Sales rose 5%."
    # "Operator: " 10 chars, speech 10..13; "Jo Park: " starts at 14, speech 23..37
    assert [(s.start, s.end, s.speaker) for s in document.segments] == [(10, 13, "Operator"), (23, 37, "Jo Park")]
    assert document.metadata == (("symbol", "ACME"),)


def test_text_field_option_picks_the_field(tmp_path: Path) -> None:
    path = tmp_path / "call.json"
    path.write_text(json.dumps({"text": "not this", "body": "Sales rose 5%."}), encoding="utf-8")
    document = only_document(path, SourceOptions(text_field="body"))
    assert document.text == "Sales rose 5%."
    assert ("text", "not this") in document.metadata


def test_text_field_option_names_a_missing_field(tmp_path: Path) -> None:
    path = tmp_path / "call.json"
    path.write_text(json.dumps({"text": "x"}), encoding="utf-8")
    failure = only_failure(path, SourceOptions(text_field="body"))
    assert failure.error.kind == "json"
    assert str(failure.error) == f"{path}: no field 'body' (fields: text)"


def test_json_without_a_text_field_names_the_fields_looked_for(tmp_path: Path) -> None:
    path = tmp_path / "meta.json"
    path.write_text(json.dumps({"title": "Q2", "mentions": [1, 2]}), encoding="utf-8")
    failure = only_failure(path)
    assert failure.error.kind == "json"
    message = str(failure.error)
    assert message.startswith(f"{path}: no transcript text found; looked for text, content, transcript")
    assert "--text-field" in message


def test_malformed_json_gives_line_and_column(tmp_path: Path) -> None:
    """A file that opens with `{` but does not parse is a json failure with its position."""
    path = tmp_path / "broken.txt"
    path.write_text('{\n  "text": "Sales rose",\n  "ticker": \n}\n', encoding="utf-8")
    failure = only_failure(path)
    assert failure.error.kind == "json"
    assert str(failure.error) == f"{path}: invalid JSON at line 4, column 1: Expecting value"


def test_top_level_list_of_turns(tmp_path: Path) -> None:
    path = tmp_path / "turns.json"
    path.write_text(json.dumps([{"speaker": "Ann", "text": "Up 5%."}, {"speaker": "Bo", "text": "Good."}]))
    document = only_document(path)
    assert document.text == "Up 5%.\n\nGood."
    assert [(s.start, s.end, s.speaker) for s in document.segments] == [(0, 6, "Ann"), (8, 13, "Bo")]


@pytest.mark.parametrize(
    ("payload", "found"),
    [("[[\"Up 5%.\"]]", "an array"), ("[]", "an empty array")],
    ids=["nested-array", "empty-array"],
)
def test_json_that_is_not_a_transcript_object(tmp_path: Path, payload: str, found: str) -> None:
    path = tmp_path / "odd.json"
    path.write_text(payload, encoding="utf-8")
    failure = only_failure(path)
    assert failure.error.kind == "json"
    assert str(failure.error) == f"{path}: expected a JSON object holding a transcript, found {found}"


def test_json_name_holding_plain_text_is_plain_text(tmp_path: Path) -> None:
    """Content decides: a .json file that does not open with { or [ is a plain transcript."""
    path = tmp_path / "call.json"
    path.write_text("Operator: Hi.\nJo Park: Yes.\n", encoding="utf-8")
    document = only_document(path)
    assert document.source_format == "text"
    assert [s.speaker for s in document.segments] == ["Operator", "Jo Park"]


def test_json_with_empty_text_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.json"
    path.write_text('{"text": "  "}', encoding="utf-8")
    assert only_failure(path).error.kind == "empty"


def test_broken_json_array_of_turns_is_a_json_failure(tmp_path: Path) -> None:
    path = tmp_path / "turns.txt"
    path.write_text('[\n  {"speaker": "Ann", "speech": "Up 5%."},\n  {"speaker": "Bo"\n]\n', encoding="utf-8")
    failure = only_failure(path)
    assert failure.error.kind == "json"
    assert str(failure.error) == f"{path}: invalid JSON at line 4, column 1: Expecting ',' delimiter"
