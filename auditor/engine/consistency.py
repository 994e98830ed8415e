"""Consistency rules: restatements, direction words, currency."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator, Sequence

from auditor.claims.claim import Move
from auditor.claims.interval import Interval
from auditor.engine.facts import FactBase
from auditor.engine.figures import Env, Figure, Quantity
from auditor.engine.relation import Alternative, Relation
from auditor.engine.rule import Rule
from auditor.engine.severity import Severity
from auditor.extraction.contexts import FigureContext


def _spoken_tolerance(figure: Figure, sign: int = 1) -> Quantity:
    """A restated amount may be rounded or truncated: "728 million" for 728.7 million.

    Only amounts with a scale word are read as possibly truncated; percentages and
    small amounts are taken as rounded.
    """
    fid = figure.id
    if figure.mention.scale < 10**3:
        return Quantity.of(figure, figure.mention.text)

    def widened(env: Env) -> Interval:
        v = env[fid]
        if v.low is None or v.high is None:
            return v
        return Interval(v.low, v.high + (v.high - v.low)) if v.low >= 0 else Interval(v.low - (v.high - v.low), v.high)

    return Quantity((figure,), widened, figure.mention.text)


class RestatementMismatch(Rule):
    """The same fact is stated twice with values that cannot both be true.

    Fails:
        Total revenue was $417.5 million this quarter. Again, total revenue for the quarter was $470.5 million.
    Passes:
        Total revenue was $417.5 million this quarter. Again, total revenue for the quarter was $418 million.
    """

    code = "AUD201"
    name = "restatement-mismatch"
    severity = Severity.ERROR

    def relations(self, facts: FactBase) -> Iterator[Relation]:
        paired: set[frozenset[int]] = set()
        for key, stated in facts.facts.items():
            if len(stated) < 2:
                continue
            ordered = sorted(stated, key=lambda f: (_width(f.figure.value), f.figure.mention.start))
            best = ordered[0].figure
            for other in ordered[1:]:
                if other.figure.mention.span == best.mention.span:
                    continue
                paired.add(frozenset((best.id, other.figure.id)))
                yield self._pair(best, other.figure, f"{key.describe()}, {key.period}")
        named = facts.named()
        for a, b in similar_contexts(facts.contexts):
            fa, fb = facts.figure(a.mention), facts.figure(b.mention)
            if frozenset((fa.id, fb.id)) in paired:
                continue
            if fa.id in named and fb.id in named and named[fa.id] != named[fb.id]:
                continue  # the vocabulary names both, as different things: the words around them mislead
            paired.add(frozenset((fa.id, fb.id)))
            tight, loose = sorted((fa, fb), key=lambda f: (_width(f.value), f.mention.start))
            shared = " ".join(sorted(a.words & b.words)[:4])
            yield self._pair(tight, loose, f"the figure for '{shared}'", by_context=True)

    def _pair(self, best: Figure, other: Figure, subject: str, by_context: bool = False) -> Relation:
        anchor = Quantity.of(best, best.mention.text)
        return Relation(self, _spoken_tolerance(other), (Alternative(anchor.evaluate),), (anchor,), subject,
                        matched_by_context=by_context, symmetric=True)


SIMILAR = 0.7       # share of the (weighted) words two contexts must have in common
SHARED_WORDS = 2    # and at least this many words


def similar_contexts(contexts: Sequence[FigureContext]) -> Iterator[tuple[FigureContext, FigureContext]]:
    """Pairs of figures in different sentences whose contexts name the same thing.

    Words are weighted by rarity in the document (a word in every context says
    nothing); each figure is paired with its most similar partner only.
    """
    if len(contexts) < 2:
        return
    # words are visited in sorted order everywhere: the result must not depend on hashing
    df: Counter[str] = Counter(w for c in contexts for w in sorted(c.words))
    n = len(contexts)
    weight = {w: math.log((n + 1) / d) for w, d in df.items()}
    by_word: dict[str, list[int]] = {}
    for i, c in enumerate(contexts):
        for w in sorted(c.words):
            by_word.setdefault(w, []).append(i)
    seen: set[tuple[int, int]] = set()
    for i, c in enumerate(contexts):
        counts: Counter[int] = Counter(j for w in sorted(c.words) for j in by_word[w] if j != i)
        best: tuple[float, int] | None = None
        for j, shared in sorted(counts.items()):
            other = contexts[j]
            if (shared < SHARED_WORDS or other.sentence == c.sentence or other.mention.kind is not c.mention.kind
                    or other.role != c.role or other.period != c.period
                    or other.mention.scale != c.mention.scale
                    or (c.mention.currency and other.mention.currency and c.mention.currency != other.mention.currency)):
                continue
            common = sum(weight[w] for w in sorted(c.words & other.words))
            union = sum(weight[w] for w in sorted(c.words | other.words))
            score = common / union if union else 0.0
            if score >= SIMILAR and (best is None or score > best[0]):
                best = (score, j)
        if best is not None:
            pair = (min(i, best[1]), max(i, best[1]))
            if pair not in seen:
                seen.add(pair)
                yield contexts[pair[0]], contexts[pair[1]]


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
            # only figures the sentence itself pairs with the word: a value looked up
            # elsewhere may be another segment's
            start, end = change.start, change.end
            if start is None or end is None:
                continue

            def delta(env: Env, start: Quantity = start, end: Quantity = end) -> Interval:
                return end.value(env) - start.value(env)

            zero = Alternative(lambda env: Interval.point(0), "")
            stated = Quantity((*start.figures, *end.figures), delta, change.claim.word.text)
            yield Relation(self, stated, (zero,), (start, end), f"{change.end_key.describe()}, {change.end_key.period}",
                           kind="at_least" if move is Move.UP else "at_most", anchor=change.claim.word)
