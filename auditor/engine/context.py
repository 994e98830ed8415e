"""What a document says about itself: its period, reporting currency and usual scale."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from auditor.claims.mention import Kind, Mention
from auditor.claims.period import Period


@dataclass(frozen=True, slots=True)
class DocumentContext:
    period: Period
    currency: str | None      # the reporting currency
    declared: bool            # the text declares it (else it is the dominant one)
    scale: int | None         # the usual scale of amounts (10**6 for "in millions")
    declaration: str | None = None


def reporting_currency(text: str, mentions: Sequence[Mention], cues: Sequence[str],
                       names: Mapping[str, Sequence[str]]) -> tuple[str | None, bool, str | None]:
    """(currency, declared, declaration sentence) from the figures and the declaration cues
    ("all figures are in RMB unless otherwise stated"); ``names`` are words for a currency
    besides its code ("renminbi")."""
    counts = Counter(m.currency for m in mentions if m.kind is Kind.MONEY and m.currency)
    if not counts:
        return None, False, None
    dominant, n = counts.most_common(1)[0]
    lowered = text.lower()
    for cue in cues:
        at = lowered.find(cue)
        while at >= 0:
            start = max(lowered.rfind(".", 0, at), 0)
            end = lowered.find(".", at)
            sentence = text[start : end if end > 0 else len(text)]
            said = sentence.lower()
            for code in counts:
                if code.lower() in said or any(name in said for name in names.get(code, ())):
                    return code, True, sentence.strip(" .\n")
            at = lowered.find(cue, at + 1)
    if n >= 3 and n >= 0.6 * sum(counts.values()):
        return dominant, False, None
    return None, False, None


def usual_scale(mentions: Sequence[Mention]) -> int | None:
    """The dominant scale of money amounts (10**6 when most say "million")."""
    money = [m for m in mentions if m.kind is Kind.MONEY]
    counts = Counter(m.scale for m in money if m.scale > 1)
    if not counts:
        return None
    scale, n = counts.most_common(1)[0]
    return scale if n >= 2 and n * 2 >= len(money) else None
