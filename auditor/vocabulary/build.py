"""Merge checked pack files into one :class:`Vocabulary`, checking cross references.

Phases, so that a pack may name a metric another pack defines: (1) metrics and
qualifiers from every file; (2) everything that refers to them. Profile packs are
built last, each with its own phrase scope that must not clash with the global one.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any, TypeVar

from auditor.errors import RulePackError
from auditor.vocabulary import schema
from auditor.vocabulary.expr import Expr, parse_expression, sum_of
from auditor.vocabulary.ids import MetricId, ProfileId, QualifierId, SegmentId
from auditor.vocabulary.model import (
    Better,
    Breakdown,
    ChangeTerm,
    Comparison,
    Direction,
    DirectionTerm,
    Identity,
    Metric,
    MetricKind,
    PeriodId,
    PeriodTerm,
    Phrase,
    PhraseCategory,
    Profile,
    Qualifier,
    QualifierAxis,
    Segment,
    UnitHint,
    Variant,
    Vocabulary,
    _phrase_order,
    default_unit,
    normalize_phrase,
)
from auditor.vocabulary.schema import PackFile, label

_ID = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*\Z")
_CURRENCY = re.compile(r"[A-Z]{3}\Z")

E = TypeVar("E", bound=enum.Enum)


def _enum(cls: type[E], value: str, where: str, key: str) -> E:
    try:
        return cls(value)
    except ValueError:
        allowed = ", ".join(repr(m.value) for m in cls)
        raise RulePackError(f"{where}: {key} {value!r} is not one of {allowed}") from None


def _check_id(value: str, where: str) -> str:
    if not _ID.match(value):
        raise RulePackError(f"{where}: id {value!r} must be lower_snake_case")
    return value


@dataclass(slots=True)
class _PhraseScope:
    """Phrases registered so far (normalised, and case-sensitive as written), with their files."""

    folded: dict[str, tuple[Phrase, str]] = field(default_factory=dict)
    exact: dict[str, tuple[Phrase, str]] = field(default_factory=dict)
    parent: _PhraseScope | None = None

    def add(self, phrase: Phrase, where: str, file: str) -> None:
        if not phrase.text:
            raise RulePackError(f"{where}: empty synonym")
        table = self.exact if phrase.case_sensitive else self.folded
        clash = table.get(phrase.text)
        if clash is None and self.parent is not None:
            parent_table = self.parent.exact if phrase.case_sensitive else self.parent.folded
            clash = parent_table.get(phrase.text)
        if clash is not None:
            other, other_file = clash
            same = (other.category, other.id) == (phrase.category, phrase.id)
            also = "" if other_file == file else f" in {other_file}"
            if same and other.negated == phrase.negated and other.qualifiers == phrase.qualifiers:
                raise RulePackError(f"{where}: synonym {phrase.text!r} listed twice{also}")
            raise RulePackError(
                f"{where}: synonym {phrase.text!r} already names {other.category.value} {other.id!r}{also}"
            )
        table[phrase.text] = (phrase, file)

    def phrases(self) -> list[Phrase]:
        return [p for p, _ in (*self.folded.values(), *self.exact.values())]


@dataclass(slots=True)
class _Builder:
    metrics: dict[MetricId, Metric] = field(default_factory=dict)
    metric_files: dict[MetricId, str] = field(default_factory=dict)
    qualifiers: dict[QualifierId, Qualifier] = field(default_factory=dict)
    equivalences: list[frozenset[QualifierId]] = field(default_factory=list)
    identities: dict[str, Identity] = field(default_factory=dict)
    periods: dict[PeriodId, list[str]] = field(default_factory=dict)
    comparisons: dict[str, Comparison] = field(default_factory=dict)
    directions: dict[Direction, list[str]] = field(default_factory=dict)
    changes: dict[Direction, list[str]] = field(default_factory=dict)
    profiles: dict[ProfileId, Profile] = field(default_factory=dict)
    scope: _PhraseScope = field(default_factory=_PhraseScope)

    # -- phase 1 ------------------------------------------------------------

    def add_metric(self, pack: PackFile, table: dict[str, Any]) -> None:
        where = f"{pack.name}: {label('metric', table, 0)}"
        metric_id = MetricId(_check_id(table["id"], where))
        if metric_id in self.metrics:
            first = self.metric_files[metric_id]
            also = "" if first == pack.name else f" (first in {first})"
            raise RulePackError(f"{pack.name}: metric {metric_id!r} defined twice{also}")
        kind = _enum(MetricKind, table["kind"], where, "kind")
        unit = _enum(UnitHint, table["unit_hint"], where, "unit_hint") if "unit_hint" in table else default_unit(kind)
        better = _enum(Better, table.get("better", "higher"), where, "better")
        synonyms = tuple(normalize_phrase(s) for s in table["synonyms"])
        abbreviations = tuple(table.get("abbreviations", ()))
        self.metrics[metric_id] = Metric(
            id=metric_id,
            kind=kind,
            synonyms=synonyms,
            source=pack.name,
            abbreviations=abbreviations,
            unit_hint=unit,
            better=better,
            basis_invariant=bool(table.get("basis_invariant", False)),
            description=str(table.get("description", "")),
        )
        self.metric_files[metric_id] = pack.name
        self._register_terms(PhraseCategory.METRIC, metric_id, synonyms, abbreviations, where, pack.name)

    def add_qualifier(self, pack: PackFile, table: dict[str, Any]) -> None:
        where = f"{pack.name}: {label('qualifier', table, 0)}"
        qualifier_id = QualifierId(_check_id(table["id"], where))
        if qualifier_id in self.qualifiers:
            raise RulePackError(f"{pack.name}: qualifier {qualifier_id!r} defined twice")
        synonyms = tuple(normalize_phrase(s) for s in table["synonyms"])
        abbreviations = tuple(table.get("abbreviations", ()))
        self.qualifiers[qualifier_id] = Qualifier(
            id=qualifier_id,
            axis=_enum(QualifierAxis, table["axis"], where, "axis"),
            synonyms=synonyms,
            source=pack.name,
            abbreviations=abbreviations,
            implied=bool(table.get("implied", False)),
            description=str(table.get("description", "")),
            openers=tuple(w.lower() for w in table.get("openers", ())),
        )
        self._register_terms(PhraseCategory.QUALIFIER, qualifier_id, synonyms, abbreviations, where, pack.name)

    def _register_terms(
        self,
        category: PhraseCategory,
        ident: str,
        synonyms: Iterable[str],
        abbreviations: Iterable[str],
        where: str,
        file: str,
        scope: _PhraseScope | None = None,
        negated: bool = False,
        qualifiers: frozenset[QualifierId] = frozenset(),
    ) -> None:
        target = scope if scope is not None else self.scope
        for text in synonyms:
            target.add(Phrase(text, category, ident, negated, qualifiers), where, file)
        for text in abbreviations:
            target.add(Phrase(text.strip(), category, ident, negated, qualifiers, case_sensitive=True), where, file)

    # -- phase 2 ------------------------------------------------------------

    def finish_metric(self, pack: PackFile, table: dict[str, Any]) -> None:
        """Definition and variants, which may name metrics and qualifiers from any pack."""
        metric = self.metrics[MetricId(table["id"])]
        where = f"{pack.name}: metric {metric.id!r}"
        definition: Expr | None = None
        if "definition" in table:
            definition = parse_expression(table["definition"], f"{where} definition")
            self._known_metrics(definition.metrics(), f"{where} definition")
            if metric.id in definition.metrics():
                raise RulePackError(f"{where} definition: refers to itself")
        variants = self._variants(pack, table, metric.id, where)
        self.metrics[metric.id] = _replace_metric(metric, definition=definition, variants=variants)

    def extend_metric(self, pack: PackFile, table: dict[str, Any], scope: _PhraseScope | None) -> list[Phrase]:
        where = f"{pack.name}: {label('extend_metric', table, 0)}"
        metric_id = MetricId(table["id"])
        self._known_metrics((metric_id,), where)
        synonyms = tuple(normalize_phrase(s) for s in table.get("synonyms", ()))
        abbreviations = tuple(table.get("abbreviations", ()))
        own = scope if scope is not None else self.scope
        before = set(own.phrases())
        self._register_terms(PhraseCategory.METRIC, metric_id, synonyms, abbreviations, where, pack.name, own)
        variants = self._variants(pack, table, metric_id, where, own)
        if scope is None:
            metric = self.metrics[metric_id]
            self.metrics[metric_id] = _replace_metric(
                metric,
                synonyms=metric.synonyms + synonyms,
                abbreviations=metric.abbreviations + abbreviations,
                variants=metric.variants + variants,
            )
        return [p for p in own.phrases() if p not in before]

    def _variants(
        self,
        pack: PackFile,
        table: dict[str, Any],
        metric_id: MetricId,
        where: str,
        scope: _PhraseScope | None = None,
    ) -> tuple[Variant, ...]:
        out = []
        for index, raw in enumerate(table.get("variant", [])):
            v_where = f"{where} variant #{index + 1}"
            qualifiers = frozenset(QualifierId(q) for q in raw.get("qualifiers", ()))
            for q in sorted(qualifiers - set(self.qualifiers)):
                raise RulePackError(f"{v_where}: qualifiers: unknown qualifier {q!r}")
            negated = bool(raw.get("negated", False))
            if not qualifiers and not negated:
                raise RulePackError(f"{v_where}: a variant needs qualifiers or negated = true")
            synonyms = tuple(normalize_phrase(s) for s in raw["synonyms"])
            self._register_terms(
                PhraseCategory.METRIC, metric_id, synonyms, (), v_where, pack.name, scope, negated, qualifiers
            )
            out.append(Variant(synonyms, qualifiers, negated))
        return tuple(out)

    def add_equivalent(self, pack: PackFile, table: dict[str, Any], index: int) -> None:
        where = f"{pack.name}: equivalent #{index + 1}"
        members = frozenset(QualifierId(m) for m in table["members"])
        for m in sorted(members - set(self.qualifiers)):
            raise RulePackError(f"{where}: members: unknown qualifier {m!r}")
        if len(members) < 2:
            raise RulePackError(f"{where}: members: an equivalence needs two qualifiers or more")
        axes = {self.qualifiers[m].axis for m in members}
        if len(axes) > 1:
            raise RulePackError(f"{where}: members: qualifiers on different axes cannot be equivalent")
        for group in self.equivalences:
            if group & members:
                shared = ", ".join(sorted(group & members))
                raise RulePackError(f"{where}: members: {shared} already in another equivalent group")
        self.equivalences.append(members)

    def identity(self, pack: PackFile, table: dict[str, Any]) -> Identity:
        where = f"{pack.name}: {label('identity', table, 0)}"
        total = MetricId(table["total"])
        self._known_metrics((total,), f"{where} total")
        if ("parts" in table) == ("expression" in table):
            raise RulePackError(f"{where}: give exactly one of 'parts' or 'expression'")
        if "parts" in table:
            parts = tuple(MetricId(p) for p in table["parts"])
            if not parts:
                raise RulePackError(f"{where} parts: empty")
            self._known_metrics(parts, f"{where} parts")
            expression = sum_of(parts)
        else:
            expression = parse_expression(table["expression"], f"{where} expression")
            self._known_metrics(expression.metrics(), f"{where} expression")
        if total in expression.metrics():
            raise RulePackError(f"{where}: total {total!r} also appears on the right-hand side")
        return Identity(
            name=table["name"],
            total=total,
            expression=expression,
            source=pack.name,
            exhaustive=bool(table.get("exhaustive", True)),
            description=str(table.get("description", "")),
        )

    def add_identity(self, pack: PackFile, table: dict[str, Any]) -> None:
        identity = self.identity(pack, table)
        if identity.name in self.identities:
            raise RulePackError(f"{pack.name}: identity {identity.name!r} defined twice")
        self.identities[identity.name] = identity

    def add_period(self, pack: PackFile, table: dict[str, Any]) -> None:
        where = f"{pack.name}: {label('period', table, 0)}"
        period = _enum(PeriodId, table["id"], where, "id")
        synonyms = [normalize_phrase(s) for s in table["synonyms"]]
        self._register_terms(PhraseCategory.PERIOD, period.value, synonyms, (), where, pack.name)
        self.periods.setdefault(period, []).extend(synonyms)

    def add_comparison(self, pack: PackFile, table: dict[str, Any]) -> None:
        where = f"{pack.name}: {label('comparison', table, 0)}"
        ident = _check_id(table["id"], where)
        against = _enum(PeriodId, table["against"], where, "against")
        synonyms = tuple(normalize_phrase(s) for s in table["synonyms"])
        previous = self.comparisons.get(ident)
        if previous is not None and previous.against is not against:
            raise RulePackError(f"{where}: against {against.value!r} differs from {previous.against.value!r}")
        self._register_terms(PhraseCategory.COMPARISON, ident, synonyms, (), where, pack.name)
        old = previous.synonyms if previous is not None else ()
        self.comparisons[ident] = Comparison(ident, against, old + synonyms)

    def add_direction(self, pack: PackFile, table: dict[str, Any], category: PhraseCategory) -> None:
        kind = "direction" if category is PhraseCategory.DIRECTION else "change"
        key = "id" if category is PhraseCategory.DIRECTION else "direction"
        where = f"{pack.name}: {kind} {table[key]!r}"
        direction = _enum(Direction, table[key], where, key)
        synonyms = [normalize_phrase(s) for s in table["synonyms"]]
        self._register_terms(category, direction.value, synonyms, (), where, pack.name)
        target = self.directions if category is PhraseCategory.DIRECTION else self.changes
        target.setdefault(direction, []).extend(synonyms)

    def check_definition_cycles(self) -> None:
        """Refuse definitions that depend on themselves through others (a = b / c, b = a * c)."""
        done: set[MetricId] = set()

        def visit(metric_id: MetricId, path: tuple[MetricId, ...]) -> None:
            if metric_id in path:
                cycle = " -> ".join((*path[path.index(metric_id) :], metric_id))
                metric = self.metrics[path[-1]]
                raise RulePackError(f"{metric.source}: metric {metric.id!r} definition: circular ({cycle})")
            if metric_id in done:
                return
            definition = self.metrics[metric_id].definition
            for needed in sorted(definition.metrics()) if definition is not None else ():
                visit(needed, (*path, metric_id))
            done.add(metric_id)

        for metric_id in sorted(self.metrics):
            visit(metric_id, ())

    def _known_metrics(self, metrics: Iterable[MetricId], where: str) -> None:
        for m in sorted(set(metrics) - set(self.metrics)):
            raise RulePackError(f"{where}: unknown metric {m!r}")

    # -- profiles -----------------------------------------------------------

    def add_profile(self, pack: PackFile) -> None:
        raw = pack.data["profile"]
        where = f"{pack.name}: [profile]"
        profile_id = ProfileId(_check_id(raw["id"], where))
        if profile_id in self.profiles:
            raise RulePackError(f"{where}: profile {profile_id!r} defined twice")
        matchers = tuple(m.strip() for m in raw["matchers"] if m.strip())
        if not matchers:
            raise RulePackError(f"{where}: matchers: give at least one phrase that identifies the company")
        currency = raw.get("currency")
        if currency is not None and not _CURRENCY.match(currency):
            raise RulePackError(f"{where}: currency {currency!r} must be three capital letters (USD, RMB)")
        scale = raw.get("default_scale")
        if scale is not None and scale not in schema.SCALES:
            raise RulePackError(f"{where}: default_scale {scale!r} is not one of {', '.join(schema.SCALES)}")
        scope = _PhraseScope(parent=self.scope)
        segments = self._segments(pack, scope)
        breakdowns = tuple(self._breakdown(pack, t, segments) for t in pack.tables("breakdown"))
        names = [b.name for b in breakdowns]
        for name in names:
            if names.count(name) > 1:
                raise RulePackError(f"{pack.name}: breakdown {name!r} defined twice")
        identities: dict[str, Identity] = {}
        for table in pack.tables("identity"):
            identity = self.identity(pack, table)
            if identity.name in identities:
                raise RulePackError(f"{pack.name}: identity {identity.name!r} defined twice")
            identities[identity.name] = identity
        for table in pack.tables("extend_metric"):
            self.extend_metric(pack, table, scope)
        self.profiles[profile_id] = Profile(
            id=profile_id,
            name=raw["name"],
            matchers=matchers,
            source=pack.name,
            currency=currency,
            default_scale=scale,
            segments=MappingProxyType(segments),
            breakdowns=breakdowns,
            identities=tuple(identities.values()),
            phrases=_phrase_order(scope.phrases()),
            description=str(raw.get("description", "")),
        )

    def _segments(self, pack: PackFile, scope: _PhraseScope) -> dict[SegmentId, Segment]:
        segments: dict[SegmentId, Segment] = {}
        for table in pack.tables("segment"):
            where = f"{pack.name}: {label('segment', table, 0)}"
            segment_id = SegmentId(_check_id(table["id"], where))
            if segment_id in segments:
                raise RulePackError(f"{pack.name}: segment {segment_id!r} defined twice")
            synonyms = tuple(normalize_phrase(s) for s in table["synonyms"])
            self._register_terms(PhraseCategory.SEGMENT, segment_id, synonyms, (), where, pack.name, scope)
            parent = SegmentId(table["parent"]) if "parent" in table else None
            segments[segment_id] = Segment(segment_id, synonyms, parent, str(table.get("description", "")))
        for segment in segments.values():
            if segment.parent is not None and segment.parent not in segments:
                raise RulePackError(f"{pack.name}: segment {segment.id!r} parent: unknown segment {segment.parent!r}")
        return segments

    def _breakdown(self, pack: PackFile, table: dict[str, Any], segments: dict[SegmentId, Segment]) -> Breakdown:
        where = f"{pack.name}: {label('breakdown', table, 0)}"
        metric = MetricId(table["metric"])
        self._known_metrics((metric,), f"{where} metric")
        parts = tuple(SegmentId(p) for p in table["parts"])
        whole = SegmentId(table["whole"]) if "whole" in table else None
        for key, ids in (("parts", parts), ("whole", (whole,) if whole else ())):
            for s in ids:
                if s not in segments:
                    raise RulePackError(f"{where} {key}: unknown segment {s!r}")
        if not parts:
            raise RulePackError(f"{where} parts: empty")
        return Breakdown(table["name"], metric, parts, whole, bool(table.get("exhaustive", True)))

    # -- result -------------------------------------------------------------

    def vocabulary(self, sources: Sequence[str]) -> Vocabulary:
        phrases = _phrase_order(self.scope.phrases())
        return Vocabulary(
            metrics=MappingProxyType(dict(self.metrics)),
            qualifiers=MappingProxyType(dict(self.qualifiers)),
            equivalences=tuple(self.equivalences),
            identities=tuple(self.identities.values()),
            periods=tuple(PeriodTerm(k, tuple(v)) for k, v in self.periods.items()),
            comparisons=tuple(self.comparisons.values()),
            directions=tuple(DirectionTerm(k, tuple(v)) for k, v in self.directions.items()),
            changes=tuple(ChangeTerm(k, tuple(v)) for k, v in self.changes.items()),
            profiles=MappingProxyType(dict(self.profiles)),
            global_phrases=phrases,
            phrase_index=MappingProxyType({p.text: p for p in phrases if not p.case_sensitive}),
            abbreviation_index=MappingProxyType({p.text: p for p in phrases if p.case_sensitive}),
            sources=tuple(sources),
        )


def _replace_metric(metric: Metric, **changes: Any) -> Metric:
    return replace(metric, **changes)


def build_vocabulary(packs: Sequence[PackFile]) -> Vocabulary:
    """Merge ``packs`` (in load order) into one checked vocabulary."""
    builder = _Builder()
    for pack in packs:
        for table in pack.tables("metric"):
            builder.add_metric(pack, table)
        for table in pack.tables("qualifier"):
            builder.add_qualifier(pack, table)
    for pack in packs:
        for table in pack.tables("metric"):
            builder.finish_metric(pack, table)
        if not pack.is_profile:
            for table in pack.tables("extend_metric"):
                builder.extend_metric(pack, table, None)
            for table in pack.tables("identity"):
                builder.add_identity(pack, table)
        for index, table in enumerate(pack.tables("equivalent")):
            builder.add_equivalent(pack, table, index)
        for table in pack.tables("period"):
            builder.add_period(pack, table)
        for table in pack.tables("comparison"):
            builder.add_comparison(pack, table)
        for table in pack.tables("direction"):
            builder.add_direction(pack, table, PhraseCategory.DIRECTION)
        for table in pack.tables("change"):
            builder.add_direction(pack, table, PhraseCategory.CHANGE)
    builder.check_definition_cycles()
    for pack in packs:
        if pack.is_profile:
            builder.add_profile(pack)
    return builder.vocabulary([p.name for p in packs])
