"""Documents: decoded text plus the speaker segments a person navigates by."""

from __future__ import annotations

from dataclasses import dataclass

from auditor.errors import InputError


@dataclass(frozen=True, slots=True)
class Segment:
    """One speaker turn: ``text[start:end]`` is what the speaker said."""

    index: int
    start: int
    end: int
    speaker: str | None = None
    timestamp: str | None = None
    section: str | None = None  # e.g. "prepared_remarks", "q_and_a"
    role: str | None = None  # e.g. "Chief Financial Officer", when the source says


@dataclass(frozen=True, slots=True)
class Document:
    """A transcript ready for the scan.

    ``id`` is stable across runs: the path, ``path:LINE`` for a JSON Lines
    record, ``-`` for standard input. ``text`` is the decoded text (UTF-8, BOM
    stripped) for plain files; for structured sources it is the speeches joined
    in order, and ``segments`` map offsets back to speaker and position.
    """

    id: str
    path: str
    text: str
    segments: tuple[Segment, ...] = ()
    source_format: str = "text"
    metadata: tuple[tuple[str, str], ...] = ()

    def meta(self, key: str) -> str | None:
        return dict(self.metadata).get(key)


@dataclass(frozen=True, slots=True)
class DocumentFailure:
    """A document that could not be read: reported, never dropped.

    ``id`` follows the Document id rules (``path:LINE`` for a JSON Lines record).
    """

    id: str
    path: str
    error: InputError
