"""Relations: one stated quantity against the value the other figures imply.

A relation holds when the stated interval and (one of) the implied intervals
overlap: some choice of values inside the stated intervals satisfies it. Each
relation can be re-evaluated with one figure moved to another value, which is
what diagnosis uses to find the figure whose change repairs every failure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from auditor.claims.interval import Interval
from auditor.claims.span import Span
from auditor.engine.figures import Env, Figure, Quantity

if TYPE_CHECKING:
    from auditor.engine.rule import Rule


@dataclass(frozen=True)
class Alternative:
    """One reading of what the other figures imply ("N times" may mean N or N+1)."""

    evaluate: Callable[[Env], Interval]
    reading: str = ""


@dataclass(frozen=True)
class Relation:
    rule: Rule
    stated: Quantity            # the quantity whose stated value is checked
    implied: tuple[Alternative, ...]
    others: tuple[Quantity, ...]  # the quantities the implied value is computed from
    subject: str                # "adjusted gross margin, Q2 2024"
    kind: str = "equal"         # "equal", or "at_least" / "at_most" (direction relations)
    anchor: Span | None = None  # a word the relation is about (the direction word), if any
    matched_by_context: bool = False  # the figures were paired by the words around them, not by a metric
    symmetric: bool = False  # two statements of one figure: each must lie in the other's interval

    @property
    def figures(self) -> tuple[Figure, ...]:
        seen: dict[int, Figure] = {}
        for q in (self.stated, *self.others):
            for f in q.figures:
                seen.setdefault(f.id, f)
        return tuple(seen.values())

    def implied_values(self, env: Env) -> list[tuple[Interval, str]]:
        out = []
        for alt in self.implied:
            value = alt.evaluate(env)
            if self.kind == "at_least":
                value = Interval(value.low, None)
            elif self.kind == "at_most":
                value = Interval(None, value.high)
            out.append((value, alt.reading))
        return out

    def holding_reading(self, env: Env) -> str | None:
        """The reading under which the relation holds, or ``None`` when it fails."""
        stated = self.stated.value(env)
        for value, reading in self.implied_values(env):
            if stated.overlaps(value):
                return reading
        return None

    def holds(self, env: Env) -> bool:
        return self.holding_reading(env) is not None

    def gap(self, env: Env, index: int) -> Fraction:
        """Signed distance between stated and implied (0 when they overlap), for one reading."""
        stated = self.stated.value(env)
        value = self.implied_values(env)[index][0]
        if stated.overlaps(value):
            return Fraction(0)
        if value.high is not None and stated.low is not None and stated.low > value.high:
            return stated.low - value.high
        assert value.low is not None and stated.high is not None
        return stated.high - value.low
