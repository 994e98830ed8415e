"""The claim tokenizer: sentences -> clauses of typed tokens for grammar/claims.lark.

A sentence is tokenized only when the scan found a figure in it (most sentences
have none). Figures come from the number scan, whole; absolute periods ("Q2
2024") from the terminals of grammar/periods.lark; every other word is looked up,
longest phrase first, in the vocabulary of rules/ (metrics, qualifiers, segments,
periods, growth bases, directions, change nouns, connectives). Words that are none
of these are dropped: the claim grammar sees only the words that carry structure.

The two small patterns below split text into sentences and words; they are about
layout, not numbers (numbers belong to grammar/numbers.lark).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from lark import Lark

from auditor.claims.mention import Kind, Mention
from auditor.claims.period import Period, relative_period
from auditor.claims.span import Span
from auditor.extraction.scan import scan_text
from auditor.resources import grammar_text
from auditor.vocabulary.model import (
    Better,
    Direction,
    Phrase,
    PhraseCategory,
    Profile,
    Vocabulary,
)


@functools.cache
def layout_pattern(name: str) -> re.Pattern[str]:
    """A terminal of grammar/layout.lark ("WORD", "SENTENCE_END") as a compiled pattern."""
    parser = Lark(grammar_text("layout.lark"), parser="lalr", cache=True)
    return re.compile(parser.get_terminal(name).pattern.to_regexp())

CLAUSE_BREAKS = frozenset(",;:")

FIGURE_CODES = {
    Kind.MONEY: "a",
    Kind.PERCENT: "p",
    Kind.PERCENTAGE_POINTS: "b",
    Kind.BASIS_POINTS: "b",
    Kind.MULTIPLE: "x",
    Kind.PER_SHARE: "e",
}

CONNECTIVE_CODES = {
    "from": "f", "to": "o", "of": "v", "by": "k", "compare": "c", "share": "s",
    "respectively": "r", "and": "&", "link": "w", "break": ",", "compose": "z", "compose_partial": "Z", "margin": "h",
    "part_of": "j",  # not a grammar terminal: its clause fails to parse, which ends the carried subject
    "cause": "j",
}

_CARDINALS_ALL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_CARDINALS = {"one": 1, "two": 2, "three": 3, "four": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


@dataclass(frozen=True, slots=True)
class ClaimToken:
    """One typed token of a clause; ``code`` is its one-character name in claims.lark."""

    code: str
    span: Span
    mention: Mention | None = None
    phrase: Phrase | None = None
    period: Period | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    code: str
    phrase: Phrase | None = None
    connective: str | None = None
    relation: str | None = None  # for periods and growth bases: the relative period id


@functools.cache
def _period_pattern() -> re.Pattern[str]:
    parser = Lark(grammar_text("periods.lark"), parser="lalr", cache=True)
    phrases = "|".join(f"(?:{t.pattern.to_regexp()})" for t in parser.terminals)
    # Every period phrase starts a word: testing that once, before the alternatives,
    # lets the regex engine skip the positions inside words (4x faster over a call).
    return re.compile(f"(?<!\\w)(?=\\w)(?:{phrases})")


@functools.lru_cache(maxsize=1024)
def period_matches(text: str, start: int, end: int) -> Sequence[tuple[int, int, str]]:
    """The absolute period phrases inside [start, end): only sentences with a figure are
    searched, each once (both claim passes read them)."""
    return tuple((m.start(), m.end(), m.group()) for m in _period_pattern().finditer(text, start, end))


def parse_absolute_period(text: str) -> Period | None:
    """ "Q2 2024" -> Period(2024, "Q2"); "first half of 2025" -> H1; "fiscal 2025" -> FY; "Q3" -> year 0."""
    words = text.lower().replace(",", " ").replace("'", " ").replace("-", " ").split()
    year: int | None = None
    last = words[-1]
    digits = last.removeprefix("fy")
    if not digits.isdigit():  # "fiscal 2019 third quarter": the year said first
        digits = next((w for w in words[:2] if w.isdigit() and len(w) == 4), digits)
    if digits.isdigit():
        year = int(digits) + (2000 if len(digits) <= 2 else 0)
    elif "twenty" in words:  # a year said in words: "twenty nineteen", "twenty twenty one"
        spoken = words[words.index("twenty") + 1:]
        tens = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
                "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20}
        if spoken and spoken[0] in tens:
            year = 2000 + tens[spoken[0]] + (_CARDINALS_ALL.get(spoken[1], 0) if len(spoken) > 1 else 0)
    part = "FY"
    for i, w in enumerate(words):
        if len(w) == 2 and w[0] in "qh" and w[1] in "1234":
            part = w.upper()
        elif w in ("quarter", "half") and i > 0 and words[i - 1] in _ORDINALS:
            part = ("Q" if w == "quarter" else "H") + str(_ORDINALS[words[i - 1]])
        elif w == "quarter" and i + 1 < len(words) and words[i + 1] in _CARDINALS:
            part = "Q" + str(_CARDINALS[words[i + 1]])
    if year is None:
        return Period(-1, part) if part != "FY" else None  # year to be filled by the document's
    return Period(year, part)


class ClaimLexicon:
    """Phrase lookup for one document: the vocabulary plus the profiles that apply to it."""

    def __init__(self, vocabulary: Vocabulary, profiles: Sequence[Profile], connectives: dict[str, list[str]]):
        self.entries: dict[str, Entry] = {}
        self.exact: dict[str, Entry] = {}
        self.metric_kinds = {str(m.id): m.kind for m in vocabulary.metrics.values()}
        self.lower_is_better = frozenset(str(m.id) for m in vocabulary.metrics.values() if m.better is Better.LOWER)
        # "a margin of 13.2%": the ratio whose definition is the metric over a margin base (rules:
        # connectives.margin_base); a segment named alone is a part of the metric its breakdown splits
        bases = connectives.get("margin_base", [])
        self.margin_of: dict[str, str] = {
            numerator: str(metric)
            for metric, d in vocabulary.definitions.items()
            for base in bases
            if len(d.metrics()) == 2 and base in d.metrics() and str(d).endswith(f"/ {base}")
            for numerator in d.metrics() - {base}
        }
        self.segment_metric: dict[str, str] = {
            str(segment): str(b.metric)
            for p in profiles for b in p.breakdowns for segment in (*b.parts, *((b.whole,) if b.whole else ()))
        }
        self.topic_words = frozenset(connectives.get("topic", ()))
        self.filler = frozenset(connectives.get("filler", ()))
        self.retract = tuple(connectives.get("retract", ()))
        self.restart = frozenset(connectives.get("restart", ()))
        self.compound = frozenset(connectives.get("compound", ()))
        self.segment_cue = frozenset(connectives.get("segment_cue", ()))
        self.purpose = frozenset(connectives.get("purpose", ()))
        self.translation = frozenset(connectives.get("translation", ()))
        for name, words in connectives.items():
            if name not in CONNECTIVE_CODES:
                continue
            for w in words:
                self.entries[w] = Entry(CONNECTIVE_CODES[name], connective=name)
        against = {c.id: c.against.value for c in vocabulary.comparisons}
        for phrase in vocabulary.phrases(profiles):
            code = _phrase_code(phrase)
            if code is None:
                continue
            relation = phrase.id if code == "t" else against.get(phrase.id, "prior_year") if code == "y" else None
            target = self.exact if phrase.case_sensitive else self.entries
            target.setdefault(phrase.text, Entry(code, phrase=phrase, relation=relation))
        self.max_words = max(len(k.split()) for k in (*self.entries, *self.exact))
        # "Excluding inventory-related charges, our operating margin was 12.9%": opening words that
        # put a sentence on a qualifier's basis (qualifiers.toml "openers"), with that qualifier
        self.openers: dict[str, Phrase] = {
            word: Phrase(word, PhraseCategory.QUALIFIER, str(q.id))
            for q in vocabulary.qualifiers.values() for word in q.openers
        }
        self.lengths = _lengths_by_first_word(self.entries)
        self.exact_lengths = _lengths_by_first_word(self.exact)

    def match(self, words: Sequence[str], lowered: Sequence[str], i: int,
              end: int | None = None) -> tuple[Entry, int] | None:
        """The longest entry starting at word ``i`` and ending before word ``end``, with the
        number of words it takes."""
        end = len(words) if end is None else end
        best: tuple[Entry, int] | None = None
        for n in self.lengths.get(lowered[i], ()):
            if i + n <= end:
                found = self.entries.get(" ".join(lowered[i : i + n]))
                if found is not None:
                    best = (found, n)
                    break
        for n in self.exact_lengths.get(words[i], ()):
            if i + n <= end and (best is None or n > best[1]):
                found = self.exact.get(" ".join(words[i : i + n]))
                if found is not None:
                    return found, n
        return best

    def phrases_in(self, words: Sequence[str], lowered: Sequence[str],
                   runs: Sequence[int] | None = None) -> Iterator[tuple[int, int, Entry]]:
        """(first word, number of words, entry) of each phrase, longest first, left to right;
        with ``runs``, a phrase never spans two runs (words with a figure between them)."""
        ends = _run_ends(runs) if runs is not None else None
        lengths, exact_lengths = self.lengths, self.exact_lengths
        i = 0
        while i < len(words):
            if lowered[i] not in lengths and words[i] not in exact_lengths:  # most words start no phrase
                i += 1
                continue
            hit = self.match(words, lowered, i, None if ends is None else ends[i])
            if hit is None:
                i += 1
                continue
            entry, n = hit
            yield i, n, entry
            i += n


def _lengths_by_first_word(phrases: Iterable[str]) -> dict[str, list[int]]:
    """Phrase lengths in words by first word, longest first: most words start no phrase at all."""
    lengths: dict[str, set[int]] = {}
    for key in phrases:
        parts = key.split()
        lengths.setdefault(parts[0], set()).add(len(parts))
    return {w: sorted(n, reverse=True) for w, n in lengths.items()}


def _run_ends(runs: Sequence[int]) -> list[int]:
    """For each word, the index just past the last word of its run."""
    ends = [0] * len(runs)
    end = len(runs)
    for k in range(len(runs) - 1, -1, -1):
        if k + 1 < len(runs) and runs[k + 1] != runs[k]:
            end = k + 1
        ends[k] = end
    return ends


PHRASE_CODES = {
    PhraseCategory.METRIC: "m",
    PhraseCategory.QUALIFIER: "q",
    PhraseCategory.SEGMENT: "g",
    PhraseCategory.PERIOD: "t",
    PhraseCategory.COMPARISON: "y",
    PhraseCategory.CHANGE: "n",
}


def _phrase_code(phrase: Phrase) -> str | None:
    category = phrase.category
    if category in PHRASE_CODES:
        return PHRASE_CODES[category]
    if category is PhraseCategory.DIRECTION:
        if phrase.id in (Direction.UP.value, Direction.BETTER.value):
            return "u"
        if phrase.id in (Direction.DOWN.value, Direction.WORSE.value):
            return "d"
    return None


@functools.lru_cache(maxsize=4)
def _sentence_ends(text: str) -> tuple[int, ...]:
    """Where each sentence of a document ends (both claim passes read them)."""
    return (*(m.end() for m in layout_pattern("SENTENCE_END").finditer(text)), len(text))


def sentence_spans(text: str, mentions: Sequence[Mention]) -> Iterator[tuple[int, int, list[Mention], int]]:
    """(start, end, mentions, start of the sentence before) for each sentence with a claimable figure."""
    ends = _sentence_ends(text)
    current: list[Mention] = []
    bounds: tuple[int, int] | None = None
    previous = 0
    for mention in mentions:
        if mention.kind not in FIGURE_CODES or mention.garbled:
            continue
        i = bisect.bisect_right(ends, mention.start)
        start = ends[i - 1] if i > 0 else 0
        end = ends[min(i, len(ends) - 1)]
        while end < mention.end and i + 1 < len(ends):  # a figure with a full stop inside ("U.S.")
            i += 1
            end = ends[i]
        if bounds is not None and bounds[0] == start:
            current.append(mention)
            continue
        if bounds is not None:
            yield bounds[0], bounds[1], current, previous
        previous = ends[i - 2] if i > 1 else 0
        bounds, current = (start, end), [mention]
    if bounds is not None:
        yield bounds[0], bounds[1], current, previous


def _is_translation(text: str, previous: Mention | None, mention: Mention, lexicon: ClaimLexicon) -> bool:
    """A money figure in another currency that directly follows one, joined by what
    connectives.toml "translation" lists (a bracket, "or")."""
    if previous is None or previous.kind is not Kind.MONEY or mention.kind is not Kind.MONEY:
        return False
    if previous.currency is None or mention.currency is None or previous.currency == mention.currency:
        return False
    return text[previous.end:mention.start].strip().lower() in lexicon.translation


def mentions_within(mentions: Sequence[Mention], start: int, end: int) -> Sequence[Mention]:
    """The mentions (sorted by position) that start inside [start, end)."""
    lo = bisect.bisect_left(mentions, start, key=lambda m: m.start)
    hi = bisect.bisect_left(mentions, end, key=lambda m: m.start)
    return mentions[lo:hi]


def tokenize_sentence(
    text: str, start: int, end: int, mentions: Sequence[Mention], lexicon: ClaimLexicon,
    current: Period, all_mentions: Sequence[Mention] = (),
) -> list[list[ClaimToken]]:
    """The clauses of one sentence as typed tokens (ordinary words dropped)."""
    items: list[tuple[int, ClaimToken]] = []
    # counts ("three" in "quarter three of 2019") give way to periods; figures do not
    taken: list[tuple[int, int]] = [(m.start, m.end) for m in mentions_within(all_mentions, start, end)
                                    if m.kind in FIGURE_CODES]
    previous: Mention | None = None
    for m in mentions:
        if _is_translation(text, previous, m, lexicon):
            continue  # "RMB 2,349.2 million (US$327.9 million)": a convenience translation, not a claim
        items.append((m.start, ClaimToken(FIGURE_CODES[m.kind], m.span, mention=m)))
        previous = m
    for p_start, p_end, p_text in period_matches(text, start, end):
        if any(a < p_end and p_start < b for a, b in taken):
            continue
        period = parse_absolute_period(p_text)
        if period is None:
            continue
        if period.year == -1:
            period = Period(current.year, period.part)
        taken.append((p_start, p_end))
        items.append((p_start, ClaimToken("t", Span(p_start, p_end, p_text), period=period)))
    taken.sort()
    words: list[tuple[int, int, str]] = []
    runs: list[int] = []  # words in the same run have no figure or period between them
    run = 0
    t = 0
    for wm in layout_pattern("WORD").finditer(text, start, end):
        while t < len(taken) and taken[t][1] <= wm.start():
            t += 1
            run += 1
        if t < len(taken) and taken[t][0] < wm.end():  # inside a figure or period
            continue
        words.append((wm.start(), wm.end(), wm.group()))
        runs.append(run)
    raw = [w for _, _, w in words]
    lowered = [w.lower() for w in raw]
    # per word: the token it belongs to, None for ordinary words
    kinds: list[ClaimToken | None] = [None] * len(words)
    for i, w in enumerate(raw):
        if w in CLAUSE_BREAKS:  # no phrase holds punctuation, so no phrase spans a break
            brk = ClaimToken(",", Span(words[i][0], words[i][1], w))
            kinds[i] = brk
            items.append((words[i][0], brk))
    for i, n, entry in lexicon.phrases_in(raw, lowered, runs):
        if entry.code == "m" and i + n < len(words) and lowered[i + n] in lexicon.compound and runs[i + n] == runs[i]:
            continue  # "gross profit per vehicle", "debt issuance costs": not the metric's own figure
        if entry.code == "n" and any(i >= k and lowered[i - k] in lexicon.purpose and runs[i - k] == runs[i]
                                     and all(kinds[i - m] is None for m in range(1, k)) for k in (1, 2)):
            continue  # "$20 million for expansion", "for cost reduction": a purpose, not a change
        s, e = words[i][0], words[i + n - 1][1]
        period = None if entry.relation is None else relative_period(current, entry.relation)
        token = ClaimToken(entry.code, Span(s, e, text[s:e]), phrase=entry.phrase, period=period)
        items.append((s, token))
        kinds[i : i + n] = [token] * n
    items.extend(_free_segments(text, words, runs, kinds, lexicon))
    items.sort(key=lambda x: x[0])
    items = _excluding_opener(items, lowered, lexicon)
    # "Revenue was $84.6 million: apparel $51.3 million, ...": a colon after a figure opens its parts
    items = [(at, ClaimToken("z", tok.span)) if tok.code == "," and tok.span.text == ":" and k > 0
             and items[k - 1][1].code in FIGURE_CODES.values() else (at, tok)
             for k, (at, tok) in enumerate(items)]
    items = _split_change_ranges(items)
    # "the third quarter of last year": a part of a year, then which year
    joined: list[tuple[int, ClaimToken]] = []
    for at, tok in items:
        if (tok.code == "t" and tok.period is not None and len(joined) >= 2 and joined[-1][1].code == "v"
                and joined[-2][1].code == "t" and joined[-2][1].period is not None
                and (tok.phrase is not None and tok.phrase.id in YEAR_RELATIONS
                     or tok.phrase is None and tok.period.part == "FY" and tok.period.year > 1900)):
            joined.pop()
            first_at, first = joined.pop()
            assert first.period is not None
            span = Span(first.span.start, tok.span.end, text[first.span.start:tok.span.end])
            joined.append((first_at, ClaimToken("t", span, period=Period(tok.period.year, first.period.part))))
        else:
            joined.append((at, tok))
    items = joined
    # "compared with last year", "from the same quarter last year", "up 14.4% to the third
    # quarter of 2019": with no figure between, a comparison with a period is a growth basis
    merged: list[tuple[int, ClaimToken]] = []
    for at, tok in items:
        if tok.code == "t" and merged and (merged[-1][1].code in "cf" or merged[-1][1].code == "o" and len(merged) > 1
                                           and merged[-2][1].code in "pb"):
            start_at, prev = merged.pop()
            span = Span(prev.span.start, tok.span.end, text[prev.span.start:tok.span.end])
            merged.append((start_at, ClaimToken("y", span, period=tok.period)))
        else:
            merged.append((at, tok))
    items = merged
    # "Diagnostics adjusted EBITA": a segment before qualifiers and a metric is that metric's
    # segment (the grammar reads qualifiers, metric, segment)
    k = 0
    while k < len(items):
        if items[k][1].code == "g":
            q = k + 1
            while q < len(items) and items[q][1].code == "q":
                q += 1
            if q > k + 1 and q < len(items) and items[q][1].code == "m":
                segment = items[k]
                items[k:q + 1] = [*items[k + 1:q + 1], segment]
                k = q
        k += 1
    items = _figure_first_changes(text, _break_between_statements(_mover_first_changes(_possessive_basis(text, items))))
    # "revenue from public cloud": the "from"/"of" belongs to the subject, not to a change
    items = [it for k, it in enumerate(items)
             if not (it[1].code in "fv" and 0 < k < len(items) - 1
                     and items[k - 1][1].code == "m" and items[k + 1][1].code == "g")]
    clauses: list[list[ClaimToken]] = [[]]
    for _, token in items:
        if token.code == ",":
            if clauses[-1]:
                clauses.append([])
            continue
        if token.code == "j":
            if clauses[-1]:
                clauses.append([])
            clauses[-1].append(token)
            clauses.append([])
            continue
        if token.code in "zZ" and clauses[-1]:  # the parts start a clause of their own
            clauses.append([])
        clauses[-1].append(token)
    return _qualifiers_first([c for c in clauses if c])


def _qualifiers_first(clauses: list[list[ClaimToken]]) -> list[list[ClaimToken]]:
    """A basis said after the subject ("revenue was down 11% organically", "margins would
    have increased", "grew 2.2% currency-neutral") or in a clause of its own before it
    ("Adjusting for currency translation effects, net sales grew 3%") qualifies the subject, and one
    in a clause of its own at the end ("a decrease of 11%, excluding currency") the clause before:
    the qualifier moves in front of the subject's head, where the grammar reads it. Only
    for a clause with one figure: "up 10% reported and 12% organically" keeps its words."""
    out: list[list[ClaimToken]] = []
    pending: list[ClaimToken] = []
    for clause in clauses:
        if all(t.code == "q" for t in clause):
            pending += clause
            continue
        head = next((i for i, t in enumerate(clause) if t.code == "m"), None)
        figures = sum(1 for t in clause if t.code in FIGURE_CODES.values())
        if head is None or figures != 1:
            out.append(pending + clause if pending else clause)
            pending = []
            continue
        while head > 0 and clause[head - 1].code in "qg":
            head -= 1
        stop = _head_stop(clause, head)
        late = [t for t in clause[stop + 1:] if t.code == "q"]
        rest = clause[stop + 1:]
        out.append([*clause[:head], *pending, *late, *clause[head:stop + 1], *(t for t in rest if t.code != "q")])
        pending = []
    if pending:  # a basis said last qualifies the clause before it: "a decrease of 11%, excluding currency"
        out[-1:] = [out[-1] + pending] if out else [pending]
    return out


def _head_stop(clause: Sequence[ClaimToken], start: int) -> int:
    """Index of the last metric or segment of the subject head that starts at ``start``
    (qualifiers after it are not the grammar's: "margins would have increased")."""
    k = last = start
    while k + 1 < len(clause) and clause[k + 1].code in "qgm":
        k += 1
        if clause[k].code in "gm":
            last = k
    return last


def _break_between_statements(items: list[tuple[int, ClaimToken]]) -> list[tuple[int, ClaimToken]]:
    """ "... to $549 million and adjusted EPS increased 112%", "... from Q2's $11.2 million and is
    also up 25%": an "and" after a figure before a new subject, or before a direction word
    (maybe after a linking verb), joins two statements, not two figures of one (a clause break)."""
    figures = set(FIGURE_CODES.values())

    def new_statement(k: int) -> bool:
        if _head_end(items, k + 1) is not None:
            return True
        if items[k + 1][1].code in "ud":  # "... in fiscal 2020 and up 78% compared to ..."
            return True
        return k + 2 < len(items) and items[k + 1][1].code == "w" and items[k + 2][1].code in "ud"

    return [(at, replace(tok, code=",")) if tok.code == "&" and 0 < k < len(items) - 1
            and items[k - 1][1].code in figures | {"t"} and new_statement(k) else (at, tok)
            for k, (at, tok) in enumerate(items)]


def _head_end(items: Sequence[tuple[int, ClaimToken]], k: int) -> int | None:
    """Index just past a subject head that starts at ``k`` (qualifiers and segments, metric
    words, maybe a segment after them), or None when no metric is there."""
    j = k
    while j < len(items) and items[j][1].code in "qg":
        j += 1
    if j == len(items) or items[j][1].code != "m":
        return None
    while j < len(items) and items[j][1].code == "m":
        j += 1
    if j < len(items) and items[j][1].code == "g":
        j += 1
    return j


def _as_noun(item: tuple[int, ClaimToken]) -> tuple[int, ClaimToken]:
    return item[0], replace(item[1], code="n")


def _figure_first_changes(text: str, items: list[tuple[int, ClaimToken]]) -> list[tuple[int, ClaimToken]]:
    """A change said figure first reads as the grammar's "subject growth figure":

    "a 24% increase in operating income" and "25% revenue growth" become "operating income
    growth 24%" and "revenue growth 25%"; "a 20% increase year over year", with no subject
    after it, makes "increase" the change noun it is.
    """
    out = list(items)
    k = 0
    while k < len(out) - 1:
        if out[k][1].code not in "pa":
            k += 1
            continue
        figure = out[k]
        mover = _mover_of(out[k + 2][1]) if k + 2 < len(out) else None
        if figure[1].code == "a" and out[k + 1][1].code == "p" and mover is not None:
            # "a $2.2 million or 8% improvement": an amount and a rate of one change
            at, noun = out[k + 2]
            out[k:k + 3] = [(at, replace(noun, code=mover)), figure,
                            (out[k + 1][0], ClaimToken("&", Span(figure[1].span.end, figure[1].span.end, ""))), out[k + 1]]
            k += 4
            continue
        if out[k + 1][1].code in "udn" and (head := _head_end(out, k + 2)) is not None:
            out[k:head] = [*out[k + 2:head], _as_noun(out[k + 1]), figure]        # figure, noun, head
            k = head
        elif (head := _head_end(out, k + 1)) is not None and head < len(out) and out[head][1].code in "udn":
            out[k:head + 1] = [*out[k + 1:head], _as_noun(out[head]), figure]     # figure, head, noun
            k = head + 1
        elif (figure[1].code == "p" and out[k + 1][1].code in "ud"
              and (k + 2 == len(out) or out[k + 2][1].code in ",jyfc")):
            out[k + 1] = _as_noun(out[k + 1])                                     # figure, noun
            k += 2
        elif out[k + 1][1].code in "ud" and _than(text, out[k + 1][1]):
            # "$30.8 million higher than the $8.9 million": a change by the first figure, against the
            # second; "$173 million higher than at the end of 2018": a change by that figure, not a level
            than = out[k + 1][1].span
            against = k + 2 < len(out) and out[k + 2][1].code == figure[1].code
            out[k:k + 2] = [out[k + 1], figure, *([(than.end, ClaimToken("c", Span(than.end, than.end, "")))]
                                                  if against else [])]
            k += 4 if against else 2
        else:
            k += 1
    return out


def _than(text: str, mover: ClaimToken) -> bool:
    """Whether "than" follows a direction word ("higher than")."""
    return text[mover.span.end:mover.span.end + 6].lower().split()[:1] == ["than"]


def _mover_of(token: ClaimToken) -> str | None:
    """The direction code ("u"/"d") of a direction word or change noun, if it has one."""
    if token.code in "ud":
        return token.code
    if token.code == "n" and token.phrase is not None:
        return {Direction.UP.value: "u", Direction.BETTER.value: "u",
                Direction.DOWN.value: "d", Direction.WORSE.value: "d"}.get(token.phrase.id)
    return None


POSSESSIVE = ("'s", "’s")


def _possessive_basis(text: str, items: list[tuple[int, ClaimToken]]) -> list[tuple[int, ClaimToken]]:
    """ "from Q2's $11.2 million" is a start and its period, not a growth basis and a new value:
    "from" and the period are placed around the figure ("from $11.2 million Q2")."""
    out = list(items)
    for k in range(len(out) - 1):
        at, tok = out[k]
        nxt = out[k + 1][1]
        if (tok.code == "y" and nxt.code in FIGURE_CODES.values() and tok.period is not None
                and text[tok.span.end:nxt.span.start].strip() in POSSESSIVE
                and tok.span.text.lower().startswith("from ")):
            start = tok.span.start
            out[k] = (at, ClaimToken("f", Span(start, start + 4, text[start:start + 4])))
            out.insert(k + 2, (nxt.span.end, ClaimToken("t", Span(start + 5, tok.span.end, text[start + 5:tok.span.end]),
                                                        period=tok.period)))
    return out


def _mover_first_changes(items: list[tuple[int, ClaimToken]]) -> list[tuple[int, ClaimToken]]:
    """ "increasing our quarterly dividend by 9%", "reduced debt by $4 billion": the direction
    word moves after the subject it governs, which the grammar reads."""
    out = list(items)
    k = 0
    while k < len(out) - 1:
        starts = k == 0 or out[k - 1][1].code in ",j"
        if out[k][1].code == "w" and starts and out[k + 1][1].code in "ud":  # "we are increasing"
            linked = _mover_first_changes(out[k + 1:])
            if linked != out[k + 1:]:
                return out[:k] + linked
        if out[k][1].code in "ud" and (starts or out[k - 1][1].code not in "mgqw"):
            head = _head_end(out, k + 1)
            if head is not None and head < len(out) and out[head][1].code == "k":
                mover = out[k]
                out[k:head] = [*out[k + 1:head], mover]
                k = head
                # "grew adjusted EBITDA by 94% and adjusted EPS by 112%": the verb serves both
                while k + 2 < len(out) and out[k + 2][1].code == "&":
                    nxt = _head_end(out, k + 3)
                    if nxt is None or nxt == len(out) or out[nxt][1].code != "k":
                        break
                    out.insert(nxt, mover)
                    k = nxt + 1
        k += 1
    return out


def _split_change_ranges(items: list[tuple[int, ClaimToken]]) -> list[tuple[int, ClaimToken]]:
    """ "increased $5.5 million to $92.8 million" is a change and its new level, not a range:
    a range right after a direction word (or "by") is split back into its two figures."""
    out: list[tuple[int, ClaimToken]] = []
    for at, tok in items:
        m = tok.mention
        if m is not None and m.is_range and out and out[-1][1].code in "udk" and " to " in m.text:
            cut = m.text.index(" to ")
            left, right = m.text[:cut], m.text[cut + 4:]
            parts = [(m.start, scan_text(left)), (m.start + cut + 4, scan_text(right))]
            if all(len(found) == 1 and found[0].kind is m.kind for _, found in parts):
                for offset, found in parts:
                    f = found[0]
                    span = Span(f.start + offset, f.end + offset, f.text)
                    piece = replace(f, span=span)
                    if offset != m.start:
                        out.append((offset - 4, ClaimToken("o", Span(offset - 3, offset - 1, "to"))))
                    out.append((span.start, ClaimToken(FIGURE_CODES[piece.kind], span, mention=piece)))
                continue
        out.append((at, tok))
    return out


FREE_SEGMENT_WORDS = 4
YEAR_RELATIONS = frozenset({"prior_year", "current_year", "next_year"})


def _free_segments(text: str, words: Sequence[tuple[int, int, str]], runs: Sequence[int],
                   kinds: Sequence[ClaimToken | None], lexicon: ClaimLexicon) -> list[tuple[int, ClaimToken]]:
    """Segments the vocabulary does not know: ordinary words that modify a metric.

    "Services revenue" and "revenue from smart home devices" are not total revenue:
    the content words right before a metric, or after its "from"/"of", become a
    segment token (id ``~services``), so such figures never pass for the total.
    """
    out: list[tuple[int, ClaimToken]] = []
    for i, token in enumerate(kinds):
        if token is None or token.code != "m" or (i > 0 and kinds[i - 1] is token):
            continue
        j = i
        while j > 0 and runs[j - 1] == runs[i] and _code(kinds[j - 1]) == "q":
            j -= 1  # qualifiers may stand between: "Diagnostics adjusted EBITA"
        before: list[int] = []
        while (j > 0 and runs[j - 1] == runs[i] and kinds[j - 1] is None and len(before) < FREE_SEGMENT_WORDS
               and _names_a_thing(words[j - 1][2].lower(), lexicon)):
            j -= 1  # the content words right before, up to the first filler word ("our", "the")
            before.insert(0, j)
        if not before:
            before = _named_by_cue(words, runs, kinds, j, runs[i], lexicon)
        if before:
            out.append(_segment_token(text, words, before))
        elif (opening := _leading_topic(words, kinds, i, lexicon)) is not None:
            named, comma = opening
            out.append((words[comma][1], _segment_token(text, words, named)[1]))  # after the comma: in the metric's clause
        end = i
        while end + 1 < len(kinds) and kinds[end + 1] is token:
            end += 1
        link = kinds[end + 1] if end + 1 < len(kinds) else None
        if link is not None and link.code in ("f", "v"):
            k = end + 2
            after: list[int] = []
            while k < len(kinds) and kinds[k] is None and runs[k] == runs[end + 1] and len(after) < FREE_SEGMENT_WORDS:
                if _names_a_thing(words[k][2].lower(), lexicon):
                    after.append(k)
                k += 1
            if after:
                out.append(_segment_token(text, words, after))
    return out


CUE_REACH = 3  # filler words that may stand between a segment cue and its metric


def _named_by_cue(words: Sequence[tuple[int, int, str]], runs: Sequence[int], kinds: Sequence[ClaimToken | None],
                  j: int, run: int, lexicon: ClaimLexicon) -> list[int]:
    """The name before a segment cue a few filler words before the metric at ``j``: "the
    Insurance segment had adjusted operating income" names the segment "insurance"."""
    k = j
    while k > 0 and j - k < CUE_REACH and runs[k - 1] == run and kinds[k - 1] is None \
            and not _names_a_thing(words[k - 1][2].lower(), lexicon):
        k -= 1
    cue = words[k - 1][2].lower().removesuffix("'s") if k > 0 and runs[k - 1] == run else ""
    if cue not in lexicon.segment_cue:
        return []
    name: list[int] = []
    k -= 1
    while (k > 0 and runs[k - 1] == run and kinds[k - 1] is None and len(name) < FREE_SEGMENT_WORDS
           and _names_a_thing(words[k - 1][2].lower(), lexicon)):
        k -= 1
        name.insert(0, k)
    return name


def _leading_topic(words: Sequence[tuple[int, int, str]], kinds: Sequence[ClaimToken | None], i: int,
                   lexicon: ClaimLexicon) -> tuple[list[int], int] | None:
    """The name in a sentence's opening "In municipal water, overall sales decreased 9%" (a
    topic word, content words only, a comma) when the metric at ``i`` is in the clause after
    it: (the name's word indices, the comma's)."""
    if not words or words[0][2].lower() not in lexicon.topic_words:
        return None
    comma = next((k for k, t in enumerate(kinds) if t is not None and t.code == ","), None)
    if comma is None or comma < 2 or comma > FREE_SEGMENT_WORDS + 1 or i < comma:
        return None
    if any(t is not None and t.code == "," for t in kinds[comma + 1:i]):
        return None  # a later clause: the opening names the first one's subject only
    name = list(range(1, comma))
    if any(kinds[k] is not None or not _names_a_thing(words[k][2].lower(), lexicon) for k in name):
        return None
    return name, comma


def _excluding_opener(items: list[tuple[int, ClaimToken]], lowered: Sequence[str],
                      lexicon: ClaimLexicon) -> list[tuple[int, ClaimToken]]:
    """A sentence opening "Excluding <what>," puts the figures after it on a basis: the opening
    word becomes its qualifier (qualifiers.toml "openers"), which then moves before the subject."""
    basis = lexicon.openers.get(lowered[0]) if lowered else None
    if (basis is None or not items or items[0][1].span.text.lower() != lowered[0]
            or not any(t.code == "," for _, t in items)):
        return items
    first = next(k for k, (_, t) in enumerate(items) if t.code == ",")
    if any(t.code in FIGURE_CODES.values() for _, t in items[:first]):
        return items
    at, tok = items[0]
    # what is excluded ("inventory-related charges") names no subject of its own
    return [(at, ClaimToken("q", tok.span, phrase=basis)), *items[first:]]


def _code(token: ClaimToken | None) -> str | None:
    return None if token is None else token.code


def _names_a_thing(word: str, lexicon: ClaimLexicon) -> bool:
    """A word that can be part of a segment's name (not filler: "our", "representing", "reported")."""
    return word not in lexicon.filler


def _segment_token(text: str, words: Sequence[tuple[int, int, str]], indices: Sequence[int]) -> tuple[int, ClaimToken]:
    s, e = words[indices[0]][0], words[indices[-1]][1]
    name = " ".join(words[k][2].lower().rstrip("s") for k in indices)
    phrase = Phrase(name, PhraseCategory.SEGMENT, "~" + name)
    return s, ClaimToken("g", Span(s, e, text[s:e]), phrase=phrase)


TOPIC_TAIL = 3  # a topic segment closes its sentence: "... in public cloud space."


def topic_segment(text: str, start: int, end: int, lexicon: ClaimLexicon) -> Phrase | None:
    """The last segment a figure-free sentence names ("... in public cloud space."), if any."""
    words = [m.group() for m in layout_pattern("WORD").finditer(text, start, end)]
    lowered = [w.lower() for w in words]
    found: Phrase | None = None
    for i, n, entry in lexicon.phrases_in(words, lowered):
        introduced = i > 0 and lowered[i - 1] in lexicon.topic_words
        if entry.code == "g" and introduced and len(words) - (i + n) <= TOPIC_TAIL:
            found = entry.phrase
    return found


RETRACT_REACH = 40  # characters between a figure and its correction


def without_retracted(text: str, mentions: Sequence[Mention], lexicon: ClaimLexicon) -> list[Mention]:
    """The mentions less those the speaker took back: "GH2 .318 million, sorry, GH2 .318 billion",
    or broke off to say again: "from 35% -- $0.35"."""
    kept: list[Mention] = []
    for i, m in enumerate(mentions):
        following = mentions[i + 1] if i + 1 < len(mentions) else None
        if following is not None and text[m.end:following.start].strip() in lexicon.restart:
            continue
        if following is not None and following.kind is m.kind and following.start - m.end <= RETRACT_REACH:
            between = " ".join(w.lower() for w in layout_pattern("WORD").findall(text, m.end, following.start))
            if any(f" {r} " in f" {between} " for r in lexicon.retract):
                continue
        kept.append(m)
    return kept
