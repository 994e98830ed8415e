"""Arithmetic rules: growth, ratios and margins, shares, sums, multiples, point changes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from fractions import Fraction

from auditor.claims.claim import Move
from auditor.claims.interval import Interval
from auditor.claims.mention import Kind
from auditor.engine.facts import Change, FactBase
from auditor.engine.figures import Env, FactKey, Figure, Quantity
from auditor.engine.relation import Alternative, Relation
from auditor.engine.rule import Rule
from auditor.engine.severity import Severity
from auditor.vocabulary.expr import Expr
from auditor.vocabulary.ids import MetricId
from auditor.vocabulary.model import MetricKind


def _rate(change: Change, figure: Figure) -> Quantity:
    sign = -1 if change.claim.move is Move.DOWN else 1
    return Quantity.of(figure, figure.mention.text, sign)


def _endpoints(facts: FactBase, index: int, change: Change) -> tuple[Quantity, Quantity] | None:
    start = change.start or facts.stated(change.start_key)
    end = change.end or facts.stated(change.end_key)
    if start is None or end is None or change.start_key == change.end_key and not (change.start and change.end):
        return None
    if change.rate is not None and any(f.id == change.rate.id for f in (*start.figures, *end.figures)):
        return None
    return start, end


def _subject(key: FactKey) -> str:
    return f"{key.describe()}, {key.period}"


class GrowthMismatch(Rule):
    """A stated growth rate disagrees with its own from/to figures.

    Fails:
        Revenue grew 12% from $50.0 million to $58.0 million.
    Passes:
        Revenue grew 16% from $50.0 million to $58.0 million.
    """

    code = "AUD102"
    name = "growth-mismatch"
    severity = Severity.ERROR
    checks_claims = True

    def relations(self, facts: FactBase) -> Iterator[Relation]:
        return _change_relations(self, facts, (Kind.PERCENT,), _growth)


class MultipleMismatch(Rule):
    """A stated multiple disagrees with its figures ("increased by N times" may mean N or N+1 times).

    Fails:
        EBITDA was $406 million, an increase of 5.7 times from $66 million a year ago.
    Passes:
        EBITDA was $406 million, an increase of 5.7 times from $60.6 million a year ago.
    """

    code = "AUD105"
    name = "multiple-mismatch"
    severity = Severity.ERROR
    checks_claims = True

    def relations(self, facts: FactBase) -> Iterator[Relation]:
        return _change_relations(self, facts, (Kind.MULTIPLE,), _multiple, signed=False)


class PointsChangeMismatch(Rule):
    """A change stated in basis or percentage points disagrees with its from/to figures.

    Fails:
        Gross margin expanded 150 basis points from 14.9% to 16.9%.
    Passes:
        Gross margin expanded 150 basis points from 14.9% to 16.4%.
    """

    code = "AUD106"
    name = "points-change-mismatch"
    severity = Severity.ERROR
    checks_claims = True

    def relations(self, facts: FactBase) -> Iterator[Relation]:
        return _change_relations(self, facts, (Kind.BASIS_POINTS, Kind.PERCENTAGE_POINTS), _difference, ratio=True)


class DifferenceMismatch(Rule):
    """A change stated as an amount disagrees with its from/to figures.

    Fails:
        Operating expenses increased $7.5 million to $92.8 million from $87.3 million.
    Passes:
        Operating expenses increased $5.5 million to $92.8 million from $87.3 million.
    """

    code = "AUD107"
    name = "difference-mismatch"
    severity = Severity.ERROR
    checks_claims = True

    def relations(self, facts: FactBase) -> Iterator[Relation]:
        return _change_relations(self, facts, (Kind.MONEY,), _difference, ratio=False)


Readings = Callable[[Change, Quantity, Quantity], tuple[Alternative, ...]]


def _change_relations(rule: Rule, facts: FactBase, kinds: tuple[Kind, ...], readings: Readings,
                      signed: bool = True, ratio: bool | None = None) -> Iterator[Relation]:
    """One relation per change claim whose rate is of ``kinds``: the stated rate (signed by
    the direction word when ``signed``) against what its from/to figures give."""
    for index, change in enumerate(facts.changes):
        if change.rate is None or change.rate.mention.kind not in kinds:
            continue
        if ratio is not None and (facts.kind_of(change.end_key.metric) is MetricKind.RATIO) != ratio:
            continue
        ends = _endpoints(facts, index, change)
        if ends is None:
            continue
        stated = _rate(change, change.rate) if signed else Quantity.of(change.rate, change.rate.mention.text)
        yield Relation(rule, stated, readings(change, *ends), ends, _subject(change.end_key))


def _growth(change: Change, start: Quantity, end: Quantity) -> tuple[Alternative, ...]:
    """The relative change; between two percentages also their difference, as speakers say
    "%" for points ("EBITDA margin increased over 6% to 63.9% from 57.7%")."""
    def growth(env: Env) -> Interval:
        s = start.value(env)
        return (end.value(env) - s) / s

    def points(env: Env) -> Interval:
        return end.value(env) - start.value(env)

    if all(f.mention.kind is Kind.PERCENT for f in (*start.figures, *end.figures)):
        return (Alternative(growth), Alternative(points, "in percentage points"))
    return (Alternative(growth),)


def _multiple(change: Change, start: Quantity, end: Quantity) -> tuple[Alternative, ...]:
    def ratio(env: Env) -> Interval:
        return end.value(env) / start.value(env)

    def increase(env: Env) -> Interval:
        return end.value(env) / start.value(env) - 1

    if change.claim.said_by or change.claim.move is Move.UP:
        return (Alternative(ratio, "N times the base"),
                Alternative(increase, "an increase of N times the base (N+1 times)"))
    return (Alternative(ratio, "N times the base"),)


def _difference(change: Change, start: Quantity, end: Quantity) -> tuple[Alternative, ...]:
    """Points of a ratio, or an amount: to - from = change."""
    def delta(env: Env) -> Interval:
        return end.value(env) - start.value(env)

    return (Alternative(delta),)


class RatioMismatch(Rule):
    """A stated margin or ratio disagrees with its definition (rules/): profit over revenue.

    Fails:
        Revenue was $200.0 million and gross profit $80.0 million, a gross margin of 45.0%.
    Passes:
        Revenue was $200.0 million and gross profit $80.0 million, a gross margin of 40.0%.
    """

    code = "AUD103"
    name = "ratio-mismatch"
    severity = Severity.ERROR

    def relations(self, facts: FactBase) -> Iterator[Relation]:
        definitions = facts.vocabulary.definitions
        for key in list(facts.facts):
            definition = definitions.get(key.metric)  # type: ignore[call-overload]
            if definition is None:
                continue
            stated = facts.stated(key)
            if stated is None:
                continue
            operands: dict[str, Quantity] = {}
            for metric in sorted(definition.metrics()):
                q = self._operand(facts, key, metric)
                if q is None:
                    break
                operands[metric] = q
            else:
                if not any(not q.derived for q in operands.values()) and stated.derived:
                    continue

                def implied(env: Env, definition: Expr = definition, operands: dict[str, Quantity] = operands) -> Interval:
                    return definition.evaluate({MetricId(m): q.value(env) for m, q in operands.items()})

                yield Relation(self, stated, (Alternative(implied),), tuple(operands.values()), _subject(key))

    @staticmethod
    def _operand(facts: FactBase, key: FactKey, metric: str) -> Quantity | None:
        """The operand with the ratio's qualifiers; for an unqualified ratio ("the EBITDA
        margin" after "non-GAAP EBITDA was ..."), the one qualified variant the call states."""
        found = facts.vocabulary.metrics.get(metric)  # type: ignore[call-overload]
        qualifiers = facts.vocabulary.without_basis(key.qualifiers) if found is not None and found.basis_invariant \
            else key.qualifiers
        q = facts.value(FactKey(metric, qualifiers, key.segment, key.period))
        if q is not None or qualifiers:
            return q
        variants = [k for k in (*facts.facts, *facts.derived)
                    if k.metric == metric and k.segment == key.segment and k.period == key.period]
        return facts.value(variants[0]) if len({k.qualifiers for k in variants}) == 1 else None


class ShareMismatch(Rule):
    """A stated share of a whole disagrees with the part and the whole.

    Fails:
        Services revenue was $30.0 million, accounting for 40% of total revenue of $100.0 million.
    Passes:
        Services revenue was $30.0 million, accounting for 30% of total revenue of $100.0 million.
    """

    code = "AUD104"
    name = "share-mismatch"
    severity = Severity.ERROR
    checks_claims = True

    def relations(self, facts: FactBase) -> Iterator[Relation]:
        for share in facts.shares:
            if share.part is None or share.whole_key is None:
                continue
            whole = facts.value(share.whole_key)
            if whole is None or any(f.id == share.share.id for f in whole.figures):
                continue
            part = share.part

            def implied(env: Env, part: Quantity = part, whole: Quantity = whole) -> Interval:
                return part.value(env) / whole.value(env)

            yield Relation(self, Quantity.of(share.share, share.share.mention.text), (Alternative(implied),),
                           (part, whole), _subject(share.whole_key))


class SumMismatch(Rule):
    """Parts do not add up to their total (identities and segment breakdowns in rules/).

    Fails:
        Operating expenses were $60.0 million: R&D of $25.0 million, sales and marketing of $20.0 million and G&A of $18.0 million.
    Passes:
        Operating expenses were $63.0 million: R&D of $25.0 million, sales and marketing of $20.0 million and G&A of $18.0 million.
    """

    code = "AUD101"
    name = "sum-mismatch"
    severity = Severity.ERROR

    def relations(self, facts: FactBase) -> Iterator[Relation]:
        for identity in facts.vocabulary.identities_for(facts.profiles):
            coefficients = identity.coefficients()
            if coefficients is None:
                continue
            yield from self._check(facts, identity.total, {str(m): c for m, c in coefficients.items()}, None,
                                   identity.exhaustive)
        for profile in facts.profiles:
            for breakdown in profile.breakdowns:
                by_part = {str(p): Fraction(1) for p in breakdown.parts}
                yield from self._check(facts, breakdown.metric, by_part, breakdown.whole,
                                       breakdown.exhaustive, by_segment=True)
        for listed in facts.breakdowns:
            def listed_sum(env: Env, parts: tuple[Quantity, ...] = listed.parts) -> Interval:
                value = Interval.point(0)
                for q in parts:
                    value = value + q.value(env)
                return value

            yield Relation(self, listed.total, (Alternative(listed_sum),), listed.parts, _subject(listed.key),
                           kind="equal" if listed.claim.exhaustive else "at_least")

    def _check(self, facts: FactBase, total_metric: str, coefficients: dict[str, Fraction],
               whole: str | None, exhaustive: bool, by_segment: bool = False) -> Iterator[Relation]:
        for key in [k for k in facts.facts if k.metric == total_metric]:
            if by_segment and key.segment != whole:
                continue
            total = facts.stated(key)
            if total is None:
                continue
            parts: list[tuple[Fraction, Quantity]] = []
            for name, coefficient in coefficients.items():
                part_key = (FactKey(total_metric, key.qualifiers, name, key.period) if by_segment
                            else FactKey(name, key.qualifiers, key.segment, key.period))
                q = facts.stated(part_key)
                if q is None:
                    break
                parts.append((coefficient, q))
            else:
                def implied(env: Env, parts=parts) -> Interval:  # type: ignore[no-untyped-def]
                    value = Interval.point(0)
                    for c, q in parts:
                        value = value + q.value(env) * c
                    return value

                yield Relation(self, total, (Alternative(implied),), tuple(q for _, q in parts), _subject(key),
                               kind="equal" if exhaustive else "at_least")
