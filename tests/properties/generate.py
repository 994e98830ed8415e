"""Internally consistent earnings calls for fictional companies, from our own sentence templates.

``generate(seed)`` draws a set of figures that agree with each other (segments
summing to total revenue, growth rates from last year's figures, gross profit
and gross margin, operating expenses as R&D + S&M + G&A, EBITDA and its margin,
EPS this year and last), rounds them the way calls do (money to 0.1 million,
percents to 0.1 or whole, EPS to the cent), and renders them through a few dozen
templates of our own (also operating income or loss, net income and margin,
free cash flow, sequential and year-to-date revenue, non-GAAP figures, an outlook
range, and the CEO restating revenue rounded, sometimes in words). Every derived figure is computed from the *rounded* figures it
depends on and then rounded itself, so every relation holds exactly at the
stated values and therefore under the interval semantics of DESIGN.md.

The result keeps every stated figure's span and the relations it takes part in
(by our own construction, not the engine's), so the property test can assert
"no error" and the diagnosis bench can corrupt one figure and know whether it
sits in two or more relations.

Used by tests/properties/test_consistent_documents.py and bench/diagnosis_bench.py.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from fractions import Fraction

F = Fraction

COMPANIES = ("Norvale Systems", "Brightfen Labs", "Quillmark Holdings", "Tessary Group", "Olvanta Networks",
             "Harrowgate Digital", "Meridel Technologies", "Castorly Inc.", "Fenwick Arcadia", "Pellucid Data")
CEOS = ("Dana Whitfield", "Marcus Oyelaran", "Ingrid Solberg", "Priya Raman", "Tomasz Wrobel", "Lena Hartmann")
CFOS = ("Owen Castellano", "Mei Lindqvist", "Rafael Quintero", "Sophie Adeyemi", "Jonas Berggren")
SEGMENTS = ("cloud services", "devices", "advertising", "subscription", "licensing", "payments", "logistics",
            "consulting", "marketplace", "hardware")
QUARTERS = ("first", "second", "third", "fourth")
CURRENCIES = ("$", "RMB ", "€")
FILLERS = (
    "We continued to invest in product quality and customer experience.",
    "Our teams executed well against a demanding backdrop.",
    "Let me now walk you through our financial results in more detail.",
    "We remain disciplined in how we allocate capital.",
    "Customer feedback on our new releases has been encouraging.",
    "With that, let me hand the call over to our finance team.",
)


# -- numbers ----------------------------------------------------------------------


def round_to(value: Fraction, decimals: int) -> Fraction:
    """Round half away from zero to ``decimals`` places (exactly, on Fractions)."""
    unit = F(1, 10**decimals)
    n = abs(value) / unit
    rounded = math.floor(n + F(1, 2)) * unit
    return rounded if value >= 0 else -rounded


def fixed(value: Fraction, decimals: int, grouped: bool = True) -> str:
    """``value`` with exactly ``decimals`` places, thousands grouped (no binary floats)."""
    v = round_to(abs(value), decimals)
    scaled = int(v * 10**decimals)
    whole, frac = divmod(scaled, 10**decimals)
    text = f"{whole:,}" if grouped else str(whole)
    if decimals:
        text += "." + str(frac).rjust(decimals, "0")
    return ("-" if value < 0 else "") + text


@dataclass(frozen=True)
class Stated:
    """A figure as the call states it: its value (stated units) and text."""

    number: Fraction   # 412.6 for "$412.6 million", 12.4 for "12.4%", 0.42 for "$0.42"
    decimals: int
    text: str
    kind: str          # money | percent | bps | multiple | per_share


def money(millions: Fraction, currency: str, decimals: int = 1) -> Stated:
    return Stated(round_to(millions, decimals), decimals, f"{currency}{fixed(millions, decimals)} million", "money")


def billions(millions: Fraction, currency: str, decimals: int = 2) -> Stated:
    b = round_to(millions / 1000, decimals)
    return Stated(b, decimals, f"{currency}{fixed(b, decimals)} billion", "money")


ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def words(number: Fraction, decimals: int) -> str:
    """A number below 1000 as a speaker says it: 2.35 -> 'two point three five', 413 -> 'four hundred thirteen'."""
    text = fixed(number, decimals, grouped=False)
    whole, _, digits = text.partition(".")
    n = int(whole)
    assert 0 <= n < 1000
    hundreds, rest = divmod(n, 100)
    out = [f"{ONES[hundreds]} hundred"] if hundreds else []
    if rest >= 20:
        out.append(TENS[rest // 10] + (f" {ONES[rest % 10]}" if rest % 10 else ""))
    elif rest >= 10:
        out.append(TEENS[rest - 10])
    elif rest or not hundreds:
        out.append(ONES[rest])
    if digits:
        out.append("point " + " ".join(ONES[int(d)] for d in digits))
    return " ".join(out)


def percent(value: Fraction, decimals: int, word: bool = False) -> Stated:
    """``value`` is a fraction (0.124 for 12.4%)."""
    p = round_to(value * 100, decimals)
    return Stated(p, decimals, f"{fixed(p, decimals)}{' percent' if word else '%'}", "percent")


def per_share(value: Fraction, currency: str) -> Stated:
    return Stated(round_to(value, 2), 2, f"{currency}{fixed(value, 2)}", "per_share")


# -- the document being written ---------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One stated figure of a generated call: where it is and which of our relations it is in."""

    name: str
    start: int
    end: int
    stated: Stated
    relations: tuple[str, ...]
    fact: str          # figures restating one fact share it ("revenue" for "revenue_again")

    @property
    def text(self) -> str:
        return self.stated.text


@dataclass(frozen=True)
class GeneratedCall:
    seed: int
    text: str
    figures: tuple[Figure, ...]
    relations: dict[str, tuple[str, ...]]   # relation name -> figure names

    def figure(self, name: str) -> Figure:
        return next(f for f in self.figures if f.name == name)


@dataclass
class Writer:
    """Collects sentences, the spans of the figures in them, and the relations among figures."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    spans: dict[str, tuple[int, int, Stated]] = field(default_factory=dict)
    relations: dict[str, tuple[str, ...]] = field(default_factory=dict)
    facts: dict[str, str] = field(default_factory=dict)
    translate: bool = False    # follow some RMB amounts with their US dollar translation

    def restates(self, name: str, original: str) -> None:
        """``name`` states the same fact as ``original`` (possibly rounded)."""
        self.facts[name] = self.facts.get(original, original)

    def sentence(self, *pieces: str | tuple[str, Stated]) -> None:
        """Append one sentence; a ``(name, Stated)`` piece is a figure named ``name``."""
        if self.parts and not self.parts[-1].endswith("\n"):
            self._add(" ")
        for piece in pieces:
            if isinstance(piece, tuple):
                name, stated = piece
                assert name not in self.spans, f"figure {name} stated twice"
                self.spans[name] = (self.length, self.length + len(stated.text), stated)
                self._add(stated.text)
            else:
                self._add(piece)

    def paragraph(self, heading: str | None = None) -> None:
        if self.parts:
            self._add("\n\n")
        if heading:
            self._add(heading + "\n")

    def relation(self, name: str, *figures: str) -> None:
        """Record a relation among named figures (kept only if every figure was stated)."""
        self.relations[name] = figures

    def _add(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def finish(self, seed: int) -> GeneratedCall:
        text = "".join(self.parts)
        kept = {n: fs for n, fs in self.relations.items() if all(f in self.spans for f in fs)}
        figures = tuple(
            Figure(name, start, end, stated, tuple(r for r, fs in kept.items() if name in fs),
                   self.facts.get(name, name))
            for name, (start, end, stated) in sorted(self.spans.items(), key=lambda item: item[1][0])
        )
        for f in figures:
            assert text[f.start:f.end] == f.text
        return GeneratedCall(seed, text, figures, kept)


# -- the company's figures --------------------------------------------------------


@dataclass
class Books:
    """The consistent figures of one quarter and the same quarter last year (millions, fractions).

    Amounts are already rounded to 0.1 million (EPS to the cent): totals are sums of
    rounded parts, so they are exact too.
    """

    currency: str
    segments: list[str]
    seg_now: list[Fraction]
    seg_before: list[Fraction]
    gross_profit: Fraction
    gross_profit_before: Fraction
    rd: Fraction
    sm: Fraction
    ga: Fraction
    opex_before: Fraction
    ebitda: Fraction
    ebitda_before: Fraction
    net_income: Fraction
    operating_cash_flow: Fraction
    capex: Fraction
    eps: Fraction
    eps_before: Fraction
    revenue_last_quarter: Fraction
    earlier_quarters: Fraction          # this year's revenue before this quarter (0 in a first quarter)
    earlier_quarters_before: Fraction   # the same, last year
    non_gaap_extra: Fraction            # share-based compensation added back to net income
    fx: Fraction                        # RMB per US dollar, for convenience translations

    @property
    def revenue(self) -> Fraction:
        return sum(self.seg_now, F(0))

    @property
    def revenue_before(self) -> Fraction:
        return sum(self.seg_before, F(0))

    @property
    def cost_of_revenue(self) -> Fraction:
        return self.revenue - self.gross_profit

    @property
    def opex(self) -> Fraction:
        return self.rd + self.sm + self.ga

    @property
    def operating_income(self) -> Fraction:
        return self.gross_profit - self.opex

    @property
    def operating_income_before(self) -> Fraction:
        return self.gross_profit_before - self.opex_before

    @property
    def free_cash_flow(self) -> Fraction:
        return self.operating_cash_flow - self.capex


def _money_amount(rng: random.Random, low: float, high: float) -> Fraction:
    """A log-uniform amount in millions, rounded to 0.1 million."""
    return round_to(F(math.exp(rng.uniform(math.log(low), math.log(high)))), 1)


def _growth(rng: random.Random) -> Fraction:
    """A growth rate between -20% and +60%, at least 2% away from zero (flat quarters say 'flat')."""
    while True:
        g = F(rng.randint(-200, 600), 1000)
        if abs(g) >= F(2, 100):
            return g


def _share_of(rng: random.Random, whole: Fraction, low: int, high: int) -> Fraction:
    """``whole`` times a random share between low/1000 and high/1000, rounded to 0.1 million."""
    return round_to(whole * F(rng.randint(low, high), 1000), 1)


def draw_books(rng: random.Random) -> Books:
    while True:
        currency = rng.choice(CURRENCIES)
        segments = rng.sample(SEGMENTS, rng.choice((2, 2, 3)))
        seg_now = [_money_amount(rng, 20, 2500) for _ in segments]
        seg_before = [round_to(s / (1 + _growth(rng)), 1) for s in seg_now]
        revenue = sum(seg_now, F(0))
        revenue_before = sum(seg_before, F(0))
        gross_profit = _share_of(rng, revenue, 150, 700)
        margin_before = max(F(5, 100), gross_profit / revenue + F(rng.randint(-50, 50), 1000))
        gross_profit_before = round_to(revenue_before * margin_before, 1)
        rd, sm, ga = (_share_of(rng, gross_profit, 60, 420) for _ in range(3))
        opex_before = round_to((rd + sm + ga) / (1 + _growth(rng)), 1)
        ebitda = _share_of(rng, revenue, 30, 350)
        if rng.random() < 0.3:   # a year of strong recovery: EBITDA several times last year's
            ebitda_before = round_to(ebitda / F(rng.randint(25, 90), 10), 1)
        else:
            ebitda_before = round_to(ebitda / (1 + _growth(rng)), 1)
        net_income = _share_of(rng, revenue, 20, 250)
        operating_cash_flow = _share_of(rng, revenue, 80, 400)
        capex = _share_of(rng, operating_cash_flow, 100, 700)
        eps = round_to(F(rng.randint(10, 450), 100), 2)
        eps_before = round_to(eps / (1 + _growth(rng)), 2)
        revenue_last_quarter = round_to(revenue / (1 + F(rng.randint(-80, 120), 1000)), 1)
        quarters_before = rng.randint(0, 3)
        earlier = sum((round_to(revenue * F(rng.randint(800, 1100), 1000), 1) for _ in range(quarters_before)), F(0))
        earlier_before = sum((round_to(revenue_before * F(rng.randint(800, 1100), 1000), 1)
                              for _ in range(quarters_before)), F(0))
        books = Books(currency, segments, seg_now, seg_before, gross_profit, gross_profit_before, rd, sm, ga,
                      opex_before, ebitda, ebitda_before, net_income, operating_cash_flow, capex, eps, eps_before,
                      revenue_last_quarter, earlier, earlier_before, _share_of(rng, net_income, 50, 600),
                      F(rng.randint(68000, 73000), 10000))
        if (min(rd, sm, ga, ebitda_before, eps_before, capex, books.free_cash_flow) > 0 and eps_before != eps
                and books.operating_income != 0 and books.operating_income_before != 0
                and abs(revenue / revenue_last_quarter - 1) >= F(1, 100)
                and (not quarters_before or abs((revenue + earlier) / (revenue_before + earlier_before) - 1)
                     >= F(2, 100))):
            return books


# -- templates --------------------------------------------------------------------

A_YEAR_AGO = ("in the same quarter last year", "a year ago", "in the same period last year",
              "in the prior-year quarter", "a year earlier", "in the year-ago quarter")
YOY = ("year over year", "year-over-year", "from a year ago")


def _rate(rng: random.Random, now: Fraction, before: Fraction, decimals: int | None = None) -> tuple[Stated, bool]:
    """The change from ``before`` to ``now`` (both as stated), rounded to 0.1 or whole percent; and whether up."""
    g = now / before - 1
    if decimals is None:
        decimals = 1 if rng.random() < 0.75 else 0
    return percent(abs(g), decimals, word=rng.random() < 0.1), g > 0


def _share(rng: random.Random, part: Fraction, whole: Fraction) -> Stated:
    return percent(part / whole, 1 if rng.random() < 0.7 else 0, word=rng.random() < 0.1)


def _title(words: str) -> str:
    return words[0].upper() + words[1:]


Piece = str | tuple[str, Stated]


def _growth_clause(rng: random.Random, up: bool, rate: tuple[str, Stated], before: tuple[str, Stated],
                   now: tuple[str, Stated] | None) -> list[Piece]:
    """A clause giving a change and last year's figure (and this year's, when ``now`` is given)."""
    ago = rng.choice(A_YEAR_AGO)
    if now is None:
        return [f"{'up' if up else 'down'} ", rate, " from ", before, f" {ago}"]
    style = rng.randrange(2)
    if style == 0:
        return [f"{'up' if up else 'down'} ", rate, " from ", before, " to ", now]
    return [f"{'increasing' if up else 'decreasing'} ", rate, f" {rng.choice(YOY[:2])} to ", now, " from ", before]


def _translated(w: Writer, rng: random.Random, b: Books, name: str, stated: Stated) -> list[Piece]:
    """An RMB amount, followed (when the writer translates) by its convenience translation into US dollars
    ("RMB 2,349.2 million (US$327.9 million)" or "RMB 2,349.2 million, or US$327.9 million")."""
    pieces: list[Piece] = [(name, stated)]
    if w.translate and b.currency == "RMB " and rng.random() < 0.7:
        usd = money(stated.number / b.fx, "US$")
        if rng.random() < 0.5:
            pieces += [" (", (f"{name}_usd", usd), ")"]
        else:
            pieces += [", or ", (f"{name}_usd", usd)]
    return pieces


def write_revenue(w: Writer, rng: random.Random, b: Books) -> None:
    cur = b.currency
    total, before = money(b.revenue, cur), money(b.revenue_before, cur)
    rate, up = _rate(rng, total.number, before.number)
    metric = rng.choice(("Total revenue", "Total revenues", "Revenue", "Total net revenue"))
    verb = "were" if metric.endswith("s") else "was"
    ago = rng.choice(A_YEAR_AGO)
    t, r, p = ("revenue", total), ("revenue_growth", rate), ("revenue_before", before)
    tt = _translated(w, rng, b, "revenue", total)
    style = rng.randrange(6)
    if style == 0:
        w.sentence(f"{metric} {verb} ", *tt, f", {'up' if up else 'down'} ", r, " from ", p, f" {ago}.")
    elif style == 5:
        w.sentence(f"For the quarter, {metric[0].lower() + metric[1:]} {verb} ", t, ", ",
                   *_growth_clause(rng, up, r, p, None), ".")
    elif style == 1:
        w.sentence(f"{metric} {'increased' if up else 'decreased'} ", r, f" {rng.choice(YOY[:2])} from ", p, " to ", t,
                   ".")
    elif style == 2:
        w.sentence(f"{metric} {verb} ", *tt, ", compared with ", p,
                   f" {ago}, {'an increase' if up else 'a decrease'} of ", r, ".")
    elif style == 3:
        w.sentence(f"{metric} {'grew' if up else 'declined'} ", r, " to ", t, " from ", p, " in the same quarter of "
                   "last year.")
    else:
        w.sentence(f"{metric} {verb} {'up' if up else 'down'} ", r, " from ", p, " to ", t, ".")
    w.relation("revenue_growth", "revenue_growth", "revenue_before", "revenue")


def write_segments(w: Writer, rng: random.Random, b: Books) -> None:
    cur = b.currency
    names = [f"segment{i}" for i in range(len(b.segments))]
    if rng.random() < 0.5:
        # one breakdown sentence restating the total, then growth-only sentences
        lead, link = rng.choice((("Looking at the mix, total revenue was ", ", comprising "),
                                 ("Looking at the mix, total revenue was ", ": "),
                                 ("By segment, total revenue of ", " consisted of "),
                                 ("By segment, total revenue of ", " was made up of ")))
        pieces: list[Piece] = [lead, ("revenue_again", money(b.revenue, cur)), link]
        for i, seg in enumerate(b.segments):
            if i:
                pieces.append(" and " if i == len(b.segments) - 1 else ", ")
            pieces += [f"{seg} revenue of ", (names[i], money(b.seg_now[i], cur))]
        pieces.append(".")
        w.sentence(*pieces)
        w.relation("revenue_restated_in_breakdown", "revenue", "revenue_again")
        w.restates("revenue_again", "revenue")
        w.relation("segments_sum", "revenue_again", *names)
        for i, seg in enumerate(b.segments):
            if rng.random() < 0.6:
                now, before = money(b.seg_now[i], cur), money(b.seg_before[i], cur)
                rate, up = _rate(rng, now.number, before.number)
                w.sentence(f"{_title(seg)} revenue {'grew' if up else 'declined'} ", (f"{names[i]}_growth", rate),
                           f" {rng.choice(YOY[:2])} from ", (f"{names[i]}_before", before), ".")
                w.relation(f"{names[i]}_growth", f"{names[i]}_growth", f"{names[i]}_before", names[i])
        return
    for i, seg in enumerate(b.segments):
        n = names[i]
        now, before = money(b.seg_now[i], cur), money(b.seg_before[i], cur)
        rate, up = _rate(rng, now.number, before.number)
        share = _share(rng, now.number, money(b.revenue, cur).number)
        s, r, p, sh = (n, now), (f"{n}_growth", rate), (f"{n}_before", before), (f"{n}_share", share)
        ago = rng.choice(A_YEAR_AGO)
        style = rng.randrange(7)
        if style == 0:
            w.sentence(f"{_title(seg)} revenue was ", s, f", {'up' if up else 'down'} ", r, " from ", p, f" {ago}.")
        elif style == 1:
            w.sentence(f"{_title(seg)} revenue {'increased' if up else 'decreased'} ", r,
                       f" {rng.choice(YOY[:2])} to ", s, " from ", p, ".")
        elif style == 2:
            w.sentence(f"{_title(seg)} revenue was ", s, ", accounting for ", sh, " of total revenue.")
        elif style == 3:
            w.sentence(f"{_title(seg)} revenue was ", s, ", compared with ", p,
                       f" {ago}, {'an increase' if up else 'a decrease'} of ", r, ".")
        elif style == 4:
            w.sentence(f"{_title(seg)} revenue was ", s, f", {'up' if up else 'down'} ", r, " from ", p,
                       f" {ago}, accounting for ", sh, " of total revenue.")
        elif style == 5:
            w.sentence(f"{_title(seg)} revenue was ", s, ", or ", sh, " of total revenue.")
        else:
            w.sentence(f"Revenue from {seg} was ", s, f", {'up' if up else 'down'} ", r, " from ", p, f" {ago}.")
        w.relation(f"{n}_growth", f"{n}_growth", f"{n}_before", n)
        w.relation(f"{n}_share", f"{n}_share", n, "revenue")


def write_segment_highlight(w: Writer, rng: random.Random, b: Books) -> None:
    """The CEO restates one segment's growth and size, rounded ("grew 15% year over year to about $250 million")."""
    stated = [i for i in range(len(b.segments)) if f"segment{i}_growth" in w.spans and f"segment{i}" in w.spans]
    if not stated:
        return
    i = rng.choice(stated)
    n, seg = f"segment{i}", b.segments[i]
    now, before = money(b.seg_now[i], b.currency), money(b.seg_before[i], b.currency)
    rate, up = _rate(rng, now.number, before.number, decimals=0)
    if not up or rate.number == 0:
        return
    rounded = money(now.number, b.currency, 0)
    w.sentence(f"Our {seg} revenue grew ", (f"{n}_highlight_growth", rate), f" {rng.choice(YOY[:2])} to about ",
               (f"{n}_highlight", rounded), ".")
    w.relation(f"{n}_highlight_growth", f"{n}_highlight_growth", f"{n}_before", f"{n}_highlight")
    w.relation(f"{n}_highlight_restated", n, f"{n}_highlight")
    w.restates(f"{n}_highlight", n)


def write_gross_profit(w: Writer, rng: random.Random, b: Books) -> None:
    cur = b.currency
    revenue = money(b.revenue, cur).number
    gp = money(b.gross_profit, cur)
    margin = percent(gp.number / revenue, 1 if rng.random() < 0.8 else 0, word=rng.random() < 0.1)
    g, m = ("gross_profit", gp), ("gross_margin", margin)
    style = rng.randrange(5)
    if style == 0:
        w.sentence("Gross profit was ", g, ", and gross margin was ", m, ".")
    elif style == 1:
        w.sentence("Gross profit was ", g, ", representing a gross margin of ", m, ".")
    elif style == 2:
        w.sentence("Gross profit was ", g, ", a margin of ", m, ".")
    elif style == 3:
        w.sentence("Gross profit was ", g, ". Gross margin was ", m, ".")
    else:
        w.sentence("Gross profit reached ", g, ", and gross margin came in at ", m, ".")
    w.relation("gross_margin", "gross_margin", "gross_profit", "revenue")
    if rng.random() < 0.5:
        w.sentence(rng.choice(("Cost of revenues was ", "Cost of revenue was ", "Cost of sales was ")),
                   ("cost_of_revenue", money(b.cost_of_revenue, cur)), ".")
        w.relation("gross_profit_identity", "gross_profit", "revenue", "cost_of_revenue")
    if rng.random() < 0.5 and margin.decimals == 1:
        before = percent(money(b.gross_profit_before, cur).number / money(b.revenue_before, cur).number, 1)
        bps = (margin.number - before.number) * 100
        if bps != 0:
            style = rng.randrange(3)
            if style == 1:
                points = abs(bps) / 100
                change = Stated(points, 1, f"{fixed(points, 1)} percentage points", "points")
            else:
                change = Stated(abs(bps), 0, f"{fixed(abs(bps), 0)} basis points", "bps")
            c, m0, m1 = ("gross_margin_change", change), ("gross_margin_before", before), ("gross_margin_again", margin)
            if style < 2:
                w.sentence(f"Gross margin {'expanded' if bps > 0 else 'contracted'} ", c,
                           f" {rng.choice(YOY[:2])} from ", m0, " to ", m1, ".")
            else:
                w.sentence("Gross margin was ", m1, f", {'an increase' if bps > 0 else 'a decrease'} of ", c, " from ",
                           m0, f" {rng.choice(A_YEAR_AGO)}.")
            w.relation("gross_margin_change", "gross_margin_change", "gross_margin_before", "gross_margin_again")
            w.relation("gross_margin_restated", "gross_margin", "gross_margin_again")
            w.restates("gross_margin_again", "gross_margin")


def write_opex(w: Writer, rng: random.Random, b: Books) -> None:
    cur = b.currency
    opex, rd, sm, ga = (money(x, cur) for x in (b.opex, b.rd, b.sm, b.ga))
    o, r, s, g = ("opex", opex), ("rd", rd), ("sm", sm), ("ga", ga)
    style = rng.randrange(4)
    if style == 0:
        w.sentence("Total operating expenses were ", o, ", consisting of research and development expenses of ", r,
                   ", sales and marketing expenses of ", s, " and general and administrative expenses of ", g, ".")
    elif style == 1:
        w.sentence("Operating expenses were ", o, ": R&D of ", r, ", sales and marketing of ", s, " and G&A of ", g, ".")
    elif style == 2:
        if rng.random() < 0.5:
            share = _share(rng, rd.number, money(b.revenue, cur).number)
            w.sentence("Research and development expenses were ", r, rng.choice((", or ", ", representing ")),
                       ("rd_share", share), " of revenue.")
            w.relation("rd_share", "rd_share", "rd", "revenue")
        else:
            w.sentence("Research and development expenses were ", r, ".")
        w.sentence("Sales and marketing expenses were ", s, ". General and administrative expenses were ", g, ".")
        w.sentence("In total, operating expenses were ", o, ".")
    else:
        w.sentence("Operating expenses of ", o, " were made up of R&D expenses of ", r, ", selling and marketing "
                   "expenses of ", s, " and general and administrative expenses of ", g, ".")
    w.relation("opex_sum", "opex", "rd", "sm", "ga")


def write_operating_income(w: Writer, rng: random.Random, b: Books) -> None:
    cur = b.currency
    now, before = b.operating_income, b.operating_income_before
    revenue = money(b.revenue, cur).number
    if now > 0 and before > 0:
        oi, oi0 = money(now, cur), money(before, cur)
        rate, up = _rate(rng, oi.number, oi0.number)
        margin = percent(oi.number / revenue, 1)
        w.sentence("Operating income was ", ("operating_income", oi), f", {'up' if up else 'down'} ",
                   ("operating_income_growth", rate), " from ", ("operating_income_before", oi0),
                   f" {rng.choice(A_YEAR_AGO)}, and operating margin was ", ("operating_margin", margin), ".")
        w.relation("operating_income_growth", "operating_income_growth", "operating_income_before",
                   "operating_income")
        w.relation("operating_margin", "operating_margin", "operating_income", "revenue")
    elif now < 0 and before < 0:
        loss, loss0 = money(-now, cur), money(-before, cur)
        rate, up = _rate(rng, loss.number, loss0.number)
        w.sentence(f"Operating loss {'widened' if up else 'narrowed'} by ", ("operating_loss_change", rate), " to ",
                   ("operating_loss", loss), " from ", ("operating_loss_before", loss0),
                   f" {rng.choice(A_YEAR_AGO)}.")
        w.relation("operating_loss_change", "operating_loss_change", "operating_loss_before", "operating_loss")


def write_ebitda(w: Writer, rng: random.Random, b: Books) -> None:
    cur = b.currency
    revenue = money(b.revenue, cur).number
    now, before = money(b.ebitda, cur), money(b.ebitda_before, cur)
    margin = percent(now.number / revenue, 1 if rng.random() < 0.8 else 0)
    e, e0, m = ("ebitda", now), ("ebitda_before", before), ("ebitda_margin", margin)
    ratio = now.number / before.number
    if ratio >= 2 and rng.random() < 0.7:
        times = round_to(ratio - 1, 1)
        multiple = Stated(times, 1, f"{fixed(times, 1)} times", "multiple")
        w.sentence("Adjusted EBITDA was ", e, ", an increase of ", ("ebitda_growth", multiple), " from ", e0,
                   f" {rng.choice(A_YEAR_AGO)}.")
        w.sentence("Adjusted EBITDA margin was ", m, ".")
    elif rng.random() < 0.5:
        rate, up = _rate(rng, now.number, before.number)
        w.sentence("Adjusted EBITDA was ", *_translated(w, rng, b, "ebitda", now), f", {'up' if up else 'down'} ",
                   ("ebitda_growth", rate), " from ", e0,
                   f" {rng.choice(A_YEAR_AGO)}, and adjusted EBITDA margin was ", m, ".")
    else:
        w.sentence("Adjusted EBITDA was ", e, rng.choice((", representing a margin of ", ", a margin of ")), m, ".")
    w.relation("ebitda_growth", "ebitda_growth", "ebitda_before", "ebitda")
    w.relation("ebitda_margin", "ebitda_margin", "ebitda", "revenue")


def write_net_income_and_cash(w: Writer, rng: random.Random, b: Books) -> None:
    cur = b.currency
    revenue = money(b.revenue, cur).number
    ni = money(b.net_income, cur)
    if rng.random() < 0.6:
        w.sentence(rng.choice(("Net income was ", "GAAP net income was ")), *_translated(w, rng, b, "net_income", ni),
                   ", a net margin of ", ("net_margin", percent(ni.number / revenue, 1)), ".")
        w.relation("net_margin", "net_margin", "net_income", "revenue")
        if rng.random() < 0.5:
            adjusted = money(ni.number + b.non_gaap_extra, cur)
            w.sentence("Non-GAAP net income, which excludes share-based compensation, was ",
                       ("non_gaap_net_income", adjusted), ".")
    if rng.random() < 0.6:
        ocf, capex, fcf = (money(x, cur) for x in (b.operating_cash_flow, b.capex, b.free_cash_flow))
        w.sentence("Operating cash flow was ", ("operating_cash_flow", ocf), " and capital expenditures were ",
                   ("capex", capex), ", resulting in free cash flow of ", ("free_cash_flow", fcf), ".")
        w.relation("free_cash_flow", "free_cash_flow", "operating_cash_flow", "capex")


def write_eps(w: Writer, rng: random.Random, b: Books) -> None:
    cur = b.currency
    now, before = per_share(b.eps, cur), per_share(b.eps_before, cur)
    rate, up = _rate(rng, now.number, before.number, decimals=0)  # cents are coarse: a whole percent
    p, p0, r = ("eps", now), ("eps_before", before), ("eps_growth", rate)
    style = rng.randrange(3)
    if style == 0:
        w.sentence("Diluted earnings per share were ", p, ", compared with ", p0, f" {rng.choice(A_YEAR_AGO)}.")
    elif style == 1:
        w.sentence("Diluted EPS was ", p, f", {'up' if up else 'down'} ", r, " from ", p0,
                   f" {rng.choice(A_YEAR_AGO)}.")
    else:
        w.sentence("Diluted net income per share was ", p, f", {'an increase' if up else 'a decrease'} of ", r,
                   " from ", p0, f" {rng.choice(A_YEAR_AGO)}.")
    w.relation("eps_growth", "eps_growth", "eps_before", "eps")


def write_sequential(w: Writer, rng: random.Random, b: Books) -> None:
    """Revenue against the previous quarter (another period than last year's)."""
    now, before = money(b.revenue, b.currency), money(b.revenue_last_quarter, b.currency)
    rate, up = _rate(rng, now.number, before.number)
    if rng.random() < 0.5:
        w.sentence(f"On a sequential basis, revenue {'increased' if up else 'decreased'} ", ("revenue_qoq", rate),
                   " from ", ("revenue_last_quarter", before), " in the previous quarter.")
    else:
        w.sentence(f"Revenue was {'up' if up else 'down'} ", ("revenue_qoq", rate), " quarter over quarter from ",
                   ("revenue_last_quarter", before), ".")
    w.relation("revenue_qoq", "revenue_qoq", "revenue_last_quarter", "revenue")


def write_year_to_date(w: Writer, rng: random.Random, b: Books, quarter: str, year: int, loose: bool) -> None:
    """Year-to-date revenue and its growth (a longer period than the quarter).

    Last year's figure is dated explicitly ("in the first nine months of 2024", "in 2024");
    ``loose`` also allows "a year earlier" and "for the full year of 2024" (known gaps)."""
    span = {"second": "first half", "third": "first nine months", "fourth": "full year"}.get(quarter)
    if span is None or not b.earlier_quarters:
        return
    cur = b.currency
    now, before = money(b.revenue + b.earlier_quarters, cur), money(b.revenue_before + b.earlier_quarters_before, cur)
    rate, up = _rate(rng, now.number, before.number)
    dated = f"in {year - 1}" if span == "full year" else f"in the {span} of {year - 1}"
    if loose:
        dated = rng.choice(("a year earlier", f"for the {span} of {year - 1}"))
    w.sentence(f"For the {span} of {year}, total revenues were ", ("revenue_ytd", now), f", {'up' if up else 'down'} ",
               ("revenue_ytd_growth", rate), " from ", ("revenue_ytd_before", before), f" {dated}.")
    w.relation("revenue_ytd_growth", "revenue_ytd_growth", "revenue_ytd_before", "revenue_ytd")


def write_guidance(w: Writer, rng: random.Random, b: Books) -> None:
    """An outlook range for the next quarter (a future period, nothing to check)."""
    revenue = money(b.revenue, b.currency).number
    low = round_to(revenue * F(rng.randint(1000, 1060), 1000), 0)
    high = low + max(1, round_to(revenue * F(rng.randint(10, 50), 1000), 0))
    w.sentence("For the next quarter, we expect total revenues to be between ",
               ("guidance_low", money(low, b.currency, 0)), " and ", ("guidance_high", money(high, b.currency, 0)), ".")


def write_recap(w: Writer, rng: random.Random, b: Books) -> None:
    """The CEO restates total revenue rounded: '$2.35 billion' for '$2,349.2 million'."""
    precise = money(b.revenue, b.currency).number
    large = round_to(precise, 0) >= 1000
    if large:
        rounded = billions(precise, b.currency, rng.choice((1, 2)))
    else:
        rounded = money(precise, b.currency, 0)
    if b.currency == "$" and rng.random() < 0.3:   # said in words, as a transcript of speech writes it
        scale = " billion dollars" if large else " million dollars"
        rounded = Stated(rounded.number, rounded.decimals, words(rounded.number, rounded.decimals) + scale, "money")
    hedge = rng.choice(("", "", "about ", "approximately ", "roughly "))
    style = rng.randrange(3)
    if style == 0:
        w.sentence(f"To sum up, total revenue for the quarter was {hedge}", ("revenue_recap", rounded), ".")
    elif style == 1:
        w.sentence(f"In short, we delivered revenue of {hedge}", ("revenue_recap", rounded), " this quarter.")
    else:
        w.sentence(f"We closed the quarter with {hedge}", ("revenue_recap", rounded), " in revenue.")
    w.relation("revenue_recap", "revenue", "revenue_recap")
    w.restates("revenue_recap", "revenue")


KNOWN_GAPS = frozenset({"translations", "loose_year_to_date", "segment_highlight"})


def generate(seed: int, include: frozenset[str] = frozenset()) -> GeneratedCall:
    """One consistent call; the same seed always gives the same call.

    ``include`` turns on phrasings the engine is known to misread (KNOWN_GAPS; see
    test_consistent_documents.py): "translations" follows some RMB amounts with their
    US dollar convenience translation, as Chinese issuers' calls do; "loose_year_to_date"
    dates last year's year-to-date figure "a year earlier" or "for the full year of 2024";
    "segment_highlight" has the CEO restate a segment's growth, rounded ("grew 60% year over
    year to about RMB 20 million").
    """
    assert include <= KNOWN_GAPS, include - KNOWN_GAPS
    translations = "translations" in include
    rng = random.Random(seed)
    b = draw_books(rng)
    company, ceo, cfo = rng.choice(COMPANIES), rng.choice(CEOS), rng.choice(CFOS)
    quarter, year = rng.choice(QUARTERS), rng.choice((2024, 2025))
    w = Writer(translate=translations)
    w.paragraph("Operator")
    w.sentence(f"Good day, and welcome to the {company} {quarter} quarter {year} earnings conference call.")
    w.paragraph(f"{ceo} -- Chief Executive Officer")
    w.sentence("Thank you, operator, and thank you all for joining us.")
    w.sentence(rng.choice(FILLERS[:2] + FILLERS[3:]))
    recap_first = rng.random() < 0.3
    if recap_first:
        write_recap(w, rng, b)
    w.paragraph(f"{cfo} -- Chief Financial Officer")
    w.sentence("Thank you.")
    w.sentence(FILLERS[2])
    write_revenue(w, rng, b)
    if rng.random() < 0.3:
        write_sequential(w, rng, b)
    write_segments(w, rng, b)
    if rng.random() < 0.4:
        write_year_to_date(w, rng, b, quarter, year, "loose_year_to_date" in include)
    w.sentence(rng.choice(FILLERS))
    write_gross_profit(w, rng, b)
    write_opex(w, rng, b)
    if rng.random() < 0.6:
        write_operating_income(w, rng, b)
    write_ebitda(w, rng, b)
    write_net_income_and_cash(w, rng, b)
    write_eps(w, rng, b)
    if rng.random() < 0.4:
        write_guidance(w, rng, b)
    if not recap_first:
        w.paragraph(f"{ceo} -- Chief Executive Officer")
        write_recap(w, rng, b)
    if "segment_highlight" in include and rng.random() < 0.6:
        write_segment_highlight(w, rng, b)
    w.sentence("Operator, we are now ready for questions.")
    return w.finish(seed)


if __name__ == "__main__":  # print a few calls to read
    import sys

    for s in (int(a) for a in sys.argv[1:] or ["1", "2"]):
        call = generate(s)
        print(call.text)
        for f in call.figures:
            print(f"  {f.name:24} {f.text:24} {', '.join(f.relations)}")
        print()
