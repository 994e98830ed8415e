"""Bytes -> text: BOM stripping keeps offsets right; bad bytes and empty files are failures."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.ingest import Document, DocumentFailure, iter_documents


def read_one(tmp_path: Path, name: str, data: bytes) -> Document | DocumentFailure:
    path = tmp_path / name
    path.write_bytes(data)
    items = list(iter_documents([str(path)]))
    assert len(items) == 1, items
    return items[0]


def failure_of(item: Document | DocumentFailure) -> DocumentFailure:
    assert isinstance(item, DocumentFailure), item
    return item


def test_bom_is_stripped_and_offsets_count_from_after_it(tmp_path: Path) -> None:
    """Offsets are code points into the text without the BOM."""
    item = read_one(tmp_path, "bom.txt", b"\xef\xbb\xbfOperator: Hello.\nJo Park: Sales rose 5%.\n")
    assert isinstance(item, Document)
    assert item.text == "Operator: Hello.\nJo Park: Sales rose 5%.\n"
    # "Operator: " is 10 code points; "Jo Park: " starts at 17, its speech at 26
    assert [(s.start, s.end) for s in item.segments] == [(10, 16), (26, 40)]
    assert item.text[26:40] == "Sales rose 5%."


def test_offsets_are_code_points_not_bytes(tmp_path: Path) -> None:
    """A two-byte character before a turn moves offsets by one, not two."""
    item = read_one(tmp_path, "euro.txt", "Operator: €5.\nJo Park: Yes.\n".encode())
    assert isinstance(item, Document)
    # "Operator: €5." is 13 code points (14 bytes); "Jo Park: " starts at 14, speech at 23
    assert [(s.start, s.end) for s in item.segments] == [(10, 13), (23, 27)]


@pytest.mark.parametrize(
    ("data", "byte"),
    [
        (b"Revenue rose\xff to 5.", 12),
        (b"\xef\xbb\xbfRevenue rose\xff to 5.", 15),  # the BOM's 3 bytes count
        ("Caf\u00e9 ".encode() + b"\xc3", 6),  # a truncated sequence at the end
    ],
    ids=["invalid-byte", "after-bom", "truncated"],
)
def test_not_utf8_names_the_byte(tmp_path: Path, data: bytes, byte: int) -> None:
    """Invalid UTF-8 is a per-document failure naming the first bad byte (never replaced)."""
    path = tmp_path / "bad.txt"
    failure = failure_of(read_one(tmp_path, "bad.txt", data))
    assert failure.error.kind == "encoding"
    assert str(failure.error) == f"{path}: not UTF-8 text at byte {byte}"
    assert failure.id == failure.path == str(path)


def test_utf16_gets_a_hint(tmp_path: Path) -> None:
    failure = failure_of(read_one(tmp_path, "wide.txt", "Hello".encode("utf-16")))
    assert failure.error.kind == "encoding"
    assert "not UTF-8 text at byte 0 (looks like UTF-16)" in str(failure.error)


def test_nul_bytes_are_not_text(tmp_path: Path) -> None:
    """Binary data that happens to be valid UTF-8 (NUL bytes) is refused, not audited."""
    failure = failure_of(read_one(tmp_path, "blob", b"abc\x00def"))
    assert failure.error.kind == "encoding"
    assert "at byte 3" in str(failure.error)


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"  \n\n\t"], ids=["empty", "bom-only", "whitespace"])
def test_empty_document(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "empty.txt"
    failure = failure_of(read_one(tmp_path, "empty.txt", data))
    assert failure.error.kind == "empty"
    assert str(failure.error) == f"{path}: empty document"
