"""Results of running documents through the pipeline, as the reporters read them.

A result carries what a reporter needs to place a span (line starts and
segments) but not the document text, so results stay small when they cross
process boundaries.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from auditor.claims.mention import Mention
from auditor.claims.span import Span
from auditor.diagnosis.finding import Finding, RelationRecord, Status
from auditor.engine.severity import Severity
from auditor.ingest.document import Document, DocumentFailure, Segment


@dataclass(frozen=True, slots=True)
class DocumentError:
    kind: str
    message: str


@dataclass(frozen=True, slots=True)
class Location:
    start: int
    end: int
    line: int
    column: int
    text: str
    speaker: str | None = None
    timestamp: str | None = None
    segment: int | None = None


@dataclass(frozen=True, slots=True)
class Placement:
    """Turns spans into line/column and speaker locations for one document."""

    line_starts: tuple[int, ...] = (0,)
    segments: tuple[Segment, ...] = ()

    @classmethod
    def of(cls, document: Document) -> Placement:
        starts = [0]
        text = document.text
        i = text.find("\n")
        while i >= 0:
            starts.append(i + 1)
            i = text.find("\n", i + 1)
        return cls(tuple(starts), document.segments)

    def locate(self, span: Span) -> Location:
        line = bisect.bisect_right(self.line_starts, span.start) - 1
        seg = _segment_at(self.segments, span.start)
        return Location(
            start=span.start,
            end=span.end,
            line=line + 1,
            column=span.start - self.line_starts[line] + 1,
            text=span.text,
            speaker=seg.speaker if seg else None,
            timestamp=seg.timestamp if seg else None,
            segment=seg.index if seg else None,
        )


def _segment_at(segments: tuple[Segment, ...], offset: int) -> Segment | None:
    starts = [s.start for s in segments]
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and segments[i].start <= offset < max(segments[i].end, segments[i].start + 1):
        return segments[i]
    return None


@dataclass(frozen=True, slots=True)
class DocumentResult:
    id: str
    path: str
    error: DocumentError | None = None
    placement: Placement = field(default_factory=Placement)
    mentions: tuple[Mention, ...] = ()
    claims: int = 0
    findings: tuple[Finding, ...] = ()
    relations: tuple[RelationRecord, ...] = ()
    unverifiable: int = 0  # claims whose relation lacked a figure (not listed in ``relations``)
    size: int = 0  # characters of text audited

    def count(self, status: Status) -> int:
        listed = sum(1 for r in self.relations if r.status is status)
        return listed + (self.unverifiable if status is Status.UNVERIFIABLE else 0)

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), default=None)


@dataclass(frozen=True, slots=True)
class AuditResult:
    documents: tuple[DocumentResult, ...]
    show_passed: bool = False

    def findings_at_least(self, level: Severity) -> int:
        return sum(1 for d in self.documents for f in d.findings if f.severity >= level)

    def errors(self) -> int:
        return sum(1 for d in self.documents if d.error is not None)


def failed_result(failure: DocumentFailure) -> DocumentResult:
    """The result of a document that could not be read: reported, never dropped."""
    return DocumentResult(
        id=failure.id, path=failure.path, error=DocumentError(failure.error.kind, str(failure.error))
    )
