"""Figure contexts: the words around a figure, to match restatements the vocabulary cannot name.

"New stores added $22.7 million in revenue" and, later, "new stores contributed
$22.7 million of revenue" are one fact although no metric of rules/ names it.
A figure's context is the content words of its clause near it (connectives and
filler words dropped, plurals folded), the period its clause names, and its
role: a level ("$22.7 million in revenue") or a change ("up $5.5 million").
Two figures of the same kind, role and period whose contexts share most of their
words are candidate restatements; the engine checks them like any restatement.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from auditor.claims.mention import Mention
from auditor.claims.period import Period, relative_period
from auditor.extraction.claim_tokens import (
    FIGURE_CODES,
    ClaimLexicon,
    layout_pattern,
    mentions_within,
    parse_absolute_period,
    period_matches,
    sentence_spans,
)

BEFORE = 8  # content words taken before a figure
AFTER = 5   # and after it
CHANGE_CODES = frozenset("udnk")  # a figure right after these is a change, not a level


@dataclass(frozen=True, slots=True)
class FigureContext:
    mention: Mention
    words: frozenset[str]
    period: Period | None
    role: str  # "level", "change", "f" (a from-figure) or "o" (a to-figure)
    sentence: int  # start offset of the sentence


def figure_contexts(text: str, mentions: Sequence[Mention], lexicon: ClaimLexicon, current: Period) -> list[FigureContext]:
    out: list[FigureContext] = []
    for start, end, figures, _ in sentence_spans(text, mentions):
        spans = [(m.start, m.end) for m in mentions_within(mentions, start, end)]
        periods: list[tuple[int, Period]] = []
        for p_start, _, p_text in period_matches(text, start, end):
            p = parse_absolute_period(p_text)
            if p is not None:
                periods.append((p_start, Period(current.year, p.part) if p.year == -1 else p))
        words: list[tuple[int, str]] = []
        t = 0
        for wm in layout_pattern("WORD").finditer(text, start, end):
            while t < len(spans) and spans[t][1] <= wm.start():
                t += 1
            if t < len(spans) and spans[t][0] < wm.end():  # inside a figure
                continue
            words.append((wm.start(), wm.group()))
        lowered = [w.lower() for _, w in words]
        raw = [w for _, w in words]
        codes: list[str | None] = [None] * len(words)
        for i, n, entry in lexicon.phrases_in(raw, lowered):
            codes[i : i + n] = [entry.code] * n
            if entry.relation is not None and entry.code == "t":  # a growth basis dates no figure
                periods.append((words[i][0], relative_period(current, entry.relation)))
        for figure in figures:
            out.append(_context(figure, words, lowered, codes, periods, lexicon, start))
    return out


def _context(figure: Mention, words: list[tuple[int, str]], lowered: list[str], codes: list[str | None],
             periods: list[tuple[int, Period]], lexicon: ClaimLexicon, sentence: int) -> FigureContext:
    first_after = bisect.bisect_left(words, figure.end, key=lambda w: w[0])
    clause_before = []
    for k in range(bisect.bisect_left(words, figure.start, key=lambda w: w[0]) - 1, -1, -1):
        if lowered[k] in ",;:" or codes[k] == ",":
            break
        clause_before.append(k)
    clause_after = []
    for k in range(first_after, len(words)):
        if lowered[k] in ",;:" or codes[k] == ",":
            break
        clause_after.append(k)
    # the figure's role: a change ("up $5.5 million"), an old or new level ("from X", "to Y"), a level
    first = codes[clause_before[0]] if clause_before else None
    role = "change" if first in CHANGE_CODES else first if first in ("f", "o") else "level"
    chosen = [k for k in clause_before if _content(lowered[k], codes[k], lexicon)][:BEFORE]
    chosen += [k for k in clause_after if _content(lowered[k], codes[k], lexicon)][:AFTER]
    lo = words[clause_before[-1]][0] if clause_before else figure.start
    hi = words[clause_after[-1]][0] if clause_after else figure.end
    period = next((p for at, p in periods if lo <= at <= hi), None)
    return FigureContext(figure, frozenset(_fold(lowered[k]) for k in chosen), period, role, sentence)


def _fold(word: str) -> str:
    """Plural and possessive folded: "stores" -> "store", "company's" -> "company"."""
    word = word.removesuffix("'s")
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _content(word: str, code: str | None, lexicon: ClaimLexicon) -> bool:
    if code is not None and code not in "mgq":  # connectives, periods, directions carry no subject
        return False
    return len(word) > 2 and word not in lexicon.filler


__all__ = ["FIGURE_CODES", "FigureContext", "figure_contexts"]
