"""One byte stream -> Documents, its format decided by content (and a JSON Lines name).

* A ``.jsonl``/``.ndjson`` name, or content whose first non-blank line is a
  whole JSON object followed by another line starting with ``{``, is JSON
  Lines: read lazily line by line, one Document per record (id ``NAME:LINE``,
  1-based physical lines; blank lines are skipped), a bad record is a failure
  for that line only.
* Otherwise the stream is read whole (memory bounded by that one document):
  text whose first non-blank character is ``{`` (or ``[`` followed by ``{``,
  ``[``, ``"`` or ``]``) is JSON, anything else is a plain-text transcript.

A JSON Lines file under another name whose *first* record is malformed is read
as one JSON document and fails as a whole; name it ``.jsonl`` to get
per-line failures.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from typing import BinaryIO

from auditor.errors import InputError
from auditor.ingest.decode import BOM, decode_text, empty_error
from auditor.ingest.document import Document, DocumentFailure
from auditor.ingest.text import segment_text

JSONL_SUFFIXES = (".jsonl", ".ndjson")
FIRST_VISIBLE = re.compile(r"\S")
_ARRAY_CONTENT_OPENERS = ("{", "[", '"', "]")


@dataclass(frozen=True, slots=True)
class _Line:
    number: int  # 1-based
    offset: int  # byte offset of the line in the stream
    data: bytes

    @property
    def content(self) -> bytes:
        """The line without a BOM (first line only) and surrounding whitespace."""
        data = self.data[len(BOM):] if self.number == 1 and self.data.startswith(BOM) else self.data
        return data.strip()


def read_stream(stream: BinaryIO, name: str, text_field: str | None, *, jsonl: bool) -> Iterator[Document | DocumentFailure]:
    """Every Document (or failure) ``stream`` holds; ``name`` is its path, ``-`` for standard input."""
    lines = _lines(stream)
    if jsonl:
        yield from _read_jsonl(lines, name, text_field)
        return
    head = _take_through_visible(lines)
    if head and head[-1].content.startswith(b"{") and _is_json_object(head[-1]):
        following = _take_through_visible(lines)
        head += following
        if following and following[-1].content.startswith(b"{"):
            yield from _read_jsonl(chain(head, lines), name, text_field)
            return
    data = b"".join(line.data for line in head) + stream.read()
    try:
        yield document_from_bytes(data, name, text_field)
    except InputError as exc:
        yield DocumentFailure(name, name, exc)


def document_from_bytes(data: bytes, name: str, text_field: str | None) -> Document:
    """A whole source -> Document: JSON when it opens with ``{``/``[``, else plain text."""
    text = decode_text(data, name)
    first = FIRST_VISIBLE.search(text)
    if first is None:
        raise empty_error(name)
    if looks_like_json(text, first.start()):
        # imported here (as in _read_jsonl): plain text never loads the JSON reader
        from auditor.ingest.structured import parse_json_document

        return parse_json_document(text, name, name, text_field)
    return Document(id=name, path=name, text=text, segments=segment_text(text), source_format="text")


def looks_like_json(text: str, start: int) -> bool:
    """``{`` opens JSON; ``[`` only when followed by ``{``, ``[``, ``"`` or ``]``.

    So a plain transcript opening with ``[Music]`` or ``[00:00:05] Operator:``
    is read as text, while a JSON array of turns (or a broken one) is JSON.
    """
    if text[start] == "{":
        return True
    following = FIRST_VISIBLE.search(text, start + 1)
    return text[start] == "[" and (following is None or following.group() in _ARRAY_CONTENT_OPENERS)


def _read_jsonl(lines: Iterable[_Line], name: str, text_field: str | None) -> Iterator[Document | DocumentFailure]:
    from auditor.ingest.structured import parse_json_record

    records = 0
    for line in lines:
        if not line.content:
            continue
        records += 1
        record_id = f"{name}:{line.number}"
        try:
            text = decode_text(line.data, record_id, byte_base=line.offset, strip=line.number == 1)
            yield parse_json_record(text.rstrip("\r\n"), record_id, name, text_field)
        except InputError as exc:
            yield DocumentFailure(record_id, name, exc)
    if not records:
        yield DocumentFailure(name, name, empty_error(name))


def _lines(stream: BinaryIO) -> Iterator[_Line]:
    offset = 0
    for number, data in enumerate(stream, start=1):
        yield _Line(number, offset, data)
        offset += len(data)


def _take_through_visible(lines: Iterator[_Line]) -> list[_Line]:
    """Lines up to and including the next one with visible content (all that is left if none)."""
    taken = []
    for line in lines:
        taken.append(line)
        if line.content:
            break
    return taken


def _is_json_object(line: _Line) -> bool:
    import json  # only content that opens with "{" gets here

    try:
        return isinstance(json.loads(line.content.decode("utf-8")), dict)
    except (UnicodeDecodeError, ValueError):
        return False
