"""Facts: claims resolved into figures under (metric, qualifiers, segment, period) keys.

Resolution turns each claim's figures into fact units, resolves periods against
the document's, and keeps the change and share claims for the rules that check
them. It also derives, in one bounded step, values that the call implies but
does not state: the prior-year figure behind a stated growth rate and current
figure, and a total from parts a company profile declares (segments).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction

from auditor.claims.claim import (
    ANONYMOUS,
    ChangeClaim,
    Claim,
    Move,
    ShareClaim,
    Stated,
    Subject,
    SumClaim,
    ValueClaim,
)
from auditor.claims.interval import Interval
from auditor.claims.mention import Kind, Mention
from auditor.claims.period import Period, relative_period
from auditor.engine.context import DocumentContext
from auditor.engine.figures import PERCENT, Fact, FactKey, Figure, Quantity
from auditor.extraction.claims import figure_fits
from auditor.extraction.contexts import FigureContext
from auditor.vocabulary.model import MetricKind, Profile, Vocabulary


@dataclass(frozen=True)
class Change:
    """A change claim with its keys resolved: rate (fact units), endpoints (quantities)."""

    claim: ChangeClaim
    start_key: FactKey
    end_key: FactKey
    rate: Figure | None
    start: Quantity | None
    end: Quantity | None
    loss: bool


@dataclass(frozen=True)
class Share:
    claim: ShareClaim
    share: Figure
    part: Quantity | None
    whole: Quantity | None
    whole_key: FactKey | None


@dataclass(frozen=True)
class Breakdown:
    """A total and the parts the call itself lists for it ("consisted of ...")."""

    claim: SumClaim
    key: FactKey
    total: Quantity
    parts: tuple[Quantity, ...]


@dataclass
class FactBase:
    vocabulary: Vocabulary
    profiles: Sequence[Profile]
    context: DocumentContext
    mentions: Sequence[Mention] = ()
    contexts: Sequence[FigureContext] = ()
    figures: dict[int, Figure] = field(default_factory=dict)
    facts: dict[FactKey, list[Fact]] = field(default_factory=dict)
    derived: dict[FactKey, list[tuple[Quantity, int]]] = field(default_factory=dict)  # (quantity, source change)
    changes: list[Change] = field(default_factory=list)
    shares: list[Share] = field(default_factory=list)
    breakdowns: list[Breakdown] = field(default_factory=list)
    foreign: list[Figure] = field(default_factory=list)  # money in another currency than the reporting one
    assumed_scale: list[Figure] = field(default_factory=list)
    _by_span: dict[tuple[int, int], Figure] = field(default_factory=dict)
    # subjects (metric, qualifiers, segment) stated with values that cannot be one figure in some period
    _overloaded: set[tuple[str, str | None]] = field(default_factory=set)  # (metric, segment), any qualifiers

    # -- figures ------------------------------------------------------------

    def figure(self, mention: Mention) -> Figure:
        key = (mention.start, mention.end)
        found = self._by_span.get(key)
        if found is not None:
            return found
        value = mention.interval
        note = None
        if mention.kind in (Kind.PERCENT, Kind.PERCENTAGE_POINTS):
            value = value * PERCENT
        elif mention.kind is Kind.BASIS_POINTS:
            value = value * Fraction(1, 10000)
        elif mention.kind is Kind.MONEY and self._missing_scale(mention):
            assert self.context.scale is not None
            value = value * self.context.scale
            note = f"read as {_scale_word(self.context.scale)}"
        fig = Figure(len(self.figures), mention, value, note)
        self.figures[fig.id] = fig
        self._by_span[key] = fig
        if note:
            self.assumed_scale.append(fig)
        return fig

    def _missing_scale(self, m: Mention) -> bool:
        """An explicit-currency amount with no scale word, in a call whose amounts have one
        ("$218 [Phonetic] million" said as "$218", "RMB 2010"); a whole number written with a
        thousands separator ("$35,000") is written out in full."""
        scale = self.context.scale
        grouped = m.decimals == 0 and m.number >= 1000 and "," in m.text
        return (scale is not None and m.scale == 1 and m.currency is not None and not m.spoken and not grouped
                and m.number < 100000 and (m.number >= 100 or m.decimals >= 1 and m.number >= 10))

    # -- keys ---------------------------------------------------------------

    def key(self, subject: Subject, period: Period) -> FactKey:
        metric = self.vocabulary.metrics.get(subject.metric)  # type: ignore[call-overload]
        qualifiers: frozenset[str] = frozenset(self.vocabulary.canonical_qualifiers(subject.qualifiers))  # type: ignore[arg-type]
        if metric is not None and metric.basis_invariant:
            qualifiers = self.vocabulary.without_basis(qualifiers)
        name = subject.metric + (":loss" if subject.negated else "")
        return FactKey(name, qualifiers, subject.segment, period)

    def kind_of(self, metric: str) -> MetricKind | None:
        found = self.vocabulary.metrics.get(metric.split(":")[0])  # type: ignore[call-overload]
        return None if found is None else found.kind

    def fits(self, subject: Subject, mention: Mention) -> bool:
        """Whether a figure can be a value of the subject (a percent is not revenue)."""
        return figure_fits(self.kind_of(subject.metric), subject, mention)

    def period_of(self, stated: Stated | None, default: Period) -> Period:
        return stated.period if stated is not None and stated.period is not None else default

    # -- adding claims -----------------------------------------------------

    def add_value(self, subject: Subject, stated: Stated, default: Period) -> Figure | None:
        if not self.fits(subject, stated.mention):
            return None
        fig = self.figure(stated.mention)
        key = self.key(subject, self.period_of(stated, default))
        if self._is_foreign(stated.mention):
            self.foreign.append(fig)
            if self.facts.get(key):
                return fig  # a translation into another currency: not the same fact
        bucket = self.facts.setdefault(key, [])
        if all(f.figure.id != fig.id for f in bucket):
            bucket.append(Fact(key, fig, subject.negated))
        return fig

    def _is_foreign(self, m: Mention) -> bool:
        cur = self.context.currency
        return m.kind is Kind.MONEY and cur is not None and m.currency is not None and m.currency != cur

    def add_claims(self, claims: Sequence[Claim]) -> None:
        current = self.context.period
        for claim in claims:
            if isinstance(claim, ValueClaim):
                self.add_value(claim.subject, claim.figure, current)
        for claim in claims:
            if isinstance(claim, ChangeClaim):
                self._add_change(claim, current)
            elif isinstance(claim, ShareClaim):
                self._add_share(claim, current)
            elif isinstance(claim, SumClaim):
                self._add_breakdown(claim, current)
        self._derive()

    def _add_change(self, claim: ChangeClaim, current: Period) -> None:
        if claim.rate is not None and claim.rate.kind in (Kind.MONEY, Kind.PER_SHARE) \
                and not self.fits(claim.subject, claim.rate):
            return  # "adjusted EPS rose ... a provision of $12.3 million, an increase of $26.8 million": not EPS
        end_period = self.period_of(claim.end, claim.said_of or current)
        basis = claim.basis
        if basis is None and claim.start is not None and claim.start.period is not None:
            basis = claim.start.period
        if basis is None:
            basis = relative_period(end_period, "prior_year") if claim.start is not None else None
        start_period = self.period_of(claim.start, basis) if basis is not None else None
        if start_period is not None and start_period.length != end_period.length:
            return  # "growth of 16% above the 2020 baseline of $18.50" said in a quarter: a year against a quarter
        end_key = self.key(claim.subject, end_period)
        start_key = self.key(claim.subject, start_period) if start_period is not None else None
        start = end = None
        # "we're up in our forecast from the $32 million to $35 million range": a start with no
        # end, rate or stated period says nothing about which period it belongs to
        said = claim.end is not None or claim.rate is not None or claim.start is None or claim.start.period is not None
        if said and claim.start is not None and self.fits(claim.subject, claim.start.mention):
            fig = self.add_value(claim.subject, claim.start, start_period or current)
            start = Quantity.of(fig, "start") if fig else None
        if claim.end is not None and self.fits(claim.subject, claim.end.mention):
            fig = self.add_value(claim.subject, claim.end, end_period)
            end = Quantity.of(fig, "end") if fig else None
        rate = self.figure(claim.rate) if claim.rate is not None and not claim.rate.garbled else None
        if start_key is None:
            start_key = end_key
        self.changes.append(Change(claim, start_key, end_key, rate, start, end, claim.subject.negated))

    def _add_breakdown(self, claim: SumClaim, current: Period) -> None:
        if claim.subject.metric in self.vocabulary.definitions:
            # "net debt of $36 million, comprised of debt of $1.70 billion and cash of $1.67 billion":
            # its definition says how the parts combine (AUD103), a sum would not
            self.add_value(claim.subject, claim.total, current)
            return
        total = self.add_value(claim.subject, claim.total, current)
        if total is None:
            return
        figures = [self.figure(m) for m in claim.parts]
        self.foreign.extend(f for f in figures if self._is_foreign(f.mention))
        parts = tuple(Quantity.of(f, f.mention.text) for f in figures)
        key = self.key(claim.subject, self.period_of(claim.total, current))
        self.breakdowns.append(Breakdown(claim, key, Quantity.of(total, total.mention.text), parts))

    def _add_share(self, claim: ShareClaim, current: Period) -> None:
        if claim.share.kind is not Kind.PERCENT:
            return
        share = self.figure(claim.share)
        period = self._start_period(claim.part_figure) or self.period_of(claim.part_figure, current)
        part = None
        if claim.part_figure is not None and self.fits(claim.part, claim.part_figure.mention):
            fig = self.figure(claim.part_figure.mention)
            part = Quantity.of(fig, "part")
        whole_key = None
        if claim.whole is not None:
            whole = claim.whole
            if (whole.segment is None and not whole.total and claim.part.segment is not None
                    and whole.metric != claim.part.metric):
                # "Machine Clothing adjusted EBITDA was $52.8 million or 35.1% of net sales": the
                # segment's own sales; "services are 30% of revenue" (the same metric) is of the total
                whole = replace(whole, segment=claim.part.segment)
            whole_key = self.key(whole, period)
        elif claim.part.segment is not None:
            whole_key = self.key(Subject(claim.part.metric, claim.part.qualifiers), period)
        self.shares.append(Share(claim, share, part, None, whole_key))

    def _start_period(self, stated: Stated | None) -> Period | None:
        """The period of a figure said with no period of its own as the start of a change
        ("up $3.0 million to $45.0 million, compared with $42.0 million"): the change's basis."""
        if stated is None or stated.period is not None:
            return None
        for change in reversed(self.changes):
            if change.claim.start is not None and change.claim.start.mention.span == stated.mention.span:
                return change.start_key.period
        return None

    # -- derivation ---------------------------------------------------------

    def _derive(self) -> None:
        """One bounded step: prior values behind growth rates; totals from declared parts."""
        self._overloaded = {(k.metric, k.segment) for k, facts in self.facts.items()
                            if _distinct_values([f.figure.value for f in facts]) >= OVERLOADED}
        # rates over one span of periods, whatever their qualifiers ("up 8.8% in constant currency")
        rates: dict[tuple[str, str | None, Period, Period], list[Interval]] = {}
        for change in self.changes:
            if change.rate is not None and change.rate.mention.kind is Kind.PERCENT:
                to = change.end_key
                rates.setdefault((to.metric, to.segment, change.start_key.period, to.period), []).append(
                    change.rate.value)
        self._overloaded |= {(metric, segment) for (metric, segment, _, _), values in rates.items()
                             if _distinct_values(values, Interval.overlaps) >= OVERLOADED}
        for index, change in enumerate(self.changes):
            if change.rate is None or change.rate.mention.kind is not Kind.PERCENT:
                continue
            sign = -1 if change.claim.move is Move.DOWN else 1
            rid = change.rate.id
            if change.start is None and change.start_key != change.end_key:
                end = change.end or self.stated(change.end_key)
                if end is not None and not self.facts.get(change.start_key):
                    e = end

                    def prior(env, e=e, rid=rid, sign=sign):  # type: ignore[no-untyped-def]
                        return e.value(env) / (1 + sign * env[rid])

                    label = f"{change.start_key.describe()} {change.start_key.period} implied by {change.rate.mention.text}"
                    q = Quantity((*e.figures, change.rate), prior, label, True)
                    self.derived.setdefault(change.start_key, []).append((q, index))
        for profile in self.profiles:
            for breakdown in profile.breakdowns:
                if not breakdown.exhaustive:
                    continue
                self._derive_breakdown(breakdown.metric, breakdown.parts, breakdown.whole)

    def _derive_breakdown(self, metric: str, parts: Sequence[str], whole: str | None) -> None:
        groups: dict[tuple[frozenset[str], Period], dict[str, Quantity]] = {}
        for key in list(self.facts) + list(self.derived):
            if key.metric == metric and key.segment in parts:
                q = self.stated(key) or self.derived_value(key)
                if q is not None:
                    groups.setdefault((key.qualifiers, key.period), {})[key.segment] = q  # type: ignore[index]
        for (quals, period), found in groups.items():
            if set(found) != set(parts):
                continue
            total_key = FactKey(metric, quals, whole, period)
            if self.facts.get(total_key):
                continue
            qs = [found[p] for p in parts]

            def total(env, qs=qs):  # type: ignore[no-untyped-def]
                value = qs[0].value(env)
                for q in qs[1:]:
                    value = value + q.value(env)
                return value

            figures = tuple(f for q in qs for f in q.figures)
            label = " + ".join(q.figures[0].mention.text for q in qs)
            self.derived.setdefault(total_key, []).append((Quantity(figures, total, label, True), -1))

    # -- lookups ------------------------------------------------------------

    def stated(self, key: FactKey) -> Quantity | None:
        """The most precise stated figure under ``key``; none when the call states values
        under this key that cannot all be one figure, and none when it states at least
        OVERLOADED different values for the subject in some period: the subject then names
        several things ("revenue" of the company and of lines of business whose names the
        vocabulary does not know), and a lookup in any period would guess. (Two values may
        be one figure and its slip, which the restatement rule reports; three are not.)
        Growth rates count too: revenue "up 9.6%", "up 8.8%" (in constant currency) and "up
        11%" (of a segment) over the same period are three things called revenue."""
        facts = self.facts.get(key)
        if not facts or (key.metric, key.segment) in self._overloaded:
            return None
        if _distinct_values([f.figure.value for f in facts]) > 1:
            return None
        best = min(facts, key=lambda f: _width(f.figure.value))
        return Quantity.of(best.figure, best.figure.mention.text)

    def named(self) -> dict[int, tuple[str, frozenset[str], str | None, str]]:
        """What the vocabulary says each figure it names is: (metric, qualifiers, segment,
        "level" or "change") by figure id, for stated values and growth rates."""
        out: dict[int, tuple[str, frozenset[str], str | None, str]] = {}
        for key, facts in self.facts.items():
            for fact in facts:
                out[fact.figure.id] = (key.metric, key.qualifiers, key.segment, "level")
        for change in self.changes:
            if change.rate is not None and change.claim.subject.metric != ANONYMOUS:
                key = change.end_key
                out[change.rate.id] = (key.metric, key.qualifiers, key.segment, "change")
        return out

    def derived_value(self, key: FactKey, not_from: int | None = None) -> Quantity | None:
        for q, source in self.derived.get(key, []):
            if not_from is None or source != not_from:
                return q
        return None

    def value(self, key: FactKey, not_from: int | None = None) -> Quantity | None:
        return self.stated(key) or self.derived_value(key, not_from)

OVERLOADED = 3  # different values of one subject in one period that make the subject ambiguous


def _distinct_values(values: Sequence[Interval],
                     agree: Callable[[Interval, Interval], bool] | None = None) -> int:
    """How many different figures the values are (each joins the first it agrees with;
    amounts may be truncated restatements, rates must overlap)."""
    agree = agree or _agree
    groups: list[Interval] = []
    for v in sorted(values, key=_width):
        if not any(agree(g, v) for g in groups):
            groups.append(v)
    return len(groups)


def _agree(a: Interval, b: Interval) -> bool:
    """Whether two stated values can be the same figure (allowing a truncated restatement)."""
    if a.overlaps(b):
        return True
    if a.low is None or a.high is None or b.low is None or b.high is None:
        return False
    span = max(a.high, b.high) - min(a.low, b.low)
    return span <= 2 * max(a.high - a.low, b.high - b.low)


def _width(i: Interval) -> Fraction:
    if i.low is None or i.high is None:
        return Fraction(10**30)
    return i.high - i.low


def _scale_word(scale: int) -> str:
    return {10**3: "thousands", 10**6: "millions", 10**9: "billions"}.get(scale, f"x{scale}")


__all__ = ["Change", "FactBase", "Share"]
