"""Consistency rules: restatements, direction words, currency."""

from __future__ import annotations

from typing import Iterator

from auditor.claims.claim import Move
from auditor.claims.interval import Interval
from auditor.engine.facts import FactBase
from auditor.engine.figures import Env, Figure, Quantity
from auditor.engine.relation import Alternative, Relation
from auditor.engine.rule import Rule
from auditor.engine.severity import Severity


def _spoken_tolerance(figure: Figure, sign: int = 1) -> Quantity:
    """A restated figure may be rounded or truncated: "728 million" for 728.7 million."""
    fid = figure.id

    def widened(env: Env) -> Interval:
        v = env[fid]
        if v.low is None or v.high is None:
            return v
        return Interval(v.low, v.high + (v.high - v.low)) if v.low >= 0 else Interval(v.low - (v.high - v.low), v.high)

    return Quantity((figure,), widened, figure.mention.text)


class RestatementMismatch(Rule):
    """The same fact is stated twice with values that cannot both be true.

    Fails:
        Total revenue was $412.5 million this quarter. Again, total revenue for the quarter was $421.5 million.
    Passes:
        Total revenue was $412.5 million this quarter. Again, total revenue for the quarter was $413 million.
    """

    code = "AUD201"
    name = "restatement-mismatch"
    severity = Severity.ERROR

    def relations(self, facts: FactBase) -> Iterator[Relation]:
        for key, stated in facts.facts.items():
            if len(stated) < 2:
                continue
            ordered = sorted(stated, key=lambda f: (_width(f.figure.value), f.figure.mention.start))
            best = ordered[0].figure
            anchor = Quantity.of(best, best.mention.text)
            for other in ordered[1:]:
                if other.figure.mention.span == best.mention.span:
                    continue
                yield Relation(self, _spoken_tolerance(other.figure), (Alternative(anchor.evaluate),), (anchor,),
                               f"{key.describe()}, {key.period}")


def _width(i: Interval) -> object:
    if i.low is None or i.high is None:
        return float("inf")
    return i.high - i.low


class DirectionMismatch(Rule):
    """A direction word contradicts the figures: "increased" to a lower figure, a loss that "narrowed" but grew.

    Fails:
        Operating loss narrowed from $12.0 million to $15.5 million.
    Passes:
        Operating loss narrowed from $15.5 million to $12.0 million.
    """

    code = "AUD202"
    name = "direction-mismatch"
    severity = Severity.ERROR

    def relations(self, facts: FactBase) -> Iterator[Relation]:
        for index, change in enumerate(facts.changes):
            move = change.claim.move
            if move is None or change.claim.word is None:
                continue
            start = change.start or facts.stated(change.start_key)
            end = change.end or facts.stated(change.end_key)
            if start is None or end is None or change.start_key == change.end_key and not (change.start and change.end):
                continue

            def delta(env: Env, start: Quantity = start, end: Quantity = end) -> Interval:
                return end.value(env) - start.value(env)

            zero = Alternative(lambda env: Interval.point(0), "")
            stated = Quantity((*start.figures, *end.figures), delta, change.claim.word.text)
            yield Relation(self, stated, (zero,), (start, end), f"{change.end_key.describe()}, {change.end_key.period}",
                           kind="at_least" if move is Move.UP else "at_most", anchor=change.claim.word)
