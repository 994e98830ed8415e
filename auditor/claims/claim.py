"""Claims: what a clause says about a metric, before periods are resolved."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from auditor.claims.mention import Mention
from auditor.claims.period import Period
from auditor.claims.span import Span

ANONYMOUS = "~"  # the metric of a subject the vocabulary does not name ("Footwear grew ...")


class Move(enum.Enum):
    UP = "up"
    DOWN = "down"


@dataclass(frozen=True, slots=True)
class Subject:
    """A metric with its qualifiers and segment: "adjusted gross margin", "public cloud revenue"."""

    metric: str
    qualifiers: frozenset[str] = frozenset()
    segment: str | None = None
    negated: bool = False  # a loss phrase: "operating loss" states -operating_income
    span: Span | None = None
    total: bool = False  # said as a total ("total revenues"): never a segment's

    def describe(self) -> str:
        words = sorted(self.qualifiers) + ([self.segment] if self.segment else []) + [self.metric]
        return " ".join(w.replace("_", " ") for w in words)


@dataclass(frozen=True, slots=True)
class Stated:
    """A figure with the period said next to it (``None``: the clause's or the document's)."""

    mention: Mention
    period: Period | None = None


@dataclass(frozen=True, slots=True)
class ValueClaim:
    subject: Subject
    figure: Stated


@dataclass(frozen=True, slots=True)
class ChangeClaim:
    """ "up 31.7% from RMB 1,234.5 million", "increased by 5.7 times", "expanded 150 bps to 16.4%". """

    subject: Subject
    move: Move | None
    rate: Mention | None
    basis: Period | None  # the period compared with ("year over year" -> a year earlier)
    start: Stated | None
    end: Stated | None
    said_by: bool = False  # "increased by N times": N or N+1 times the base
    word: Span | None = None  # the direction word, for direction findings
    said_of: Period | None = None  # the period the sentence names when no end figure does ("full year ... growth")


@dataclass(frozen=True, slots=True)
class ShareClaim:
    """ "accounting for 45% of public cloud revenue": part / whole = share."""

    part: Subject
    part_figure: Stated | None
    share: Mention
    whole: Subject | None


@dataclass(frozen=True, slots=True)
class SumClaim:
    """ "$128.4 million consisted of products at $86.1 million and services at $42.3 million"."""

    subject: Subject
    total: Stated
    parts: tuple[Mention, ...]
    exhaustive: bool = True  # False: "of which ...", the parts may leave some out


Claim = ValueClaim | ChangeClaim | ShareClaim | SumClaim
