"""The typed vocabulary: what the rule packs under ``rules/`` say, checked and indexed.

Built by :func:`auditor.vocabulary.packs.load_vocabulary`; immutable afterwards.

Phrases are matched in *normalised* form (:func:`normalize_phrase`: lower case,
hyphens and dashes as spaces, commas dropped, runs of white space as one space), so
"Year-over-Year", "year over year" and "year  over year" are one phrase. A few
abbreviations that are also ordinary words or names ("GM") are matched with their
case as written instead (``Phrase.case_sensitive``).

Losses are negative profits. "operating loss" is a *negated* phrase of the metric
``operating_income``: a fact read through it carries ``value = -stated``. Direction
words describe the *stated magnitude* ("loss narrowed" = the loss got smaller), so
growth rates of a loss phrase are computed on the magnitudes the call states, while
identities and margins use the signed value (operating margin of a loss is negative).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType

from auditor.vocabulary.expr import Expr, linear_terms
from auditor.vocabulary.ids import MetricId, ProfileId, QualifierId, SegmentId

__all__ = [
    "Better",
    "Breakdown",
    "ChangeTerm",
    "Comparison",
    "Direction",
    "DirectionTerm",
    "Identity",
    "Metric",
    "MetricId",
    "MetricKind",
    "MetricTerm",
    "PeriodId",
    "PeriodKind",
    "PeriodTerm",
    "Phrase",
    "PhraseCategory",
    "Profile",
    "ProfileId",
    "Qualifier",
    "QualifierAxis",
    "QualifierId",
    "Segment",
    "SegmentId",
    "UnitHint",
    "Variant",
    "Vocabulary",
    "normalize_phrase",
]


_DASHES = re.compile(r"[-\u2010\u2011\u2012\u2013\u2014]")
_SPACES = re.compile(r"\s+")


def normalize_phrase(text: str) -> str:
    """The matching form of a phrase: lower case, dashes as spaces, no commas, single spaces."""
    text = _DASHES.sub(" ", text.lower()).replace(",", " ")
    return _SPACES.sub(" ", text).strip()


class MetricKind(enum.Enum):
    AMOUNT = "amount"  # money: revenue, capex, cash
    RATIO = "ratio"  # a fraction: margins, rates, multiples (0.149 for "14.9%")
    PER_SHARE = "per_share"  # money per share: EPS, dividend per share
    COUNT = "count"  # units: deliveries, customers, headcount


class UnitHint(enum.Enum):
    CURRENCY = "currency"
    PERCENT = "percent"
    MULTIPLE = "multiple"
    UNITS = "units"
    CURRENCY_PER_SHARE = "currency_per_share"


_DEFAULT_UNIT = {
    MetricKind.AMOUNT: UnitHint.CURRENCY,
    MetricKind.RATIO: UnitHint.PERCENT,
    MetricKind.PER_SHARE: UnitHint.CURRENCY_PER_SHARE,
    MetricKind.COUNT: UnitHint.UNITS,
}


def default_unit(kind: MetricKind) -> UnitHint:
    return _DEFAULT_UNIT[kind]


class Better(enum.Enum):
    """Which way a metric moves when things improve ("costs improved" = went down)."""

    HIGHER = "higher"
    LOWER = "lower"


class QualifierAxis(enum.Enum):
    """Qualifiers on one axis exclude each other (unless equivalent); axes combine."""

    BASIS = "basis"  # GAAP, non-GAAP/adjusted, core, underlying, pro forma
    SCOPE = "scope"  # reported, organic, constant currency, like-for-like
    DILUTION = "dilution"  # basic, diluted


class PeriodKind(enum.Enum):
    RELATIVE = "relative"  # relative to the document's own period: this quarter, a year ago
    PART = "part"  # a part of a fiscal year, completed by a year: Q2, first half, full year


class PeriodId(enum.Enum):
    # relative
    CURRENT = "current"  # the period the call reports on
    CURRENT_YEAR = "current_year"  # the fiscal year that contains it ("this year")
    PRIOR_YEAR = "prior_year"  # the same period one year earlier
    PRIOR_QUARTER = "prior_quarter"  # the quarter before
    NEXT_QUARTER = "next_quarter"
    NEXT_YEAR = "next_year"
    # parts of a fiscal year
    Q1 = "q1"
    Q2 = "q2"
    Q3 = "q3"
    Q4 = "q4"
    H1 = "h1"
    H2 = "h2"
    NINE_MONTHS = "nine_months"
    FULL_YEAR = "full_year"
    YTD = "ytd"

    @property
    def kind(self) -> PeriodKind:
        relative = {"current", "current_year", "prior_year", "prior_quarter", "next_quarter", "next_year"}
        return PeriodKind.RELATIVE if self.value in relative else PeriodKind.PART


class Direction(enum.Enum):
    UP = "up"
    DOWN = "down"
    FLAT = "flat"
    BETTER = "better"  # resolved with Metric.better: "margin improved" = up, "costs improved" = down
    WORSE = "worse"
    ANY = "any"  # change nouns without a direction ("change", "swing")


class PhraseCategory(enum.Enum):
    METRIC = "metric"
    QUALIFIER = "qualifier"
    PERIOD = "period"
    COMPARISON = "comparison"  # growth bases: year over year, sequentially
    DIRECTION = "direction"  # verbs and adjectives: increased, down, narrowed
    CHANGE = "change"  # nouns: growth, increase, decline
    SEGMENT = "segment"  # from a company profile


@dataclass(frozen=True, slots=True)
class Phrase:
    """One matchable phrase. ``id`` is the metric/qualifier/segment id or the enum value."""

    text: str
    category: PhraseCategory
    id: str
    negated: bool = False
    qualifiers: frozenset[QualifierId] = frozenset()
    case_sensitive: bool = False


@dataclass(frozen=True, slots=True)
class MetricTerm:
    """What a metric phrase means: the metric, qualifiers it implies, whether it names a loss."""

    metric: MetricId
    qualifiers: frozenset[QualifierId] = frozenset()
    negated: bool = False


@dataclass(frozen=True, slots=True)
class Variant:
    """Phrases that name a metric with implied qualifiers or a flipped sign ("net loss")."""

    synonyms: tuple[str, ...]
    qualifiers: frozenset[QualifierId] = frozenset()
    negated: bool = False


@dataclass(frozen=True, slots=True)
class Metric:
    id: MetricId
    kind: MetricKind
    synonyms: tuple[str, ...]
    source: str
    variants: tuple[Variant, ...] = ()
    abbreviations: tuple[str, ...] = ()
    definition: Expr | None = None
    unit_hint: UnitHint = UnitHint.CURRENCY
    better: Better = Better.HIGHER
    basis_invariant: bool = False  # same value under GAAP and adjusted (revenue, cash, counts)
    description: str = ""


@dataclass(frozen=True, slots=True)
class Qualifier:
    id: QualifierId
    axis: QualifierAxis
    synonyms: tuple[str, ...]
    source: str
    abbreviations: tuple[str, ...] = ()
    implied: bool = False  # what a figure with no qualifier on this axis has ("reported")
    description: str = ""
    openers: tuple[str, ...] = ()  # "Excluding ..., <figures>": a sentence opened so is on this basis


@dataclass(frozen=True, slots=True)
class Identity:
    """``total = expression`` between facts with the same qualifiers, segment and period.

    ``exhaustive`` false means the listed parts may leave something out: the check is
    then ``sum(parts) <= total`` for non-negative parts rather than equality.
    """

    name: str
    total: MetricId
    expression: Expr
    source: str
    exhaustive: bool = True
    description: str = ""

    def metrics(self) -> frozenset[MetricId]:
        return self.expression.metrics() | {self.total}

    def coefficients(self) -> dict[MetricId, Fraction] | None:
        """``expression`` as ``{metric: coefficient}`` when linear (see ``expr.linear_terms``)."""
        return linear_terms(self.expression)


@dataclass(frozen=True, slots=True)
class PeriodTerm:
    id: PeriodId
    synonyms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Comparison:
    """A growth basis: "year over year" compares with ``PeriodId.PRIOR_YEAR``."""

    id: str
    against: PeriodId
    synonyms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DirectionTerm:
    direction: Direction
    synonyms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ChangeTerm:
    direction: Direction
    synonyms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Segment:
    id: SegmentId
    synonyms: tuple[str, ...]
    parent: SegmentId | None = None
    description: str = ""


@dataclass(frozen=True, slots=True)
class Breakdown:
    """``metric`` of ``whole`` (the company when ``None``) = sum of ``metric`` of ``parts``."""

    name: str
    metric: MetricId
    parts: tuple[SegmentId, ...]
    whole: SegmentId | None = None
    exhaustive: bool = True


@dataclass(frozen=True, slots=True, eq=False)
class Profile:
    """A company profile: applies to documents in which one of ``matchers`` occurs.

    Compared and hashed by identity (it holds mappings), so it can key a cache.
    """

    id: ProfileId
    name: str
    matchers: tuple[str, ...]
    source: str
    currency: str | None = None
    default_scale: str | None = None
    segments: Mapping[SegmentId, Segment] = field(default_factory=lambda: MappingProxyType({}))
    breakdowns: tuple[Breakdown, ...] = ()
    identities: tuple[Identity, ...] = ()
    phrases: tuple[Phrase, ...] = ()  # segment names and profile-only metric synonyms
    description: str = ""

    def matches(self, text: str) -> bool:
        return _matcher_pattern(self.matchers).search(text) is not None


def _matcher_pattern(matchers: Sequence[str]) -> re.Pattern[str]:
    words = [r"\s+".join(re.escape(w) for w in m.split()) for m in matchers]
    return re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)", re.IGNORECASE)


def _phrase_order(phrases: Iterable[Phrase]) -> tuple[Phrase, ...]:
    return tuple(sorted(phrases, key=lambda p: (-len(p.text), p.text, p.category.value)))


@dataclass(frozen=True, slots=True, eq=False)
class Vocabulary:
    """Everything the packs say, indexed. Compared and hashed by identity, so it can key a cache."""

    metrics: Mapping[MetricId, Metric]
    qualifiers: Mapping[QualifierId, Qualifier]
    equivalences: tuple[frozenset[QualifierId], ...]
    identities: tuple[Identity, ...]
    periods: tuple[PeriodTerm, ...]
    comparisons: tuple[Comparison, ...]
    directions: tuple[DirectionTerm, ...]
    changes: tuple[ChangeTerm, ...]
    profiles: Mapping[ProfileId, Profile]
    global_phrases: tuple[Phrase, ...]  # longest first, every category but segments
    phrase_index: Mapping[str, Phrase]  # normalised text -> phrase (case-insensitive ones)
    abbreviation_index: Mapping[str, Phrase]  # text as written -> phrase (case-sensitive ones)
    sources: tuple[str, ...] = ()  # the pack files, in load order

    # -- metrics ------------------------------------------------------------

    def metric(self, metric_id: str) -> Metric:
        """The metric ``metric_id``; ``KeyError`` when no pack defines it."""
        return self.metrics[MetricId(metric_id)]

    def find_metric(self, metric_id: str) -> Metric | None:
        return self.metrics.get(MetricId(metric_id))

    def profile(self, profile_id: str) -> Profile:
        """The profile ``profile_id``; ``KeyError`` when no pack defines it."""
        return self.profiles[ProfileId(profile_id)]

    @property
    def definitions(self) -> Mapping[MetricId, Expr]:
        return MappingProxyType({m.id: m.definition for m in self.metrics.values() if m.definition is not None})

    def lookup(self, phrase: str, profiles: Sequence[Profile] = ()) -> MetricTerm | None:
        """The metric a phrase names ("Revenues" -> revenue, "net loss" -> net_income, negated)."""
        found = self.find_phrase(phrase, profiles)
        if found is None or found.category is not PhraseCategory.METRIC:
            return None
        return MetricTerm(MetricId(found.id), found.qualifiers, found.negated)

    def find_phrase(self, phrase: str, profiles: Sequence[Profile] = ()) -> Phrase | None:
        """The entry for one whole phrase, any category (exact-case abbreviations first)."""
        written = _SPACES.sub(" ", phrase).strip()
        found = self.abbreviation_index.get(written) or self.phrase_index.get(normalize_phrase(phrase))
        if found is not None:
            return found
        for candidate in (p for profile in profiles for p in profile.phrases):
            target = written if candidate.case_sensitive else normalize_phrase(phrase)
            if candidate.text == target:
                return candidate
        return None

    def resolve_direction(self, direction: Direction, term: MetricTerm) -> Direction:
        """Turn "better"/"worse" into up/down of the stated magnitude of ``term``.

        "gross margin improved" is up; "costs improved" is down (``better = "lower"``);
        "the operating loss improved" is down (a loss phrase: the magnitude fell).
        Other directions come back unchanged.
        """
        if direction not in (Direction.BETTER, Direction.WORSE):
            return direction
        metric = self.metrics.get(term.metric)
        higher_is_better = metric is None or metric.better is Better.HIGHER
        up_is_good = higher_is_better != term.negated
        good = direction is Direction.BETTER
        return Direction.UP if up_is_good == good else Direction.DOWN

    # -- qualifiers ---------------------------------------------------------

    def canonical_qualifier(self, qualifier: QualifierId) -> QualifierId:
        """One representative per equivalence group ("non_gaap" for "adjusted")."""
        for group in self.equivalences:
            if qualifier in group:
                return min(group)
        return qualifier

    def canonical_qualifiers(self, qualifiers: Iterable[QualifierId]) -> frozenset[QualifierId]:
        """The matching key of a qualifier set: implied ones dropped, equivalents merged."""
        out = set()
        for q in qualifiers:
            known = self.qualifiers.get(q)
            if known is not None and known.implied:
                continue
            out.add(self.canonical_qualifier(q))
        return frozenset(out)

    def without_basis(self, qualifiers: Iterable[str]) -> frozenset[str]:
        """The qualifiers off the accounting-basis axis: what still sets apart a figure of a
        basis-invariant metric ("constant currency revenue" is not revenue; "adjusted revenue" is)."""
        return frozenset(q for q in qualifiers
                         if (known := self.qualifiers.get(QualifierId(q))) is None or known.axis is not QualifierAxis.BASIS)

    def same_qualifiers(self, a: Iterable[QualifierId], b: Iterable[QualifierId]) -> bool:
        return self.canonical_qualifiers(a) == self.canonical_qualifiers(b)

    # -- identities and profiles --------------------------------------------

    def identities_for(self, profiles: Sequence[Profile] = ()) -> tuple[Identity, ...]:
        """Core identities plus those of ``profiles`` (a profile's with the same name wins)."""
        scoped = [i for p in profiles for i in p.identities]
        names = {i.name for i in scoped}
        return tuple(i for i in self.identities if i.name not in names) + tuple(scoped)

    def profiles_for(self, text: str) -> tuple[Profile, ...]:
        """The profiles whose matchers occur in ``text`` (whole words, any case)."""
        return tuple(p for p in self.profiles.values() if p.matches(text))

    # -- phrases for the claim grammar --------------------------------------

    def phrases(self, profiles: Sequence[Profile] = ()) -> tuple[Phrase, ...]:
        """Every phrase, longest first; with ``profiles``, their segments and synonyms too.

        Texts are normalised (see :func:`normalize_phrase`) unless ``case_sensitive``.
        """
        if not profiles:
            return self.global_phrases
        return _phrase_order((*self.global_phrases, *(p for prof in profiles for p in prof.phrases)))
