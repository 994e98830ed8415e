"""Figure rules: garbled figures, missing scale words, a currency that cannot be right."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from auditor.claims.display import SCALE_WORDS, plain
from auditor.claims.mention import Kind
from auditor.engine.facts import FactBase
from auditor.engine.relation import Relation
from auditor.engine.rule import FigureRule, Flag
from auditor.engine.severity import Severity
from auditor.vocabulary.model import MetricKind


class GarbledFigure(FigureRule):
    """A figure that speech recognition garbled ("12% 8%") and that cannot be read as one number.

    Fails:
        General and administrative expenses rose 12% 8% year over year.
    Passes:
        General and administrative expenses rose 12.8% year over year.
    """

    code = "AUD001"
    name = "garbled-figure"
    severity = Severity.WARNING

    def flags(self, facts: FactBase, passed: Sequence[Relation]) -> Iterator[Flag]:
        for mention in facts.mentions:
            if mention.garbled:
                note = f" ({mention.note})" if mention.note else ""
                yield Flag(self, mention.span, f"'{mention.text}' is not a well-formed figure{note}",
                           replacement=plain(mention), reason="the most likely reading of the garbled words")


class MissingScale(FigureRule):
    """An amount with a currency but no scale word among amounts in millions ("RMB 2010").

    Fails:
        Cost of revenue was RMB 2010, up from RMB 1,650.2 million, and gross profit was RMB 350.6 million while opex was RMB 560.7 million.
    Passes:
        Cost of revenue was RMB 2,010 million, up from RMB 1,650.2 million, and gross profit was RMB 350.6 million while opex was RMB 560.7 million.
    """

    code = "AUD002"
    name = "missing-scale"
    severity = Severity.WARNING

    def flags(self, facts: FactBase, passed: Sequence[Relation]) -> Iterator[Flag]:
        used = {f.figure.id for key, bucket in facts.facts.items() for f in bucket
                if facts.kind_of(key.metric) is MetricKind.AMOUNT}
        used |= {f.id for b in facts.breakdowns if facts.kind_of(b.key.metric) is MetricKind.AMOUNT
                 for q in b.parts for f in q.figures}
        for figure in facts.assumed_scale:
            if figure.id not in used:
                continue
            scale = facts.context.scale or 1
            yield Flag(self, figure.span,
                       replacement=f"{figure.mention.text}{SCALE_WORDS.get(scale, '')}",
                       reason="the call's other amounts carry this scale",
                       message=f"'{figure.mention.text}' has no scale word although the call's amounts are in "
                       f"{figure.scale_note.removeprefix('read as ') if figure.scale_note else 'millions'}; "
                       f"checked as {figure.scale_note.removeprefix('read as ') if figure.scale_note else 'millions'}")


class CurrencyMismatch(FigureRule):
    """An amount in another currency than the call's, where the arithmetic says it is the call's currency.

    Fails:
        All figures are in RMB unless otherwise stated. Operating expenses were RMB 560.7 million: research and development RMB 183.1 million, selling and marketing $109.5 million and general and administrative RMB 268.1 million.
    Passes:
        All figures are in RMB unless otherwise stated. Operating expenses were RMB 560.7 million: research and development RMB 183.1 million, selling and marketing RMB 109.5 million and general and administrative RMB 268.1 million.
    """

    code = "AUD203"
    name = "currency-mismatch"
    severity = Severity.ERROR

    def flags(self, facts: FactBase, passed: Sequence[Relation]) -> Iterator[Flag]:
        currency = facts.context.currency
        if currency is None:
            return
        for figure in facts.foreign:
            holding = [r for r in passed if not r.matched_by_context and any(f.id == figure.id for f in r.figures)
                       and any(f.id != figure.id and f.mention.kind is Kind.MONEY
                               and f.mention.currency in (None, currency) for f in r.figures)]
            if not holding:
                continue
            others = tuple(f.span for f in holding[0].figures if f.id != figure.id)
            declared = " (the call declares its currency)" if facts.context.declared else ""
            # arithmetic (a sum, a ratio) proves the currency; a restated equal figure only suggests it
            arithmetic = any(r.rule.code != "AUD201" for r in holding)
            message = (f"'{figure.mention.text}' is in {figure.mention.currency}, but the call reports in "
                       f"{currency}{declared} and the figure only adds up as {currency} "
                       f"({holding[0].rule.name.replace('-mismatch', '')} with "
                       f"{', '.join(s.text for s in others[:3])})")
            yield Flag(self, figure.span, message, others,
                       replacement=_in_currency(figure.mention.text, currency),
                       reason=f"the figure agrees with the others only as {currency}",
                       severity=None if arithmetic else Severity.WARNING)


def _in_currency(text: str, currency: str) -> str:
    """ "$109.5 million" -> "RMB 109.5 million" (the currency written as its code)."""
    i = 0
    while i < len(text) and not text[i].isdigit() and text[i] != ".":
        i += 1
    return f"{currency} {text[i:]}"
