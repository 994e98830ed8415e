"""Turn an evaluation into findings: blame, message, expected interval, suggestion."""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Sequence
from dataclasses import replace
from fractions import Fraction

from auditor.claims.confusions import CONFUSIONS, SLIPS, one_slip_apart
from auditor.claims.display import display_interval, format_number, to_stated_units
from auditor.claims.interval import Interval
from auditor.claims.mention import Kind, Mention
from auditor.diagnosis.blame import Blame, localise
from auditor.diagnosis.finding import (
    Finding,
    Implied,
    RelationRecord,
    Status,
    Suggestion,
)
from auditor.diagnosis.solve import solve
from auditor.diagnosis.suggest import plausible, slip_explains, suggest
from auditor.engine.check import Evaluation
from auditor.engine.figures import Figure, base_env
from auditor.engine.relation import Relation
from auditor.engine.severity import Severity

VERBS = {
    "AUD101": "the parts add up to",
    "AUD102": "the figures give a change of",
    "AUD103": "the definition gives",
    "AUD104": "the part over the whole gives",
    "AUD105": "the figures give a multiple of",
    "AUD106": "the figures give a change of",
    "AUD201": "it is also stated as",
}


def relation_records(evaluation: Evaluation) -> tuple[RelationRecord, ...]:
    env = base_env(evaluation.facts.figures)
    records = []
    for relation, ok in zip(evaluation.relations, evaluation.passed):
        implied = _implied_for_stated(relation, env)
        records.append(RelationRecord(relation.rule.code, Status.PASSED if ok else Status.FAILED,
                                      tuple(f.span for f in relation.figures), implied))
    return tuple(records)


def _implied_for_stated(relation: Relation, env: dict[int, Interval]) -> Implied | None:
    figures = relation.stated.figures
    if len(figures) != 1 or relation.rule.code == "AUD202":
        return None
    values = relation.implied_values(env)
    if not values:
        return None
    value = values[0][0]
    if relation.stated.value(env).low is not None and (relation.stated.value(env).low or 0) < 0:
        value = -value
    return _implied(figures[0].mention, _abs(value))


def _implied(mention: Mention, interval: Interval) -> Implied:
    """What the other figures imply for ``mention``, in the units the figure is stated in
    (percent for "24.2%", currency units for money) and as the call would write it."""
    low = None if interval.low is None else to_stated_units(mention, interval.low)
    high = None if interval.high is None else to_stated_units(mention, interval.high)
    if mention.kind not in (Kind.PERCENT, Kind.PERCENTAGE_POINTS, Kind.BASIS_POINTS):
        low, high = interval.low, interval.high  # money stays in currency units, as the scan reports it
    if low is not None and high is not None and low > high:
        low, high = high, low
    return Implied(Interval(_outward(low, math.floor), _outward(high, math.ceil)), display_interval(mention, interval))


SIGNIFICANT = 10  # digits kept in the bounds of an implied interval (solved numerically)


def _outward(value: Fraction | None, rounding: Callable[[Fraction], int]) -> Fraction | None:
    """``value`` rounded away from the interval's inside to ten significant digits."""
    if value is None or value == 0:
        return value
    exponent = math.floor(math.log10(abs(value))) - SIGNIFICANT + 1
    step = Fraction(10) ** exponent
    return rounding(value / step) * step


def _abs(i: Interval) -> Interval:
    if i.low is not None and i.high is not None and i.high < 0:
        return Interval(-i.high, -i.low)
    return i


SLIP_DIGITS = 3  # a one-digit slip is evidence only in a figure of at least this many digits
STRONG = "strong"
SLIP = "slip"


def _explained(relation: Relation) -> str | None:
    """Whether one speech-recognition confusion turns one statement into the other, as written.

    Strong confusions (teen/ten, decimal point, scale word) count when both figures
    have two or more digits (a lone "4 trillion" is too coarse to tell). A single
    misheard digit counts only when both statements were made at the same precision
    (a rounded "97%" and a precise "94.90%" are more likely two different things), in
    figures of three or more digits (any two-digit number is one slip from eighteen
    others), and never for figures paired by their context alone. The reading must land
    on the other statement within its own rounding: "$460 million" read back through
    "sixteen"/"sixty" is $416 million, which is not "$340 million".

    Returns STRONG, SLIP (only a digit slip explains it: the finding is then a warning,
    as the two statements may still be about different things) or None.
    """
    a, b = (f.mention for f in relation.figures[:2])
    same_precision = a.decimals == b.decimals
    precise = all(_significant(f) >= 2 for f in relation.figures)
    if not precise and not same_precision:
        return None
    if precise and one_slip_apart(a, b, CONFUSIONS):
        return STRONG
    if (not relation.matched_by_context and same_precision and all(_significant(f) >= SLIP_DIGITS for f in relation.figures)
            and one_slip_apart(a, b, SLIPS)):
        return SLIP
    return None


def _significant(figure: Figure) -> int:
    """Digits the figure was stated with ("RMB 1,625.3 million" has five, "eighty one point six" three)."""
    m = figure.mention
    return len(format_number(abs(m.number), max(m.decimals, 0)).replace(".", "").lstrip("0"))


def diagnose(evaluation: Evaluation) -> tuple[Finding, ...]:
    env = base_env(evaluation.facts.figures)
    relations: list[Relation] = []
    passed: list[bool] = []
    findings: list[Finding] = []
    weak: set[int] = set()  # relations whose mismatch makes a warning at most
    for relation, ok in zip(evaluation.relations, evaluation.passed):
        if not ok and relation.rule.code in UNSURE_MATCH:
            evidence = _explained(relation)
            if evidence is None:
                findings.append(_unmatched(relation))
                continue
            if evidence == SLIP or relation.matched_by_context:
                weak.add(id(relation))  # a digit slip, or two figures paired by their words alone
        if relation.anchor is not None:  # a word is wrong, not a figure: blame the word directly
            if not ok and not _explained_by_figures(relation, evaluation):
                findings.append(_finding(Blame(relation, relation.stated.figures[0], None), env))
            continue
        relations.append(relation)
        passed.append(ok)
    plaus: dict[int, bool] = {}
    slips: dict[int, bool] = {}
    for relation in (r for r, ok in zip(relations, passed) if not ok):
        for figure in relation.figures:
            if figure.id not in plaus:
                repairs = solve(relation, figure, env)
                plaus[figure.id] = any(plausible(figure.mention, r) for r in repairs)
                slips[figure.id] = any(slip_explains(figure.mention, r) for r in repairs)
    blames = localise(relations, passed, env, plaus, slips)
    sentence_starts = sorted({c.sentence for c in evaluation.facts.contexts})
    for blame in blames:
        finding = _finding(blame, env)
        if id(blame.relation) in weak or (_across_sentences(blame.relation, sentence_starts)
                                          and not plaus.get(blame.figure.id, False)):
            finding = replace(finding, severity=Severity.WARNING)
        findings.append(finding)
    for flag in evaluation.flags:
        findings.append(Finding(
            rule=flag.rule.code, name=flag.rule.name, severity=flag.severity or flag.rule.severity, message=flag.message,
            location=flag.span, related=flag.related, stated=flag.span.text,
            suggestion=Suggestion(flag.replacement, flag.reason or "") if flag.replacement else None,
        ))
    findings.sort(key=lambda f: (f.location.start, f.rule))
    return tuple(_dedupe(findings))


def _across_sentences(relation: Relation, sentence_starts: Sequence[int]) -> bool:
    """Whether the relation joins figures of sentences that are not next to each other
    (``sentence_starts``: where each sentence with figures starts, in order).

    Such a relation rests on the claims of each sentence being read right (which metric,
    segment and period each figure is); when it fails and no misheard number explains the
    blamed figure, a misreading is as likely as a wrong figure, so the finding is a warning.
    On 199 human transcripts, all 40 error findings were false alarms, most of them
    pairings of a figure with the wrong period, segment or metric said elsewhere.
    """
    sentences = {bisect.bisect_right(sentence_starts, f.mention.start) for f in relation.figures}
    return max(sentences) - min(sentences) > 1


# Rules whose relation rests on matching two statements by subject and period
# alone: when they disagree and no transcription slip explains the difference,
# the two statements are more likely about different things than wrong.
UNSURE_MATCH = frozenset({"AUD201"})


def _explained_by_figures(direction: Relation, evaluation: Evaluation) -> bool:
    """A direction word contradicted by figures that already fail an arithmetic relation
    together (a growth rate, a difference): the figure is wrong, not the word."""
    ids = {f.id for f in direction.figures}
    return any(not ok and r.anchor is None and ids <= {f.id for f in r.figures}
               for r, ok in zip(evaluation.relations, evaluation.passed))


def _unmatched(relation: Relation) -> Finding:
    a = relation.stated.figures[0]
    b = relation.others[0].figures[0] if relation.others and relation.others[0].figures else a
    message = (f"{relation.subject}: stated as {a.mention.text} and as {b.mention.text}; no transcription slip "
               f"explains the difference, so they are probably about different things (not checked)")
    return Finding(relation.rule.code, relation.rule.name, Severity.INFO, message, a.span, (b.span,),
                   stated=a.mention.text)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[str, int, int, tuple[int, ...]]] = set()
    out = []
    for f in findings:
        key = (f.rule, f.location.start, f.location.end, tuple(s.start for s in f.related))
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _finding(blame: Blame, env: dict[int, Interval]) -> Finding:
    relation = blame.relation
    rule = relation.rule
    figure = blame.figure
    others = tuple(f.span for f in relation.figures if f.id != figure.id)
    if rule.code == "AUD202":
        word = relation.stated.label
        start, end = relation.others
        message = (f"{relation.subject}: '{word}' but {start.figures[0].mention.text} to "
                   f"{end.figures[0].mention.text} goes the other way")
        location = relation.anchor or figure.span
        related = tuple(f.span for f in relation.figures)
        return Finding(rule.code, rule.name, rule.severity, message, location, related, stated=word)
    stated_fig = relation.stated.figures[0]
    implied = _implied_for_stated(relation, env)
    verb = VERBS.get(rule.code, "the other figures give")
    message = f"{relation.subject}: {stated_fig.mention.text} stated, but {verb} {implied.display if implied else '?'}"
    if len(relation.others) and rule.code != "AUD201":
        message += " (from " + ", ".join(_label(q) for q in relation.others) + ")"
    expected = None
    suggestion = None
    if blame.repair is not None:
        expected = _implied(figure.mention, blame.repair)
        found = _best_suggestion(blame, env)
        if found is not None:
            reason = found[1]
            if blame.shared:
                reason += "; or one of " + ", ".join(f"'{a.mention.text}'" for a in blame.alternatives) + " is wrong"
            suggestion = Suggestion(found[0], reason)
    if figure.id != stated_fig.id:
        message += f"; '{figure.mention.text}' is the figure that fits: it should be {expected.display if expected else 'different'}"
    if blame.shared and blame.alternatives:
        message += "; the error may equally be in " + ", ".join(f"'{a.mention.text}'" for a in blame.alternatives)
    if blame.fallback:
        message += " (too many failures to localise jointly: blamed on the stated figure)"
    severity = rule.severity
    return Finding(rule.code, rule.name, severity, message, figure.span, others, stated=figure.mention.text,
                   expected=expected, suggestion=suggestion, alternatives=tuple(a.span for a in blame.alternatives))


def _best_suggestion(blame: Blame, env: dict[int, Interval]) -> tuple[str, str] | None:
    """A correction for the blamed figure: a known confusion inside the repair interval, or
    inside another reading of the relation ("increased by N times" is N or N+1 times);
    else the value the chosen repair implies."""
    assert blame.repair is not None
    mention = blame.figure.mention
    pieces = [blame.repair, *(p for p in solve(blame.relation, blame.figure, env) if p != blame.repair)]
    for piece in pieces:
        found = suggest(mention, piece, allow_arithmetic=False)
        if found is not None:
            return found
    return suggest(mention, blame.repair)


def _label(q: object) -> str:
    label = getattr(q, "label", "")
    figures = getattr(q, "figures", ())
    if getattr(q, "derived", False):
        return f"{label}"
    return figures[0].mention.text if figures else str(label)


__all__ = ["diagnose", "relation_records"]
