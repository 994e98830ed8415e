"""Evaluate one document: claims -> facts -> every relation the rules find -> pass or fail."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from auditor.claims.claim import ChangeClaim, Claim, ShareClaim
from auditor.claims.mention import Mention
from auditor.claims.period import UNKNOWN_CURRENT, Period
from auditor.engine.context import DocumentContext, reporting_currency, usual_scale
from auditor.engine.facts import FactBase
from auditor.engine.figures import base_env
from auditor.engine.registry import figure_rules, relation_rules
from auditor.engine.relation import Relation
from auditor.engine.rule import Flag
from auditor.extraction.claim_tokens import (
    ClaimLexicon,
    _period_pattern,
    parse_absolute_period,
    without_retracted,
)
from auditor.extraction.claims import extract_claims
from auditor.extraction.contexts import figure_contexts
from auditor.ingest.document import Document
from auditor.vocabulary.connectives import load_connectives, load_currency_names
from auditor.vocabulary.model import Profile, Vocabulary
from auditor.vocabulary.packs import load_vocabulary


@dataclass(frozen=True)
class Evaluation:
    facts: FactBase
    claims: tuple[Claim, ...]
    relations: tuple[Relation, ...]
    passed: tuple[bool, ...]
    unverifiable: int
    flags: tuple[Flag, ...]


_LEXICONS: dict[tuple[int, tuple[str, ...]], ClaimLexicon] = {}


def _lexicon(vocabulary: Vocabulary, profiles: Sequence[Profile]) -> ClaimLexicon:
    """One lexicon per vocabulary and set of profiles (built once per process)."""
    key = (id(vocabulary), tuple(p.id for p in profiles))
    found = _LEXICONS.get(key)
    if found is None:
        found = _LEXICONS[key] = ClaimLexicon(vocabulary, profiles, load_connectives())
    return found


OPENING = 6000  # characters in which a call names its own quarter
CUE_REACH = 80  # how far from the quarter a cue word ("earnings", "results") may stand


def own_period(text: str) -> Period:
    """The quarter the call reports on: the first quarter of the opening named next to a
    cue word ("second quarter 2025 earnings call"); unknown when there is none."""
    cues = load_connectives().get("period_cue", [])
    for match in _period_pattern().finditer(text, 0, min(len(text), OPENING)):
        period = parse_absolute_period(match.group())
        if period is None or period.year < 1900 or period.quarter is None:
            continue
        near = text[max(0, match.start() - CUE_REACH): match.end() + CUE_REACH].lower()
        if any(cue in near for cue in cues):
            return period
    return UNKNOWN_CURRENT


def document_context(document: Document, mentions: Sequence[Mention], profiles: Sequence[Profile]) -> DocumentContext:
    currency, declared, sentence = reporting_currency(
        document.text, mentions, load_connectives().get("declaration", []), load_currency_names())
    for profile in profiles:
        if profile.currency and currency is None:
            currency, declared = profile.currency, True
    return DocumentContext(own_period(document.text), currency, declared, usual_scale(mentions), sentence)


def evaluate_document(document: Document, mentions: Sequence[Mention], vocabulary: Vocabulary | None = None) -> Evaluation:
    vocabulary = vocabulary or load_vocabulary()
    profiles = vocabulary.profiles_for(document.text)
    lexicon = _lexicon(vocabulary, profiles)
    mentions = without_retracted(document.text, mentions, lexicon)
    context = document_context(document, mentions, profiles)
    claims = tuple(extract_claims(document.text, mentions, lexicon, context.period))
    contexts = figure_contexts(document.text, mentions, lexicon, context.period)
    facts = FactBase(vocabulary, profiles, context, mentions, contexts)
    facts.add_claims(claims)
    relations = tuple(r for rule in relation_rules() for r in rule.relations(facts))
    env = base_env(facts.figures)
    passed = tuple(r.holds(env) for r in relations)
    holding = [r for r, ok in zip(relations, passed) if ok]
    flags = tuple(flag for rule in figure_rules() for flag in rule.flags(facts, holding))
    # change and share claims that no relation could check (a figure they need is missing)
    unverifiable = sum(1 for c in claims if isinstance(c, (ChangeClaim, ShareClaim))) - sum(
        1 for r in relations if r.rule.checks_claims)
    return Evaluation(facts, claims, relations, passed, max(unverifiable, 0), flags)
