"""Ingest: sources (files, folders, JSON, JSON Lines, standard input) -> Documents."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

from auditor.errors import InputError
from auditor.ingest.document import Document, Segment

__all__ = ["Document", "Segment", "DocumentFailure", "SourceOptions", "iter_documents"]


@dataclass(frozen=True, slots=True)
class DocumentFailure:
    """A document that could not be read: reported, never dropped."""

    id: str
    path: str
    error: InputError


@dataclass(frozen=True, slots=True)
class SourceOptions:
    text_field: str | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()


def iter_documents(sources: Sequence[str], options: SourceOptions = SourceOptions()) -> Iterator[Document | DocumentFailure]:
    """Yield every document of ``sources`` lazily, in a deterministic order (placeholder: plain files)."""
    for source in sources:
        path = Path(source)
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except OSError as exc:
            yield DocumentFailure(source, source, InputError(f"{source}: {exc.strerror or exc}", "io"))
            continue
        except UnicodeDecodeError as exc:
            yield DocumentFailure(source, source, InputError(f"{source}: not UTF-8 text at byte {exc.start}", "encoding"))
            continue
        yield Document(id=source, path=source, text=text)
