"""The Transformer of ``grammar/numbers.lark``: parse trees -> typed figures.

Positions are offsets into the island the parser saw; ``islands.py`` turns
figures into :class:`~auditor.claims.mention.Mention` objects with document
offsets.  Values are exact :class:`~fractions.Fraction` throughout.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from lark import Lark, Token, Transformer
from lark.exceptions import UnexpectedInput

from auditor.claims.mention import Kind, Qualifier
from auditor.resources import grammar_text

WORD_VALUES: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}

SCALE_WORDS: dict[str, int] = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
SCALE_SHORT: dict[str, int] = {"k": 10**3, "m": 10**6, "mn": 10**6, "mm": 10**6, "b": 10**9, "bn": 10**9}

SYMBOL_CURRENCIES: dict[str, str] = {
    "$": "USD", "US$": "USD", "HK$": "HKD", "NT$": "TWD", "C$": "CAD", "A$": "AUD", "S$": "SGD",
    "R$": "BRL", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR",
}
CODE_CURRENCIES: dict[str, str] = {
    "USD": "USD", "RMB": "RMB", "CNY": "RMB", "R&B": "RMB", "HKD": "HKD", "EUR": "EUR",
    "GBP": "GBP", "JPY": "JPY", "INR": "INR", "CHF": "CHF", "CAD": "CAD", "AUD": "AUD", "SGD": "SGD",
    "TWD": "TWD", "KRW": "KRW", "BRL": "BRL",
}
WORD_CURRENCIES: dict[str, str] = {
    "dollar": "USD", "buck": "USD", "yuan": "RMB", "renminbi": "RMB", "euro": "EUR",
    "pound": "GBP", "yen": "JPY", "rupee": "INR", "franc": "CHF", "frank": "CHF",
}
DOLLAR_PREFIXES: dict[str, str] = {"hong kong": "HKD", "canadian": "CAD", "australian": "AUD"}

QUALIFIERS: dict[str, Qualifier] = {
    "Q_ABOUT": Qualifier.ABOUT, "Q_OVER": Qualifier.OVER, "Q_UNDER": Qualifier.UNDER,
    "Q_AT_LEAST": Qualifier.AT_LEAST, "Q_UP_TO": Qualifier.UP_TO, "Q_NEARLY": Qualifier.NEARLY,
}
UNIT_KINDS: dict[str, Kind] = {
    "PERCENT": Kind.PERCENT, "PERCENTAGE_POINTS": Kind.PERCENTAGE_POINTS, "POINTS": Kind.PERCENTAGE_POINTS,
    "BASIS_POINTS": Kind.BASIS_POINTS, "TIMES": Kind.MULTIPLE,
}
MULTIPLIERS: dict[str, int] = {"doubled": 2, "tripled": 3, "quadrupled": 4}


class Rejected(UnexpectedInput):
    """Raised by a Transformer method when a parse is well formed but means nothing.

    It is an ``UnexpectedInput`` so that the island splitter treats it as a parse
    failure at that token and falls back to the longest prefix that does parse.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Amount:
    """A number with its scale: ``head + number * scale`` ("two million five hundred thousand")."""

    number: Fraction
    decimals: int
    start: int
    end: int
    spoken: bool
    scale: int = 1
    head: Fraction = Fraction(0)
    negative: bool = False
    article: bool = False          # the bare article "a"/"an" read as one
    implied: bool = False          # a scale word alone ("thousand dollars"): one implied
    note: str | None = None        # why the figure is garbled, when it is
    currency: Currency | None = None  # a currency word inside the amount ("5.7 dollars million")

    @property
    def total(self) -> Fraction:
        return self.head + self.number * self.scale


@dataclass(frozen=True, slots=True)
class Currency:
    """A currency marker; ``cents`` is set for "cents"/"pence" and the "dollars and N cents" form."""

    code: str
    end: int
    start: int
    note: str | None = None
    cents: bool = False
    extra: Amount | None = None


class Form(enum.Enum):
    """What an item of the grammar stands for."""

    FIGURE = "figure"
    RANGE = "range"
    SKIP = "skip"


@dataclass(frozen=True, slots=True)
class Figure:
    """One parsed figure, offsets relative to the island."""

    amount: Amount
    start: int
    end: int
    qualifier: Qualifier | None = None
    negative: bool = False
    currency: Currency | None = None
    unit: Kind | None = None
    per_share: bool = False
    multiplier: bool = False

    @property
    def is_bare(self) -> bool:
        return self.currency is None and self.unit is None and not self.per_share


@dataclass(frozen=True, slots=True)
class Item:
    """What one island (or one parseable piece of it) says: figures, a range, or nothing."""

    form: Form
    figures: tuple[Figure, ...] = ()


def token_start(token: Token) -> int:
    """A token's start offset (the basic lexer always sets it)."""
    assert token.start_pos is not None
    return token.start_pos


def token_end(token: Token) -> int:
    """A token's end offset (the basic lexer always sets it)."""
    assert token.end_pos is not None
    return token.end_pos


def _word_value(token: Token) -> int:
    return WORD_VALUES[str(token).lower()]


def _point_digits(tokens: list[Token]) -> str:
    """The digits a spoken decimal part stands for ("three five" -> "35", "fifteen" -> "15")."""
    out: list[str] = []
    for i, t in enumerate(tokens):
        text = str(t).lower()
        if t.type == "ONES" and i > 0 and tokens[i - 1].type == "TENS":
            out[-1] = out[-1][0] + str(WORD_VALUES[text])  # "seventy nine" -> "79"
        elif t.type == "DIGITS":
            out.append(text.replace(",", "").replace(".", ""))
        elif t.type == "TENS_HYPHEN":
            tens, ones = text.split("-")
            out.append(str(WORD_VALUES[tens] + WORD_VALUES[ones]))
        else:
            out.append(str(WORD_VALUES[text]))
    return "".join(out)


def _digits_value(text: str) -> tuple[Fraction, int]:
    """("2,349.2") -> (2349.2, 1 decimal); integer arithmetic, faster than parsing a Fraction string."""
    whole, _, fraction = text.replace(",", "").partition(".")
    if not fraction:
        return Fraction(int(whole)), 0
    return Fraction(int(whole or "0") * 10 ** len(fraction) + int(fraction), 10 ** len(fraction)), len(fraction)


def _currency_of_word(text: str) -> str:
    lowered = " ".join(text.lower().split())
    for prefix, code in DOLLAR_PREFIXES.items():
        if lowered.startswith(prefix):
            return code
    for word in lowered.split():
        found = WORD_CURRENCIES.get(word.removesuffix("s"))
        if found is not None:
            return found
    return "USD"


class NumberTransformer(Transformer[Token, Item]):
    """Turns a ``numbers.lark`` parse into an :class:`Item`; one method per ``-> alias``."""

    # -- items --------------------------------------------------------------

    def start(self, children: list[Any]) -> Item:
        item = children[0]
        if isinstance(item, Figure):
            return Item(Form.FIGURE, (item,))
        assert isinstance(item, Item)
        return item

    def range(self, children: list[Any]) -> Item:
        return _range_item(children[0], children[2])

    def between(self, children: list[Any]) -> Item:
        return _range_item(children[1], children[3])

    def from_to(self, children: list[Any]) -> Item:
        low, high = _distribute(children[1], children[3])
        return Item(Form.FIGURE, (low, high))

    def date(self, children: list[Any]) -> Item:
        figure: Figure = children[1]
        amount = figure.amount
        if figure.is_bare and amount.decimals == 0 and amount.scale == 1 and 1 <= amount.number <= 31:
            return Item(Form.SKIP)
        return Item(Form.FIGURE, (figure,))

    def keypad(self, children: list[Any]) -> Item:
        return Item(Form.SKIP)

    def multiplier_word(self, children: list[Any]) -> Item:
        token: Token = children[0]
        text = str(token).lower()
        factor_text = text.replace("-", "").removesuffix("fold")
        if text in MULTIPLIERS:
            factor = MULTIPLIERS[text]
        elif factor_text.isdigit():
            factor = int(factor_text)
        else:
            factor = WORD_VALUES[factor_text]
        amount = Amount(Fraction(factor), 0, token_start(token), token_end(token), spoken=not factor_text.isdigit())
        figure = Figure(amount, token_start(token), token_end(token), unit=Kind.MULTIPLE, multiplier=True)
        return Item(Form.FIGURE, (figure,))

    def range_sep(self, children: list[Any]) -> Token:
        token: Token = children[0]
        return token

    # -- figure -------------------------------------------------------------

    def figure(self, children: list[Any]) -> Figure:
        qualifier, sign, prefix, amount, suffix, unit, per_share = children
        assert isinstance(amount, Amount)
        if (amount.article and amount.scale == 1) or (amount.implied and prefix is None and suffix is None):
            raise Rejected("an article or a scale word alone is not a figure")
        starts = [amount.start]
        ends = [amount.end]
        negative = amount.negative
        if sign is not None:
            starts.append(token_start(sign))
            negative = negative or sign.type != "PLUS"
        currency: Currency | None = amount.currency
        if prefix is not None:
            currency = prefix
            starts.append(prefix.start)
        if suffix is not None:
            ends.append(suffix.end)
            if currency is None or suffix.cents or suffix.extra is not None:
                currency = dataclasses.replace(suffix, code=currency.code if currency else suffix.code)
        kind: Kind | None = None
        if unit is not None:
            kind = UNIT_KINDS[unit.type]
            ends.append(token_end(unit))
        if per_share is not None:
            ends.append(token_end(per_share))
        return Figure(
            amount=amount, start=min(starts), end=max(ends),
            qualifier=qualifier, negative=negative, currency=currency, unit=kind,
            per_share=per_share is not None,
        )

    def qualifier(self, children: list[Any]) -> Qualifier:
        token: Token = children[0]
        return QUALIFIERS[token.type]

    def sign(self, children: list[Any]) -> Token:
        token: Token = children[0]
        return token

    def unit(self, children: list[Any]) -> Token:
        token: Token = children[0]
        return token

    def per_share(self, children: list[Any]) -> Token:
        token: Token = children[0]
        return token

    def currency_prefix(self, children: list[Any]) -> Currency:
        token: Token = children[0]
        return _currency_token(token)

    def currency_suffix(self, children: list[Any]) -> Currency:
        token: Token = children[0]
        return _currency_token(token)

    def dollars_and_cents(self, children: list[Any]) -> Currency:
        word, _and, cents, cents_word = children
        base = _currency_token(word)
        return dataclasses.replace(base, end=token_end(cents_word), extra=cents)

    # -- amounts ------------------------------------------------------------

    def scale(self, children: list[Any]) -> Token:
        token: Token = children[0]
        return token

    def scaled(self, children: list[Any]) -> Amount:
        amount, scale = children
        return _apply_scale(amount, scale)

    def compound(self, children: list[Any]) -> Amount:
        """"two billion three hundred million": the second scale must be the smaller."""
        amount, scale, numeral, tail_scale = children
        if numeral.article or _scale_factor(tail_scale) >= _scale_factor(scale) * amount.scale:
            raise Rejected("not a compound amount")
        scaled = _apply_scale(amount, scale)
        joined = dataclasses.replace(
            numeral, head=scaled.total, start=amount.start, spoken=amount.spoken or numeral.spoken,
            note=amount.note or numeral.note,
        )
        return _apply_scale(joined, tail_scale)

    def compound_with_currency(self, children: list[Any]) -> Amount:
        amount, scale, currency, numeral, tail_scale = children
        joined = self.compound([amount, scale, numeral, tail_scale])
        return dataclasses.replace(joined, currency=amount.currency or currency)

    def currency_before_scale(self, children: list[Any]) -> Amount:
        amount, word, scale = children
        return dataclasses.replace(_apply_scale(amount, scale), currency=_currency_token(word))

    def scale_alone(self, children: list[Any]) -> Amount:
        """"thousand dollar genome": an implied one (kept only with a currency)."""
        scale: Token = children[0]
        amount = Amount(Fraction(1), 0, token_start(scale), token_end(scale), spoken=True, implied=True)
        return _apply_scale(amount, scale)

    def parenthesised(self, children: list[Any]) -> Amount:
        lpar, numeral, rpar = children
        assert isinstance(numeral, Amount)
        return dataclasses.replace(numeral, start=token_start(lpar), end=token_end(rpar), negative=True)

    # -- numerals -----------------------------------------------------------

    def digits(self, children: list[Any]) -> Amount:
        token: Token = children[0]
        value, decimals = _digits_value(str(token))
        return Amount(value, decimals, token_start(token), token_end(token), spoken=False)

    def digits_point(self, children: list[Any]) -> Amount:
        token, _point, fraction = children
        text = str(token).replace(",", "")
        if "." in text:
            value, decimals = _digits_value(text)
            return Amount(value, decimals, token_start(token), fraction.end, spoken=True,
                          note=f"two decimal points ('{token} point {fraction.digits}')")
        digits = fraction.digits
        return Amount(Fraction(f"{text}.{digits}"), len(digits), token_start(token), fraction.end, spoken=True)

    def spoken_decimal(self, children: list[Any]) -> Amount:
        whole, _point, fraction = children
        digits = fraction.digits
        value = whole.number + Fraction(int(digits), 10 ** len(digits))
        return Amount(value, len(digits), whole.start, fraction.end, spoken=True)

    def bare_point(self, children: list[Any]) -> Amount:
        point, fraction = children
        digits = fraction.digits
        return Amount(Fraction(int(digits), 10 ** len(digits)), len(digits), token_start(point), fraction.end, spoken=True)

    def and_a_fraction(self, children: list[Any]) -> Amount:
        whole, fraction = children
        if isinstance(whole, Token):
            whole = self.digits([whole])
        part = Fraction(1, 2) if "half" in str(fraction).lower() else Fraction(1, 4)
        decimals = 1 if part == Fraction(1, 2) else 2
        return Amount(whole.number + part, decimals, whole.start, token_end(fraction), spoken=True)

    def and_a_fraction_alone(self, children: list[Any]) -> Amount:
        token: Token = children[0]
        part = Fraction(1, 2) if "half" in str(token).lower() else Fraction(1, 4)
        return Amount(part, 1 if part == Fraction(1, 2) else 2, token_start(token), token_end(token), spoken=True)

    def article_one(self, children: list[Any]) -> Amount:
        token: Token = children[0]
        return Amount(Fraction(1), 0, token_start(token), token_end(token), spoken=True, article=True)

    def hundreds(self, children: list[Any]) -> Amount:
        first, last = children[0], children[-1]
        count = first.number if isinstance(first, Amount) else Fraction(1)
        start = first.start if isinstance(first, Amount) else token_start(first)
        alone = len(children) == 1  # "hundred" with no number before it: kept only with a currency
        return Amount(count * 100, 0, start, token_end(last), spoken=True, implied=alone)

    def hundreds_plus(self, children: list[Any]) -> Amount:
        hundreds, rest = children[0], children[-1]
        return Amount(hundreds.number + rest.number, 0, hundreds.start, rest.end, spoken=True)

    def hundreds_unsaid(self, children: list[Any]) -> Amount:
        """"three twenty five" = 325, "three seventy five" = 375 (never "one two", "one ten")."""
        ones, rest = children
        if rest.number < 11 or rest.number % 10 == 0:
            raise Rejected("'two two', 'one ten', 'two twenty' are more often two numbers")
        value = _word_value(ones) * 100 + rest.number
        return Amount(Fraction(value), 0, token_start(ones), rest.end, spoken=True)

    def ones(self, children: list[Any]) -> Amount:
        return _word_amount(children[0], _word_value(children[0]))

    teens = ones
    tens = ones

    def tens_ones(self, children: list[Any]) -> Amount:
        tens, ones = children
        return Amount(Fraction(_word_value(tens) + _word_value(ones)), 0, token_start(tens), token_end(ones), spoken=True)

    def tens_hyphen(self, children: list[Any]) -> Amount:
        token: Token = children[0]
        tens, ones = str(token).lower().split("-")
        return _word_amount(token, WORD_VALUES[tens] + WORD_VALUES[ones])

    def decimal_words(self, children: list[Any]) -> PointDigits:
        head = children[0]
        tokens: list[Token] = [*head.tokens, children[1]] if isinstance(head, PointDigits) else [head]
        return PointDigits(_point_digits(tokens), token_end(tokens[-1]), tuple(tokens))


@dataclass(frozen=True, slots=True)
class PointDigits:
    """The digits after a spoken "point"."""

    digits: str
    end: int
    tokens: tuple[Token, ...] = ()


def _word_amount(token: Token, value: int) -> Amount:
    return Amount(Fraction(value), 0, token_start(token), token_end(token), spoken=True)


def _scale_factor(token: Token) -> int:
    text = str(token).lower()
    if token.type == "SCALE_SHORT":
        return SCALE_SHORT[text]
    return SCALE_WORDS[text.rstrip("s")]


def _apply_scale(amount: Amount, scale: Token) -> Amount:
    factor = _scale_factor(scale)
    return dataclasses.replace(amount, scale=amount.scale * factor, end=token_end(scale))


def _currency_token(token: Token) -> Currency:
    text = str(token)
    start, end = token_start(token), token_end(token)
    if token.type == "CURRENCY_SYMBOL":
        return Currency(SYMBOL_CURRENCIES[text.upper()], end, start)
    if token.type == "CURRENCY_CODE":
        upper = text.upper()
        note = "'R&B' read as RMB" if upper == "R&B" else None
        return Currency(CODE_CURRENCIES[upper], end, start, note=note)
    if token.type == "CENTS":
        code = "GBP" if text.lower() == "pence" else "USD"
        return Currency(code, end, start, cents=True)
    return Currency(_currency_of_word(text), end, start)


YEARS = (1950, 2100)  # a bare four-digit integer in this span, before a scaled amount, is a year


def _distribute(low: Figure, high: Figure) -> tuple[Figure, Figure]:
    """Give a bare end of "10 to 12%" / "between 10 and 12 million" the other end's unit and scale
    (not a year: "increased by 4% from 2018 to $1.9 billion")."""
    a = low.amount
    if (low.is_bare and high.amount.scale > 1 and not a.spoken and a.decimals == 0 and a.scale == 1
            and YEARS[0] <= a.number <= YEARS[1] and a.end - a.start == 4):
        return low, high
    if low.is_bare and not high.is_bare:
        low = dataclasses.replace(low, currency=high.currency, unit=high.unit, per_share=high.per_share)
    if (low.amount.scale == 1 and low.amount.head == 0 and high.amount.scale > 1 and high.amount.head == 0
            and low.amount.number < 1000):  # "$809,000 to $1 million" is written out in full
        low = dataclasses.replace(low, amount=dataclasses.replace(low.amount, scale=high.amount.scale))
    if high.is_bare and not low.is_bare:
        high = dataclasses.replace(high, currency=low.currency, unit=low.unit, per_share=low.per_share)
    return low, high


def _compatible(low: Figure, high: Figure) -> bool:
    low_code = low.currency.code if low.currency else None
    high_code = high.currency.code if high.currency else None
    return low.unit == high.unit and low_code == high_code and low.per_share == high.per_share


def _is_amount_of_money(figure: Figure) -> bool:
    return figure.is_bare and (figure.amount.scale >= 10**6 or figure.amount.head >= 10**6)


def _range_item(low: Figure, high: Figure) -> Item:
    if not (low.is_bare or high.is_bare or _compatible(low, high)):
        return Item(Form.FIGURE, (low, high))
    if (_is_amount_of_money(low) and high.unit is not None) or (_is_amount_of_money(high) and low.unit is not None):
        return Item(Form.FIGURE, (low, high))  # "27% to 15 billion"
    low, high = _distribute(low, high)
    if not _compatible(low, high):
        return Item(Form.FIGURE, (low, high))
    return Item(Form.RANGE, (low, high))


@functools.cache
def number_parser() -> Lark:
    """The LALR parser of ``grammar/numbers.lark`` with its Transformer inlined (built once)."""
    return Lark(
        grammar_text("numbers.lark"),
        parser="lalr",
        lexer="basic",
        transformer=NumberTransformer(),
        maybe_placeholders=True,
        propagate_positions=False,
        cache=True,  # the LALR tables are kept in the temp folder: a second start skips the analysis
    )
