"""Claims from clauses: parse typed tokens with grammar/claims.lark, build Claims.

The Transformer turns each clause into a list of events (a subject named, a
value stated, a change, a comparison, a share); the builder walks the events of
a sentence in order, carrying the subject and the last stated value from clause
to clause ("Revenues were RMB 1,625.3 million, up 31.7% from RMB 1,234.5 million"
is one subject, one value and one change). A clause the grammar cannot parse
yields no claim and ends the carried subject: no guess.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from lark import Lark, Token, Transformer, Tree
from lark.exceptions import LarkError
from lark.parsers.lalr_parser_state import ParseConf, ParserState

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
from auditor.claims.mention import Kind, Mention
from auditor.claims.period import Period
from auditor.claims.span import Span
from auditor.extraction.claim_tokens import (
    FIGURE_CODES,
    ClaimLexicon,
    ClaimToken,
    sentence_spans,
    tokenize_sentence,
    topic_segment,
)
from auditor.resources import grammar_text
from auditor.vocabulary.model import Direction, MetricKind, PhraseCategory

log = logging.getLogger(__name__)


@functools.cache
def claim_parser() -> Lark:
    return Lark(grammar_text("claims.lark"), parser="lalr", keep_all_tokens=True, cache=True)


# -- events -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SubjectEvent:
    subject: Subject
    period: Period | None


@dataclass(frozen=True, slots=True)
class RespectivelyEvent:
    subjects: tuple[Subject, ...]
    figures: tuple[Mention, ...]
    period: Period | None


@dataclass(frozen=True, slots=True)
class ValueEvent:
    stated: Stated


@dataclass(frozen=True, slots=True)
class ChangeEvent:
    move: Move | None
    rate: Mention | None
    basis: Period | None
    start: Stated | None
    end: Stated | None
    said_by: bool
    word: ClaimToken | None
    compared: CompareEvent | None = None


@dataclass(frozen=True, slots=True)
class CompareEvent:
    """ "compared with X in Q2 and Y last quarter"; a figure said with its own subject
    ("compared to an operating loss of $1.3 million") carries that subject."""

    stated: tuple[Stated, ...]
    subjects: tuple[Subject | None, ...] = ()

    def about(self, subject: Subject) -> tuple[Stated, ...]:
        """The compared figures that can be values of ``subject``: a figure said with another
        metric, the opposite sign ("loss" against "income") or a qualifier the subject lacks is not."""
        return tuple(st for st, other in zip(self.stated, self.subjects or (None,) * len(self.stated))
                     if other is None or (other.metric == subject.metric and other.negated == subject.negated
                                          and other.qualifiers <= subject.qualifiers
                                          and other.segment in (None, subject.segment)))


@dataclass(frozen=True, slots=True)
class ShareEvent:
    share: Mention
    whole: Subject | None
    period: Period | None = None  # said with the whole: "28.1% of sales for the prior year period"
    appended: bool = False  # "X% of sales" with no verb: a share of the figure said just before


@dataclass(frozen=True, slots=True)
class PeriodEvent:
    period: Period


@dataclass(frozen=True, slots=True)
class MarginEvent:
    """ "a margin of 13.2%": the margin of the subject's metric."""

    figure: Mention


@dataclass(frozen=True, slots=True)
class OfEvent:
    """A bare "of": "62% of total revenue of $412.6 million" (the value after it is the whole's)."""


@dataclass(frozen=True, slots=True)
class QualifiedEvent:
    """Qualifiers said after the figures of a clause, where the grammar cannot place them ("a
    2.2% growth on a currency-neutral basis"): the clause's figures are on that basis."""

    qualifiers: frozenset[str]


@dataclass(frozen=True, slots=True)
class CompositionEvent:
    """ "consisted of": the figures that follow in the sentence are the parts of the last value
    (all of them, or some with "of which")."""

    exhaustive: bool = True


Event = (SubjectEvent | RespectivelyEvent | ValueEvent | ChangeEvent | CompareEvent | ShareEvent | PeriodEvent
         | CompositionEvent | MarginEvent | QualifiedEvent | OfEvent)


@dataclass(frozen=True, slots=True)
class Endpoints:
    start: Stated | None
    end: Stated | None
    basis: Period | None = None  # "from the same quarter last year" with no figure


class ClauseTransformer(Transformer[Token, list[Event]]):
    """One method per ``-> alias`` of grammar/claims.lark; tokens index into ``self.tokens``."""

    def __init__(self, tokens: Sequence[ClaimToken], segment_metric: Mapping[str, str]):
        super().__init__()
        self.tokens = tokens
        self.segment_metric = segment_metric

    def _tok(self, t: Token) -> ClaimToken:
        assert t.start_pos is not None
        return self.tokens[t.start_pos]

    def _items(self, children: list[Any]) -> list[ClaimToken]:
        return [self._tok(c) for c in children if isinstance(c, Token)]

    # subjects
    def metric_head(self, children: list[Token]) -> list[ClaimToken]:
        return self._items(children)

    segment_head = metric_head

    def _subject(self, quals: list[ClaimToken], head: list[ClaimToken]) -> Subject | None:
        metric = None
        negated = False
        qualifiers = {q.phrase.id for q in quals if q.phrase}
        segment = None
        for tok in head:
            if tok.phrase is None:
                continue
            if tok.phrase.category is PhraseCategory.METRIC:
                metric = tok.phrase.id  # the last metric word names the head ("EBITDA margin")
                negated = tok.phrase.negated
                qualifiers |= set(tok.phrase.qualifiers)
            elif tok.phrase.category is PhraseCategory.SEGMENT and segment is None:
                segment = tok.phrase.id
        if metric is None and segment is not None:
            metric = self.segment_metric.get(segment)  # "public cloud reached ...": its revenue
        if metric is None:
            return None
        s, e = head[0].span, head[-1].span
        first = quals[0].span if quals else s
        total = any("total" in t.span.text.lower() for t in (*quals, *head))
        return Subject(metric, frozenset(qualifiers), segment, negated, Span(first.start, e.end, ""), total)

    def subject(self, children: list[Any]) -> list[Event]:
        quals = [self._tok(c) for c in children if isinstance(c, Token) and c.type == "QUAL"]
        head = next(c for c in children if isinstance(c, list))
        period = next((self._tok(c).period for c in children if isinstance(c, Token) and c.type == "PERIOD"), None)
        subj = self._subject(quals, head)
        return [] if subj is None else [SubjectEvent(subj, period)]

    def respectively(self, children: list[Any]) -> list[Event]:
        subjects: list[Subject] = []
        quals: list[ClaimToken] = []
        figures: list[Mention] = []
        period = None
        for c in children:
            if isinstance(c, list):
                subj = self._subject(quals, c)
                if subj is None:
                    return []
                subjects.append(subj)
                quals = []
            elif isinstance(c, Mention):
                figures.append(c)
            elif isinstance(c, Token):
                tok = self._tok(c)
                if c.type == "QUAL":
                    quals.append(tok)
                elif c.type == "PERIOD":
                    period = tok.period
        if len(subjects) != len(figures):
            return []
        return [RespectivelyEvent(tuple(subjects), tuple(figures), period)]

    # figures
    def figure(self, children: list[Token]) -> Mention:
        mention = self._tok(children[0]).mention
        assert mention is not None
        return mention

    def stated(self, children: list[Any]) -> Stated:
        mention = next(c for c in children if isinstance(c, Mention))
        period = next((self._tok(c).period for c in children if isinstance(c, Token)), None)
        return Stated(mention, period)

    def value(self, children: list[Any]) -> list[Event]:
        stated = next(c for c in children if isinstance(c, Stated))
        said = next((self._tok(c).period for c in children if isinstance(c, Token) and c.type == "PERIOD"), None)
        return [ValueEvent(stated if stated.period is not None or said is None else replace(stated, period=said))]

    def bare_period(self, children: list[Token]) -> list[Event]:
        period = self._tok(children[0]).period
        return [] if period is None else [PeriodEvent(period)]

    def stray_of(self, children: list[Token]) -> list[Event]:
        return [OfEvent()]

    def stray_and(self, children: list[Token]) -> list[Event]:
        return []

    def composition(self, children: list[Token]) -> list[Event]:
        return [CompositionEvent()]

    def composition_partial(self, children: list[Token]) -> list[Event]:
        return [CompositionEvent(exhaustive=False)]

    def margin_after(self, children: list[Any]) -> list[Event]:
        return [MarginEvent(next(c for c in children if isinstance(c, Mention)))]

    margin_before = margin_after

    def to_from(self, children: list[Any]) -> Endpoints:
        stated = [c for c in children if isinstance(c, Stated)]
        return Endpoints(stated[1], stated[0])

    def mover(self, children: list[Token]) -> ClaimToken:
        return self._tok(children[0])

    def from_to(self, children: list[Any]) -> Endpoints:
        stated = [c for c in children if isinstance(c, Stated)]
        return Endpoints(stated[0], stated[1] if len(stated) > 1 else None)

    def to_only(self, children: list[Any]) -> Endpoints:
        return Endpoints(None, next(c for c in children if isinstance(c, Stated)))

    def from_period(self, children: list[Token]) -> Endpoints:
        return Endpoints(None, None, self._tok(children[-1]).period)

    def compared(self, children: list[Any]) -> tuple[Stated, Subject | None]:
        return self.stated(children), None

    def compared_subject(self, children: list[Any]) -> tuple[Stated, Subject | None]:
        quals = [self._tok(c) for c in children if isinstance(c, Token) and c.type == "QUAL"]
        head = next(c for c in children if isinstance(c, list))
        mention = next(c for c in children if isinstance(c, Mention))
        period = next((self._tok(c).period for c in children if isinstance(c, Token) and c.type in ("PERIOD", "BASIS")),
                      None)
        return Stated(mention, period), self._subject(quals, head)

    def comparison(self, children: list[Any]) -> CompareEvent:
        pairs = [c for c in children if isinstance(c, tuple)]
        return CompareEvent(tuple(st for st, _ in pairs), tuple(subj for _, subj in pairs))

    def _change(self, children: list[Any], noun: bool = False) -> list[Event]:
        """One event per rate: "up 8.4% year over year and 7% quarter over quarter" is two."""
        word = next((c for c in children if isinstance(c, ClaimToken)), None)
        if noun:
            word = next((self._tok(c) for c in children if isinstance(c, Token) and c.type == "NOUN"), None)
        move = _move(word)
        said_by = any(isinstance(c, Token) and c.type == "BY" for c in children) or (
            word is not None and word.span.text.lower().endswith(" by"))
        ends = next((c for c in children if isinstance(c, Endpoints)), None)
        compared = next((c for c in children if isinstance(c, CompareEvent)), None)
        figures = [c for c in children if isinstance(c, Mention)]
        if (noun and ends is not None and ends.start is not None and ends.end is None and len(figures) == 1
                and ends.start.mention.kind is Kind.PERCENT and figures[0].kind is not Kind.PERCENT):
            # "average loans of $14.9 billion represented a decline of 1%": the rate follows the noun,
            # and the amount before it is the level the change ended at
            children = [c for c in children if c is not figures[0] and c is not ends] + [ends.start.mention]
            ends = Endpoints(None, Stated(figures[0], None), ends.basis)
        rates: list[list[Any]] = []  # [rate, basis]
        for c in children:
            if isinstance(c, Mention):
                rates.append([c, None])
            elif isinstance(c, Token) and c.type == "BASIS":
                if rates:
                    rates[-1][1] = self._tok(c).period
                else:
                    rates.append([None, self._tok(c).period])
        if not rates:
            rates.append([None, None])
        if ends is not None and ends.basis is not None and rates[0][1] is None:
            rates[0][1] = ends.basis
        events: list[Event] = []
        for i, (rate, basis) in enumerate(rates):
            first = i == 0
            events.append(ChangeEvent(
                move, rate, basis,
                ends.start if ends and first else None, ends.end if ends and first else None,
                said_by, word, compared if first else None))
        return events

    def change_by(self, children: list[Any]) -> list[Event]:
        return self._change(children)

    change_between = change_by
    change_compared = change_by

    def noun_after(self, children: list[Any]) -> list[Event]:
        return self._change(children, noun=True)

    noun_before = noun_after

    def share_verb(self, children: list[Any]) -> list[Event]:
        share = next(c for c in children if isinstance(c, Mention))
        said = next((e for c in children if isinstance(c, list) for e in c if isinstance(e, SubjectEvent)), None)
        return [ShareEvent(share, said.subject if said else None, said.period if said else None)]

    def share_of(self, children: list[Any]) -> list[Event]:
        """"X% of sales" opening its clause or right after a figure ("$92.8 million or 28.2% of
        sales") is a share of that figure; after other words ("and services now represent 14% of
        revenue") it is a share of the subject as it stands."""
        events = self.share_verb(children)
        share = events[0].share if events and isinstance(events[0], ShareEvent) else None
        at = next((i for i, t in enumerate(self.tokens) if t.mention is share), None)
        if at is not None and (at == 0 or self.tokens[at - 1].code in FIGURE_CODES.values()):
            return [replace(e, appended=True) if isinstance(e, ShareEvent) else e for e in events]
        return events

    share_whole_first = share_verb

    def start(self, children: list[Any]) -> list[Event]:
        out: list[Event] = []
        for c in children:
            if isinstance(c, list):
                out.extend(c)
            elif isinstance(c, (CompareEvent, ChangeEvent, ValueEvent)):
                out.append(c)
        return out


def _old_range(ev: ChangeEvent) -> bool:
    """ "ranging from $55 million to $58 million, down from $58 million to $61 million": with no
    rate, "down from A to B" with A below B is the range said before, low to high, not a change
    (a real change the other way is said "to B from A", with a rate, or of a loss that
    "narrowed", and stays checked)."""
    s, e = ev.start, ev.end
    return (ev.rate is None and ev.move is Move.DOWN and s is not None and e is not None
            and s.mention.start < e.mention.start and s.mention.value < e.mention.value)


def _said_before_share(before: Event | None, subject: Subject | None) -> Stated | None:
    """The earlier-period figure a share directly follows: the last compared figure, or a
    change's start said after its end ("up from $51.2 million or 34% of net sales")."""
    if isinstance(before, CompareEvent) and subject is not None:
        against = before.about(subject)
        return against[-1] if against else None
    if isinstance(before, ChangeEvent) and before.start is not None and (
            before.end is None or before.start.mention.start > before.end.mention.start):
        return before.start
    return None


def _reanchor_period(period: Period | None, current: Period, own: Period) -> Period | None:
    """A period said relative to the call ("a year earlier") moved to be relative to ``own``."""
    if period == current.shift_years(-1):
        return own.shift_years(-1)
    if period == current.previous_quarter():
        return own.previous_quarter()
    return period


def _reanchor(stated: Stated | None, current: Period, own: Period) -> Stated | None:
    if stated is None or stated.period is None:
        return stated
    return replace(stated, period=_reanchor_period(stated.period, current, own))


def _resolve_move(ev: ChangeEvent, subject: Subject, lower_is_better: frozenset[str]) -> Move | None:
    """ "improved"/"worsened" as a direction of the stated figure: a combined ratio that
    improved went down, and so did a loss that improved."""
    word = ev.word
    if not _judges(word):
        return ev.move
    assert word is not None and word.phrase is not None
    up_is_good = (subject.metric not in lower_is_better) != subject.negated
    good = word.phrase.id == Direction.BETTER.value
    return Move.UP if up_is_good == good else Move.DOWN


def _judges(word: ClaimToken | None) -> bool:
    """Whether a direction word says better or worse ("improved"), not up or down."""
    return word is not None and word.phrase is not None and word.phrase.id in (
        Direction.BETTER.value, Direction.WORSE.value)


def _move(word: ClaimToken | None) -> Move | None:
    if word is None or word.phrase is None:
        return None
    if word.phrase.id in (Direction.UP.value, Direction.BETTER.value):
        return Move.UP
    if word.phrase.id in (Direction.DOWN.value, Direction.WORSE.value):
        return Move.DOWN
    return None


@functools.cache
def _parse_conf() -> ParseConf[Any]:
    """The LALR tables and callbacks of the claim parser."""
    conf: ParseConf[Any] = claim_parser().parse_interactive("").parser_state.parse_conf
    return conf


@functools.cache
def _terminal_names() -> dict[str, str]:
    """Token code -> terminal name, read from the grammar."""
    return {t.pattern.value: t.name for t in claim_parser().terminals}


def parse_clause(tokens: Sequence[ClaimToken], segment_metric: Mapping[str, str] | None = None) -> list[Event] | None:
    """Events of one clause, or ``None`` when the grammar cannot structure it.

    When the whole clause does not parse, its longest prefix that does is used
    (the words after the point where the grammar fails yield nothing).
    """
    tree = _parse_codes("".join(t.code for t in tokens))
    if tree is None:
        return None
    events = ClauseTransformer(tokens, segment_metric or {}).transform(tree)
    tail = tokens[parsed_length(tree):]
    said_after = frozenset(t.phrase.id for t in tail if t.code == "q" and t.phrase)
    if said_after and not any(t.code in FIGURE_CODES.values() for t in tail):
        return [QualifiedEvent(said_after), *events]
    return events


def parsed_length(tree: Tree[Token]) -> int:
    """How many tokens of its clause a parse tree structures (a prefix when the whole fails)."""
    return max((t.start_pos or 0 for t in tree.scan_values(lambda v: isinstance(v, Token))), default=-1) + 1


@functools.lru_cache(maxsize=4096)
def _parse_codes(codes: str) -> Tree[Token] | None:
    """The parse tree of a code string, or of its longest prefix that is a complete clause.

    The tokens are fed once, noting after which of them the LALR action table lets the
    input end; then the longest such prefix is fed again and ended (the next shorter one
    if LALR's spurious reductions reject it). Cached: calls repeat the same clause
    shapes, and a tree holds token positions, not tokens.
    """
    ends: list[int] = []
    _feed(codes, ends)
    for length in reversed(ends):
        state = _feed(codes[:length], [])
        if state is None:
            continue
        try:
            tree: Tree[Token] = state.feed_token(Token("$END", "", start_pos=length), True)
        except LarkError:
            continue
        return tree
    return None


def _feed(codes: str, ends: list[int]) -> ParserState[Any] | None:
    """A parser state after the longest prefix of ``codes`` it accepts, token by token
    (``None`` when it stops early); ``ends`` receives each length after which the input may end."""
    names = _terminal_names()
    conf = _parse_conf()
    state: ParserState[Any] = ParserState(conf, None)  # type: ignore[arg-type]  # no lexer: tokens are fed
    actions = conf.states
    for i, code in enumerate(codes):
        name = names.get(code)
        if name is None or name not in actions[state.position]:
            return None
        try:
            state.feed_token(Token(name, code, start_pos=i))
        except LarkError:
            return None
        if "$END" in actions[state.position]:
            ends.append(i + 1)
    return state


# -- building claims ----------------------------------------------------------


def build_claims(events_by_clause: Sequence[list[Event] | None], topic: str | None = None,
                 kinds: Mapping[str, MetricKind] | None = None,
                 margin_of: Mapping[str, str] | None = None,
                 lower_is_better: frozenset[str] = frozenset(),
                 current: Period | None = None) -> list[Claim]:
    """Claims of one sentence: carry subject, period and last value across its clauses.

    ``topic`` is a segment the sentence before named without a figure ("Now to
    public cloud."): the sentence's first subject, if it names no segment and is
    not a total, is taken to be about that segment.
    """
    kinds = kinds or {}
    margin_of = margin_of or {}

    def _fits(subject: Subject, mention: Mention) -> bool:
        return figure_fits(kinds.get(subject.metric), subject, mention)

    claims: list[Claim] = []
    subject: Subject | None = None
    last: Stated | None = None
    period: Period | None = None
    compared: Stated | None = None  # the first figure after "compared with" in this sentence
    whole: tuple[Subject, Stated] | None = None  # after "consisted of": the total being broken down
    exhaustive = True  # all the parts are listed ("consisted of"), or some ("of which")
    parts: list[Mention] = []
    part_subject: Subject | None = None
    resume: tuple[Subject, Stated | None] | None = None  # the part, while a share has named its whole
    previous: Event | None = None
    started: list[Stated] = []  # figures taken as a change's start: their period is the change's basis
    for events in events_by_clause:
        if events is None:
            if isinstance(previous, ShareEvent) and previous.whole is not None and claims \
                    and isinstance(claims[-1], ShareClaim):
                claims.pop()  # "51.7% of revenue excluding purchased vehicles": the whole is qualified
            subject, last, resume = None, None, None
            if whole is not None:  # "comprised of $600 million of gross debt, net of ...": parts unread
                whole, parts = None, []
            continue
        unqualified: tuple[Subject, Stated | None, Stated | None] | None = None  # before this clause's qualifiers
        for at_event, ev in enumerate(events):
            after = events[at_event + 1] if at_event + 1 < len(events) else None
            if isinstance(ev, QualifiedEvent):
                if subject is not None:
                    # "..., and a 2.2% growth on a currency-neutral basis": not a change between the
                    # figures said before, which are on the sentence's own basis
                    unqualified = (subject, last, compared)
                    subject, last, compared = replace(subject, qualifiers=subject.qualifiers | ev.qualifiers), None, None
                continue
            before, previous = previous, ev
            if resume is not None and (isinstance(ev, (CompareEvent, ChangeEvent))
                                       or (isinstance(ev, ValueEvent) and not isinstance(before, OfEvent))):
                # "... or 28.2% of sales, compared with $87.3 million", "$94 million or 178% of net income
                # in the quarter and $180 million ...": the part again (a whole's value follows "of")
                subject, last = resume
            if not isinstance(ev, (ShareEvent, OfEvent)):
                resume = None
            if whole is not None:
                if isinstance(ev, SubjectEvent):
                    part_subject = ev.subject
                elif isinstance(ev, ValueEvent):
                    parts.append(ev.stated.mention)
                    if part_subject is not None:
                        claims.append(ValueClaim(part_subject, Stated(ev.stated.mention, ev.stated.period or period)))
                        part_subject = None
                elif isinstance(ev, RespectivelyEvent):
                    parts.extend(ev.figures)
                continue
            if isinstance(ev, CompositionEvent):
                if subject is not None and last is not None:
                    whole, exhaustive = (subject, last), ev.exhaustive
                continue
            if isinstance(ev, PeriodEvent):
                period = ev.period
            elif isinstance(ev, SubjectEvent):
                subject, last, compared = ev.subject, None, None  # a figure compared with belongs to its own subject
                if topic is not None and subject.segment is None and not subject.total:
                    subject = replace(subject, segment=topic)
                topic = None
                period = ev.period or period
            elif isinstance(ev, RespectivelyEvent):
                for subj, fig in zip(ev.subjects, ev.figures):
                    claims.append(ValueClaim(subj, Stated(fig, ev.period or period)))
                subject, last = None, None
            elif subject is None:
                if isinstance(ev, ChangeEvent) and ev.start is not None and ev.end is not None and not _old_range(ev):
                    # "Footwear grew 17% to $24.8 million from $21.2 million": the figures
                    # check each other whatever the subject is called
                    anonymous = Subject(ANONYMOUS, segment=f"{ANONYMOUS}@{ev.start.mention.start}")
                    # "improved" says which way only for a known subject (a cost that improved went down)
                    claims.append(ChangeClaim(anonymous, None if _judges(ev.word) else ev.move, ev.rate, ev.basis,
                                              ev.start, ev.end, ev.said_by, ev.word.span if ev.word else None))
                continue
            elif isinstance(ev, ValueEvent):
                stated = ev.stated if ev.stated.period else Stated(ev.stated.mention, period)
                if _fits(subject, stated.mention):
                    claims.append(ValueClaim(subject, stated))
                    last = stated
            elif isinstance(ev, CompareEvent):
                same = ev.about(subject)
                if same:
                    compared = same[0]
                    # the sentence's last claim, past the shares said with it ("to X, or 28.2% of sales,")
                    at = next((i for i in range(len(claims) - 1, -1, -1) if not isinstance(claims[i], ShareClaim)), None)
                    prior = claims[at] if at is not None else None
                    if at is not None and isinstance(prior, ChangeClaim) and prior.start is None and prior.end is not None:
                        claims[at] = replace(prior, start=compared)  # "increased to X, compared with Y"
                        started.append(compared)
                for st in same:
                    if st.period is not None and _fits(subject, st.mention):
                        claims.append(ValueClaim(subject, st))
            elif isinstance(ev, ChangeEvent):
                if last is not None and last.mention.is_range and ev.start is not None and ev.end is not None:
                    continue  # "$210 million to $215 million, down from $220 million to $225 million": an old range
                ev = replace(ev, move=_resolve_move(ev, subject, lower_is_better))
                if not subject.negated and _old_range(ev):
                    continue
                end: Stated | None = ev.end or last
                start: Stated | None = ev.start
                said_against = ev.compared.about(subject) if ev.compared is not None else ()
                if said_against and start is None:
                    start = said_against[0]
                basis = ev.basis
                if (start is None and compared is not None and end is not None and basis in (None, compared.period)
                        and not isinstance(after, CompareEvent)  # "down 10.2% as compared to X": its own
                        and (compared.period is None or end.period is None
                             or compared.period.length == end.period.length)):  # a quarter's is no nine months' start
                    start = compared  # a change said against its own basis is not against that figure
                if current is not None and end is not None and end.period is not None and end.period != current:
                    # "for the full year 2024 ... up 41.2% from X a year earlier": a year before the
                    # figure's own period, not before the call's quarter
                    start = _reanchor(start, current, end.period)
                    basis = _reanchor_period(basis, current, end.period)
                stated_ends: tuple[Stated | None, ...] = (start, ev.end)
                for point in stated_ends:
                    if point is not None and point.period is not None and _fits(subject, point.mention):
                        claims.append(ValueClaim(subject, point))
                claims.append(ChangeClaim(subject, ev.move, ev.rate, basis, start, end, ev.said_by,
                                          ev.word.span if ev.word else None, period if end is None else None))
                if start is not None:
                    started.append(start)
                if ev.end is not None:
                    last = ev.end  # "... to $92.8 million or 28.2% of sales": the share is of the new level
            elif isinstance(ev, MarginEvent):
                margin = margin_of.get(subject.metric)
                if margin is not None and ev.figure.kind is Kind.PERCENT:
                    claims.append(ValueClaim(replace(subject, metric=margin, negated=False),
                                             Stated(ev.figure, last.period if last else period)))
            elif isinstance(ev, ShareEvent):
                part = last
                said = _said_before_share(before, subject) if ev.appended else None
                if said is not None:
                    # "compared with $87.3 million, or 28.1% of sales, for the prior year period", "up from
                    # $51.2 million or 34% of net sales": the share is of that earlier figure, in its own
                    # period (the change's basis for a change's start; unknown: not checked)
                    period_said = said.period or ev.period
                    part = Stated(said.mention, period_said) if period_said or any(said.mention.span == s.mention.span for s in started) else None
                claims.append(ShareClaim(subject, part, ev.share, ev.whole))
                if ev.whole is not None:  # "... 62% of total revenue of $412.6 million"
                    resume = (subject, last)
                    subject, last = ev.whole, None
        if unqualified is not None and subject is not None and subject.metric == unqualified[0].metric:
            subject, last, compared = unqualified  # the basis said in a clause holds for that clause only
    if whole is not None and len(parts) >= 2 and all(p.kind is whole[1].mention.kind for p in parts):
        claims.append(SumClaim(whole[0], whole[1], tuple(parts), exhaustive))
    return claims


def figure_fits(kind: MetricKind | None, subject: Subject, mention: Mention) -> bool:
    """Whether a figure can be a value of the subject (a percent is not revenue)."""
    if subject.metric == ANONYMOUS:
        return mention.kind in (Kind.MONEY, Kind.PER_SHARE)
    if kind is MetricKind.RATIO:
        return mention.kind is Kind.PERCENT
    if kind is MetricKind.AMOUNT:
        return mention.kind is Kind.MONEY
    if kind is MetricKind.PER_SHARE:  # "$1.42" is a per-share amount; "$12.3 million" never is
        return mention.kind is Kind.PER_SHARE or (mention.kind is Kind.MONEY and mention.scale < 10**3)
    return False


def extract_claims(
    text: str, mentions: Sequence[Mention], lexicon: ClaimLexicon, current: Period,
) -> list[Claim]:
    claims: list[Claim] = []
    last_end = -1
    for start, end, figures, previous in sentence_spans(text, mentions):
        clauses = tokenize_sentence(text, start, end, figures, lexicon, current, mentions)
        topic = None
        if previous >= last_end:  # the sentence before has no figure: it may name the topic
            phrase = topic_segment(text, previous, start, lexicon)
            topic = phrase.id if phrase is not None else None
        claims.extend(build_claims([parse_clause(c, lexicon.segment_metric) for c in clauses], topic,
                                   lexicon.metric_kinds,
                                   lexicon.margin_of, lexicon.lower_is_better, current))
        last_end = end
    return claims
