"""Properties of the scan: surface forms read back to their value; spans hold; nothing raises."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.claims.mention import Kind
from auditor.extraction.scan import scan_text

ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
         "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
SCALES = {10**6: "million", 10**9: "billion"}
CURRENCIES = {"$": "USD", "RMB ": "RMB", "€": "EUR", "US$": "USD", "HK$": "HKD"}

MODEST = settings(max_examples=60, deadline=None)


def words_below_thousand(n: int, with_and: bool) -> str:
    """English words for 0 < n < 1000 the way speech recognition writes them."""
    hundreds, rest = divmod(n, 100)
    parts = []
    if hundreds:
        parts.append(f"{ONES[hundreds]} hundred")
    if rest:
        if hundreds and with_and:
            parts.append("and")
        if rest < 10:
            parts.append(ONES[rest])
        elif rest < 20:
            parts.append(TEENS[rest - 10])
        else:
            tens, ones = divmod(rest, 10)
            parts.append(TENS[tens] + (f" {ONES[ones]}" if ones else ""))
    return " ".join(parts)


def digit_words(digits: str) -> str:
    return " ".join(ONES[int(d)] for d in digits)


@st.composite
def stated_amounts(draw: st.DrawFn) -> tuple[int, str, int]:
    """(whole part 1..999, decimal digits as written, scale)."""
    whole = draw(st.integers(1, 999))
    decimals = draw(st.sampled_from(["", "5", "25", "7", "05"]))
    scale = draw(st.sampled_from(sorted(SCALES)))
    return whole, decimals, scale


def value_of(whole: int, decimals: str, scale: int) -> Fraction:
    return (whole + (Fraction(int(decimals), 10 ** len(decimals)) if decimals else 0)) * scale


@MODEST
@given(stated_amounts(), st.sampled_from(sorted(CURRENCIES)), st.sampled_from(["digits", "words", "mixed"]),
       st.booleans())
def test_money_forms_read_back(amount: tuple[int, str, int], symbol: str, form: str, with_and: bool) -> None:
    """A money amount written in digits, words or mixed, with currency and scale, scans to its value."""
    whole, decimals, scale = amount
    if form == "digits":
        number = f"{whole:,}" + (f".{decimals}" if decimals else "")
        figure = f"{symbol}{number} {SCALES[scale]}"
    elif form == "words":
        number = words_below_thousand(whole, with_and) + (f" point {digit_words(decimals)}" if decimals else "")
        figure = f"{number} {SCALES[scale]} dollars"
        symbol = "$"
    else:
        number = str(whole) + (f" point {digit_words(decimals)}" if decimals else "")
        figure = f"{symbol}{number} {SCALES[scale]}"
    text = f"In the quarter we reported {figure} in revenue."
    mentions = scan_text(text)
    assert [m.text for m in mentions] == [figure]
    m = mentions[0]
    expected = value_of(whole, decimals, scale)
    assert m.kind is Kind.MONEY
    assert m.value == expected
    assert m.currency == CURRENCIES[symbol]
    assert m.interval.contains(expected)


@MODEST
@given(st.integers(0, 99), st.sampled_from(["", "5", "25"]), st.sampled_from(["%", " percent", " per cent"]),
       st.booleans())
def test_percent_forms_read_back(whole: int, decimals: str, sign: str, spoken: bool) -> None:
    """A percentage in digits or words scans to its value, and its interval holds the value."""
    if spoken:
        head = words_below_thousand(whole, False) if whole else "zero"
        number = head + (f" point {digit_words(decimals)}" if decimals else "")
    else:
        number = str(whole) + (f".{decimals}" if decimals else "")
    figure = f"{number}{sign}"
    mentions = scan_text(f"Margin was {figure} this year.")
    assert [m.text for m in mentions] == [figure]
    expected = whole + (Fraction(int(decimals), 10 ** len(decimals)) if decimals else 0)
    assert (mentions[0].kind, mentions[0].value) == (Kind.PERCENT, expected)
    assert mentions[0].interval.contains(expected)


NUMBERISH = st.sampled_from([
    "$", "%", "1", "22.7", "2,349", "million", "billion", "point", "and", "a", "hundred", "twenty", "two",
    "percent", "RMB", "R&B", "to", "-", "(", ")", "between", "about", "over", "star", "June", "bps", "x", "k",
    "cents", "per share", "\n\nSpeaker 2:", "uh,", "12%", "8%", "doubled", " ", ".", ",", "€", "US$",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(NUMBERISH, st.text(max_size=6)), max_size=14).map(" ".join))
def test_scan_never_raises_and_spans_hold(text: str) -> None:
    """Scanning arbitrary text never raises; every span is the text at its offsets, in order."""
    mentions = scan_text(text)
    for m in mentions:
        assert text[m.start:m.end] == m.text
        assert m.interval.low is None or m.interval.high is None or m.interval.low <= m.interval.high
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=80))
def test_scan_arbitrary_unicode(text: str) -> None:
    """Any unicode (including characters whose lower case is longer) scans without error, spans exact."""
    for m in scan_text(text):
        assert text[m.start:m.end] == m.text


NUMBER_WORDS = st.sampled_from([
    "one", "two", "twenty", "twenty-five", "thirteen", "hundred", "thousand", "million", "point", "and", "a",
    "and a half", "a half", "percent", "dollars", "cents", "per share", "to", "between", "from", "-", "5", "0.5",
    "1,000,000", "x", "times", "bps", "points", "about", "nearly", "up to", "june", "star", "threefold", "minus",
    "k", "m", "bn", "rmb", "2021",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(NUMBER_WORDS, max_size=12), st.sampled_from([" ", ""]))
def test_runs_of_number_words_never_raise(words: list[str], separator: str) -> None:
    """Dense runs of number words and units (spaced or glued) scan without error; intervals are well formed."""
    text = separator.join(words)
    for m in scan_text(text):
        assert text[m.start:m.end] == m.text
        assert m.interval.low is None or m.interval.high is None or m.interval.low <= m.interval.high
