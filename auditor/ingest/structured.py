"""JSON transcripts -> Documents.

Two shapes are understood:

* turn lists: any top-level field holding a list of objects with a speech
  (``{"speaker": ..., "speech": ...}``; ``text``/``content`` and ``name`` are
  accepted too), e.g. ``prepared_remarks`` and ``q_and_a``. Sections are read
  in the object's key order. A top-level list of such objects is one section.
* one text field: ``text``, ``content`` or ``transcript`` (or the field named
  by ``--text-field``). Its string becomes ``Document.text`` unchanged and is
  segmented like a plain-text transcript.

For turn lists ``Document.text`` is the speeches, each with surrounding
whitespace trimmed, joined by a blank line, with no speaker lines added (so the
number scan never sees a "Speaker 1" label as a figure); each speech is a
segment carrying speaker, role (from a ``participants`` list of
``"Name--Role"`` entries when present), section and index. Empty speeches are
left out. Short scalar top-level fields (company, ticker, quarter, date, ...)
are kept in ``Document.metadata``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from auditor.errors import InputError
from auditor.ingest.decode import empty_error, is_blank
from auditor.ingest.document import Document, Segment
from auditor.ingest.text import segment_text

JSON = "json"
SPEECH_SEPARATOR = "\n\n"
TEXT_FIELDS = ("text", "content", "transcript")
SPEECH_KEYS = ("speech", "text", "content")
SPEAKER_KEYS = ("speaker", "name", "speaker_name")
TIME_KEYS = ("timestamp", "time", "start_time")
PARTICIPANTS_KEY = "participants"
ROLE_SEPARATOR = "--"
MAX_METADATA_LENGTH = 200


def parse_json_document(text: str, doc_id: str, path: str, text_field: str | None) -> Document:
    """A whole JSON text -> one Document (``InputError`` kind ``json`` when it cannot be)."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{doc_id}: invalid JSON at line {exc.lineno}, column {exc.colno}: {_reason(exc)}", JSON) from None
    return document_from_json(value, doc_id, path, text_field, "json")


def parse_json_record(line: str, doc_id: str, path: str, text_field: str | None) -> Document:
    """One JSON Lines record -> one Document; errors give the column within the line."""
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{doc_id}: invalid JSON at column {exc.colno}: {_reason(exc)}", JSON) from None
    return document_from_json(value, doc_id, path, text_field, "jsonl")


def document_from_json(value: object, doc_id: str, path: str, text_field: str | None, source_format: str) -> Document:
    """A decoded JSON value -> Document, or ``InputError`` naming the fields looked for."""
    if _is_turn_list(value):
        value = {"transcript": value}
    if not isinstance(value, Mapping):
        raise InputError(f"{doc_id}: expected a JSON object holding a transcript, found {_json_type(value)}", JSON)
    roles = _participant_roles(value.get(PARTICIPANTS_KEY))
    used: tuple[str, ...]
    if text_field is not None:
        if text_field not in value:
            raise InputError(f"{doc_id}: no field {text_field!r} (fields: {_field_list(value)})", JSON)
        used = (text_field,)
    else:
        used = tuple(key for key, item in value.items() if _is_turn_list(item))
        if not used:
            used = tuple(key for key in TEXT_FIELDS if isinstance(value.get(key), str))[:1]
    if not used:
        looked_for = ", ".join((*TEXT_FIELDS, "or a list of {speaker, speech} objects"))
        raise InputError(f"{doc_id}: no transcript text found; looked for {looked_for} (use --text-field NAME)", JSON)
    field = value[used[0]]
    if len(used) == 1 and isinstance(field, str):
        text, segments = field, segment_text(field)
    elif all(_is_turn_list(value[key]) for key in used):
        text, segments = _join_sections(((key, value[key]) for key in used), roles)
    else:
        raise InputError(f"{doc_id}: field {used[0]!r} holds {_json_type(field)}, not text or a list of turns", JSON)
    if is_blank(text):
        raise empty_error(doc_id)
    metadata = tuple(
        (key, _scalar_text(item)) for key, item in value.items()
        if key not in used and _is_short_scalar(item)
    )
    return Document(id=doc_id, path=path, text=text, segments=segments, source_format=source_format, metadata=metadata)


def _join_sections(
    sections: Iterable[tuple[str, list[Mapping[str, object]]]], roles: Mapping[str, str]
) -> tuple[str, tuple[Segment, ...]]:
    pieces: list[str] = []
    segments: list[Segment] = []
    offset = 0
    for section, turns in sections:
        for turn in turns:
            speech = _first_str(turn, SPEECH_KEYS)
            if speech is None:
                continue
            speech = speech.strip()
            if not speech:
                continue
            if pieces:
                pieces.append(SPEECH_SEPARATOR)
                offset += len(SPEECH_SEPARATOR)
            speaker = _first_str(turn, SPEAKER_KEYS)
            speaker = speaker.strip() if speaker else None
            segments.append(Segment(
                index=len(segments), start=offset, end=offset + len(speech), speaker=speaker,
                timestamp=_first_str(turn, TIME_KEYS), section=section,
                role=roles.get(speaker) if speaker else None,
            ))
            pieces.append(speech)
            offset += len(speech)
    return "".join(pieces), tuple(segments)


def _reason(exc: json.JSONDecodeError) -> str:
    """The decoder's message without its dangling "at" ("Unterminated string starting at")."""
    return exc.msg.removesuffix(" at")


def _participant_roles(participants: object) -> dict[str, str]:
    """``["C. Kelly Wall--Chief Financial Officer", ...]`` -> ``{"C. Kelly Wall": "Chief Financial Officer"}``."""
    roles: dict[str, str] = {}
    if isinstance(participants, list):
        for entry in participants:
            if isinstance(entry, str) and ROLE_SEPARATOR in entry:
                name, role = entry.split(ROLE_SEPARATOR, 1)
                if name.strip() and role.strip():
                    roles[name.strip()] = role.strip()
    return roles


def _is_turn(item: object) -> bool:
    return isinstance(item, Mapping) and _first_str(item, SPEECH_KEYS) is not None


def _is_turn_list(item: object) -> bool:
    """A list of objects, at least one with a speech (objects without one hold no text to keep)."""
    return (
        isinstance(item, list) and all(isinstance(turn, Mapping) for turn in item)
        and any(_is_turn(turn) for turn in item)
    )


def _first_str(mapping: Mapping[str, object], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        item = mapping.get(key)
        if isinstance(item, str):
            return item
    return None


def _is_short_scalar(item: object) -> bool:
    if isinstance(item, bool | int | float):
        return True
    return isinstance(item, str) and 0 < len(item) <= MAX_METADATA_LENGTH and "\n" not in item


def _scalar_text(item: object) -> str:
    if isinstance(item, bool):
        return "true" if item else "false"
    return str(item)


def _field_list(value: Mapping[str, object]) -> str:
    names = list(value)
    shown = ", ".join(names[:12])
    return shown + (", ..." if len(names) > 12 else "") if names else "none"


def _json_type(value: object) -> str:
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list):
        return "an empty array" if not value else "an array"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    return "a number" if not isinstance(value, bool) else "a boolean"
