"""Numbering and batching a lazy stream of documents for an executor.

Documents are pulled from ingest only when an executor has room for them, so
memory holds the documents in flight, never the data set.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from auditor.ingest import Document, DocumentFailure
from auditor.results import DocumentResult, failed_result

CHUNK_CHARACTERS = 64_000  # about one transcript, 50-100 ms of work: IPC overhead is noise
CHUNK_DOCUMENTS = 32       # many small JSON Lines records travel together


@dataclass(slots=True)
class Feed:
    """Hands out ``(seq, document)`` chunks; unreadable documents resolve at once."""

    items: Iterator[Document | DocumentFailure]
    chunk_characters: int = CHUNK_CHARACTERS
    chunk_documents: int = CHUNK_DOCUMENTS
    pulled: int = 0
    exhausted: bool = False
    resolved: dict[int, DocumentResult] = field(default_factory=dict)

    @classmethod
    def of(cls, items: Iterable[Document | DocumentFailure], chunk_documents: int = CHUNK_DOCUMENTS) -> Feed:
        return cls(iter(items), chunk_documents=chunk_documents)

    def take(self, limit: int) -> list[tuple[int, Document]]:
        """The next chunk of documents numbered below ``limit`` (empty when none is left).

        A ``DocumentFailure`` needs no worker: its result goes to ``resolved``.
        (Failures stay in the caller also because ``InputError.kind`` does not
        survive pickling.)
        """
        chunk: list[tuple[int, Document]] = []
        size = 0
        while not self.exhausted and self.pulled < limit:
            if chunk and (size >= self.chunk_characters or len(chunk) >= self.chunk_documents):
                break
            item = next(self.items, None)
            if item is None:
                self.exhausted = True
                break
            seq = self.pulled
            self.pulled += 1
            if isinstance(item, DocumentFailure):
                self.resolved[seq] = failed_result(item)
                continue
            chunk.append((seq, item))
            size += len(item.text)
        return chunk
