"""Findings: what the report says about a document."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from auditor.claims.interval import Interval
from auditor.claims.span import Span
from auditor.engine.severity import Severity


@dataclass(frozen=True, slots=True)
class Implied:
    """The interval the other figures imply for the blamed one, and how to show it."""

    interval: Interval
    display: str


@dataclass(frozen=True, slots=True)
class Suggestion:
    replacement: str
    reason: str


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    name: str
    severity: Severity
    message: str
    location: Span
    related: tuple[Span, ...] = ()
    stated: str | None = None
    expected: Implied | None = None
    suggestion: Suggestion | None = None
    alternatives: tuple[Span, ...] = ()


class Status(enum.Enum):
    PASSED = "passed"
    FAILED = "failed"
    UNVERIFIABLE = "unverifiable"


@dataclass(frozen=True, slots=True)
class RelationRecord:
    """One relation the engine evaluated (listed with ``--show-passed``)."""

    rule: str
    status: Status
    figures: tuple[Span, ...]
    implied: Implied | None = None
