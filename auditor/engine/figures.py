"""Figures and facts: stated numbers as values of (metric, qualifiers, segment, period).

A *figure* is one stated number the engine may blame; its ``value`` is the
interval in fact units (currency units for amounts, a fraction for ratios, the
factor for multiples). A *fact* puts a figure under a key. A *quantity* is what a
relation reads: one figure, or a value derived from several figures ("last
year's gross profit" from this year's and its growth rate).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from auditor.claims.interval import Interval
from auditor.claims.mention import Mention
from auditor.claims.period import Period
from auditor.claims.span import Span

Env = Mapping[int, Interval]


@dataclass(frozen=True, slots=True)
class Figure:
    """A stated number. ``id`` is unique in the document; ``unit`` scales the mention to fact units."""

    id: int
    mention: Mention
    value: Interval
    scale_note: str | None = None  # set when a missing scale word was assumed

    @property
    def span(self) -> Span:
        return self.mention.span


@dataclass(frozen=True, slots=True, order=True)
class FactKey:
    metric: str
    qualifiers: frozenset[str]
    segment: str | None
    period: Period

    def describe(self) -> str:
        words = sorted(q.replace("_", "-") for q in self.qualifiers)
        if self.segment:
            words.append(self.segment.lstrip("~").replace("_", " "))
        metric, _, loss = self.metric.partition(":")
        words.append(metric.replace("_", " ") + (" (stated as a loss)" if loss else ""))
        return " ".join(words)


@dataclass(frozen=True, slots=True)
class Fact:
    key: FactKey
    figure: Figure
    negated: bool = False  # stated through a loss phrase: value is -figure


@dataclass(frozen=True)
class Quantity:
    """A value a relation reads: ``evaluate(env)`` over the figures in ``figures``.

    ``env`` maps figure ids to intervals, so diagnosis can ask "what if this
    figure had another value" by changing one entry.
    """

    figures: tuple[Figure, ...]
    evaluate: Callable[[Env], Interval]
    label: str
    derived: bool = False
    notes: tuple[str, ...] = field(default=())

    @classmethod
    def of(cls, figure: Figure, label: str, sign: int = 1) -> Quantity:
        fid = figure.id
        if sign < 0:
            return cls((figure,), lambda env: -env[fid], label)
        return cls((figure,), lambda env: env[fid], label)

    def value(self, env: Env) -> Interval:
        return self.evaluate(env)


def base_env(figures: Mapping[int, Figure]) -> dict[int, Interval]:
    return {fid: f.value for fid, f in figures.items()}


PERCENT = Fraction(1, 100)
