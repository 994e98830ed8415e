"""The numeric-mention scan: one behaviour of grammar/numbers.lark per case.

Every sentence here is our own; values are checked by hand in the ids/comments.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from auditor.claims.mention import Kind, Mention, Qualifier
from auditor.extraction.scan import scan_text

F = Fraction


def only(text: str) -> Mention:
    """The single mention of ``text`` (fails when there is not exactly one)."""
    mentions = scan_text(text)
    assert len(mentions) == 1, [m.text for m in mentions]
    return mentions[0]


# (sentence, span text, kind, value, currency)
FIGURES = [
    pytest.param("Sales reached $22.7 million this quarter.", "$22.7 million", Kind.MONEY, F("22700000"), "USD",
                 id="dollar-digits-million"),
    pytest.param("We booked 2,349.2 in units.", "2,349.2", Kind.COUNT, F("2349.2"), None, id="thousands-separator"),
    pytest.param("Churn fell to .9% overall.", ".9%", Kind.PERCENT, F("0.9"), None, id="leading-point"),
    pytest.param("Churn fell to 0.9% overall.", "0.9%", Kind.PERCENT, F("0.9"), None, id="zero-point"),
    pytest.param("revenue of twenty two point seven million dollars", "twenty two point seven million dollars",
                 Kind.MONEY, F("22700000"), "USD", id="spoken-decimal-million"),
    pytest.param("margin moved point nine percent", "point nine percent", Kind.PERCENT, F("0.9"), None,
                 id="spoken-point-nine"),
    pytest.param("we spent a hundred and twenty million on it", "a hundred and twenty million", Kind.MONEY,
                 F("120000000"), None, id="a-hundred-and-twenty-million"),
    pytest.param("up one and a half percent", "one and a half percent", Kind.PERCENT, F("1.5"), None,
                 id="one-and-a-half"),
    pytest.param("cash of two point three five billion yuan", "two point three five billion yuan", Kind.MONEY,
                 F("2350000000"), "RMB", id="spoken-two-decimals-yuan"),
    pytest.param("we shipped forty five hundred units", "forty five hundred", Kind.COUNT, F(4500), None,
                 id="forty-five-hundred"),
    pytest.param("a loss of 2.3 billion", "2.3 billion", Kind.MONEY, F("2300000000"), None,
                 id="bare-billion-is-money"),
    pytest.param("we hired twenty-five engineers", "twenty-five", Kind.COUNT, F(25), None, id="hyphenated-words"),
    pytest.param("earnings were seventy two cents per share", "seventy two cents per share", Kind.PER_SHARE,
                 F("0.72"), "USD", id="cents-per-share"),
    pytest.param("a dividend of $1.05 a share", "$1.05 a share", Kind.PER_SHARE, F("1.05"), "USD",
                 id="dollars-a-share"),
    pytest.param("EPS of $0.41 per diluted share", "$0.41 per diluted share", Kind.PER_SHARE, F("0.41"), "USD",
                 id="per-diluted-share"),
    pytest.param("a tip of six cents", "six cents", Kind.MONEY, F("0.06"), "USD", id="cents-are-hundredths"),
    pytest.param("twenty billion", "twenty billion", Kind.MONEY, F(20 * 10**9), None, id="spoken-bare-billion"),
    pytest.param("we sold 728.7 million", "728.7 million", Kind.MONEY, F("728700000"), None, id="digits-bare-million"),
    pytest.param("we sold 17 stores", "17", Kind.COUNT, F(17), None, id="plain-count"),
    pytest.param("raised $5m last year", "$5m", Kind.MONEY, F(5 * 10**6), "USD", id="short-m"),
    pytest.param("a RMB3bn facility", "RMB3bn", Kind.MONEY, F(3 * 10**9), "RMB", id="attached-code-short-bn"),
    pytest.param("about 40k subscribers joined", "40k", Kind.COUNT, F(40000), None, id="short-k-count"),
    pytest.param("net income of RMB728 million", "RMB728 million", Kind.MONEY, F(728 * 10**6), "RMB",
                 id="attached-rmb"),
    pytest.param("revenue of RMB 2.35 billion", "RMB 2.35 billion", Kind.MONEY, F("2350000000"), "RMB",
                 id="spaced-rmb"),
    pytest.param("revenue of CNY 12 million", "CNY 12 million", Kind.MONEY, F(12 * 10**6), "RMB", id="cny-is-rmb"),
    pytest.param("a HK$3.1 billion loan", "HK$3.1 billion", Kind.MONEY, F("3100000000"), "HKD", id="hk-dollar"),
    pytest.param("a US$40 million deal", "US$40 million", Kind.MONEY, F(40 * 10**6), "USD", id="us-dollar"),
    pytest.param("costs of €15 million", "€15 million", Kind.MONEY, F(15 * 10**6), "EUR", id="euro-sign"),
    pytest.param("costs of £2.5 billion", "£2.5 billion", Kind.MONEY, F("2500000000"), "GBP", id="pound-sign"),
    pytest.param("sales of ¥300 billion", "¥300 billion", Kind.MONEY, F(300 * 10**9), "JPY", id="yen-sign"),
    pytest.param("an order for ₹450 million", "₹450 million", Kind.MONEY, F(450 * 10**6), "INR", id="rupee-sign"),
    pytest.param("EUR 80 million of savings", "EUR 80 million", Kind.MONEY, F(80 * 10**6), "EUR", id="eur-code"),
    pytest.param("GBP 7 million of savings", "GBP 7 million", Kind.MONEY, F(7 * 10**6), "GBP", id="gbp-code"),
    pytest.param("JPY 900 million of savings", "JPY 900 million", Kind.MONEY, F(900 * 10**6), "JPY", id="jpy-code"),
    pytest.param("USD 3 million of savings", "USD 3 million", Kind.MONEY, F(3 * 10**6), "USD", id="usd-code"),
    pytest.param("HKD 60 million of savings", "HKD 60 million", Kind.MONEY, F(60 * 10**6), "HKD", id="hkd-code"),
    pytest.param("about 45 million euros", "45 million euros", Kind.MONEY, F(45 * 10**6), "EUR", id="euros-word"),
    pytest.param("some 8 million renminbi", "8 million renminbi", Kind.MONEY, F(8 * 10**6), "RMB",
                 id="renminbi-word"),
    pytest.param("margin of 24%", "24%", Kind.PERCENT, F(24), None, id="percent-sign"),
    pytest.param("margin of 24 percent", "24 percent", Kind.PERCENT, F(24), None, id="percent-word"),
    pytest.param("margin of 24 per cent", "24 per cent", Kind.PERCENT, F(24), None, id="per-cent"),
    pytest.param("margin rose 2.5 percentage points", "2.5 percentage points", Kind.PERCENTAGE_POINTS, F("2.5"),
                 None, id="percentage-points"),
    pytest.param("margin rose 3 ppt", "3 ppt", Kind.PERCENTAGE_POINTS, F(3), None, id="ppt"),
    pytest.param("margin rose 4 points", "4 points", Kind.PERCENTAGE_POINTS, F(4), None, id="points-after-number"),
    pytest.param("spreads widened 50 basis points", "50 basis points", Kind.BASIS_POINTS, F(50), None, id="basis-points"),
    pytest.param("spreads widened 35 bps", "35 bps", Kind.BASIS_POINTS, F(35), None, id="bps"),
    pytest.param("spreads widened twenty bips", "twenty bips", Kind.BASIS_POINTS, F(20), None, id="bips"),
    pytest.param("leverage of 5.7 times", "5.7 times", Kind.MULTIPLE, F("5.7"), None, id="times"),
    pytest.param("leverage of 2x", "2x", Kind.MULTIPLE, F(2), None, id="attached-x"),
    pytest.param("volume grew threefold", "threefold", Kind.MULTIPLE, F(3), None, id="threefold"),
    pytest.param("bookings doubled", "doubled", Kind.MULTIPLE, F(2), None, id="doubled"),
    pytest.param("bookings tripled", "tripled", Kind.MULTIPLE, F(3), None, id="tripled"),
    pytest.param("growth of negative 5%", "negative 5%", Kind.PERCENT, F(-5), None, id="negative-word"),
    pytest.param("growth of minus 3.5 percent", "minus 3.5 percent", Kind.PERCENT, F("-3.5"), None, id="minus-word"),
    pytest.param("a margin of -2% in Europe", "-2%", Kind.PERCENT, F(-2), None, id="minus-sign"),
    pytest.param("an operating loss of $(3.2) million", "$(3.2) million", Kind.MONEY, F("-3200000"), "USD",
                 id="accounting-negative"),
    pytest.param("a gain of two dollars and 35 cents", "two dollars and 35 cents", Kind.MONEY, F("2.35"), "USD",
                 id="dollars-and-cents"),
    pytest.param("revenue of five point seven dollars million", "five point seven dollars million", Kind.MONEY,
                 F("5700000"), "USD", id="currency-word-before-scale"),
    pytest.param("one billion two hundred seventy five million in sales", "one billion two hundred seventy five million",
                 Kind.MONEY, F(1275 * 10**6), None, id="compound-spoken"),
    pytest.param("a range of 1 billion $295 million", "1 billion $295 million", Kind.MONEY, F(1295 * 10**6), "USD",
                 id="compound-with-currency"),
    pytest.param("the thousand dollar genome", "thousand dollar", Kind.MONEY, F(1000), "USD",
                 id="scale-word-alone-with-currency"),
    pytest.param("a thousand dollar genome", "a thousand dollar", Kind.MONEY, F(1000), "USD",
                 id="article-with-scale"),
    pytest.param("revenue was\n\nSpeaker 2: fine, $104\n\nSpeaker 3: million", "$104\n\nSpeaker 3: million",
                 Kind.MONEY, F(104 * 10**6), "USD", id="speaker-label-inside-figure"),
    pytest.param("the $225, uh, million charge", "$225, uh, million", Kind.MONEY, F(225 * 10**6), "USD",
                 id="filler-inside-figure"),
    pytest.param("a price of 70 Swiss francs", "70 Swiss francs", Kind.MONEY, F(70), "CHF", id="swiss-francs"),
    pytest.param("nine bucks a month", "nine bucks", Kind.MONEY, F(9), "USD", id="bucks"),
    pytest.param("REVENUE OF $17 BILLION", "$17 BILLION", Kind.MONEY, F(17 * 10**9), "USD", id="upper-case"),
]


@pytest.mark.parametrize(("text", "span", "kind", "value", "currency"), FIGURES)
def test_figure(text: str, span: str, kind: Kind, value: Fraction, currency: str | None) -> None:
    """The one figure of the sentence is found with its span, kind, base-unit value and currency."""
    m = only(text)
    assert (m.text, m.kind, m.value, m.currency) == (span, kind, value, currency)
    assert text[m.start:m.end] == m.text
    assert m.interval.contains(m.value)


# (sentence, low, high): the interval implied by stated precision
INTERVALS = [
    pytest.param("up 24%", F("23.5"), F("24.5"), id="integer-percent"),
    pytest.param("RMB 2.35 billion", F("2345000000"), F("2355000000"), id="two-decimals-billion"),
    pytest.param("$1,625.3 million", F("1625250000"), F("1625350000"), id="one-decimal-million"),
    pytest.param("twenty two point seven million", F("22650000"), F("22750000"), id="spoken-decimal"),
    pytest.param("72 cents", F("0.715"), F("0.725"), id="cents"),
    pytest.param("50 bps", F("49.5"), F("50.5"), id="bps"),
]


@pytest.mark.parametrize(("text", "low", "high"), INTERVALS)
def test_stated_precision(text: str, low: Fraction, high: Fraction) -> None:
    """A figure's interval is half a unit of its last stated digit either side, times its scale."""
    m = only(text)
    assert (m.interval.low, m.interval.high) == (low, high)


def test_number_decimals_scale_keep_the_stated_figure() -> None:
    """number/decimals/scale are the figure as stated, so a correction can be written the same way."""
    m = only("a backlog of $22.7 million")
    assert (m.number, m.decimals, m.scale) == (F("22.7"), 1, 10**6)


def test_spoken_flag() -> None:
    """``spoken`` is set when number words are used, not for digits with a scale word."""
    assert only("twenty million").spoken
    assert not only("20 million").spoken


QUALIFIED = [
    pytest.param("over 120% of plan", "120%", Qualifier.OVER, F(120), None, id="over"),
    pytest.param("more than 120% of plan", "120%", Qualifier.OVER, F(120), None, id="more-than"),
    pytest.param("above 8% growth", "8%", Qualifier.OVER, F(8), None, id="above"),
    pytest.param("at least 8% growth", "8%", Qualifier.AT_LEAST, F(8), None, id="at-least"),
    pytest.param("under 3% churn", "3%", Qualifier.UNDER, None, F(3), id="under"),
    pytest.param("less than 3% churn", "3%", Qualifier.UNDER, None, F(3), id="less-than"),
    pytest.param("up to 3% churn", "3%", Qualifier.UP_TO, None, F(3), id="up-to"),
    # about: stated [4.5, 5.5] widened by 10% of 5 = 0.5 each side
    pytest.param("about 5% growth", "5%", Qualifier.ABOUT, F(4), F(6), id="about"),
    pytest.param("approximately 5% growth", "5%", Qualifier.ABOUT, F(4), F(6), id="approximately"),
    pytest.param("around 5% growth", "5%", Qualifier.ABOUT, F(4), F(6), id="around"),
    pytest.param("roughly 5% growth", "5%", Qualifier.ABOUT, F(4), F(6), id="roughly"),
    pytest.param("close to 5% growth", "5%", Qualifier.ABOUT, F(4), F(6), id="close-to"),
    # nearly: [0.9 * 20, 20.5]
    pytest.param("nearly 20% growth", "20%", Qualifier.NEARLY, F(18), F("20.5"), id="nearly"),
    pytest.param("almost 20% growth", "20%", Qualifier.NEARLY, F(18), F("20.5"), id="almost"),
]


@pytest.mark.parametrize(("text", "span", "qualifier", "low", "high"), QUALIFIED)
def test_qualifier(text: str, span: str, qualifier: Qualifier, low: Fraction | None, high: Fraction | None) -> None:
    """A qualifier is recorded, kept out of the span, and widens or opens the interval."""
    m = only(text)
    assert (m.text, m.qualifier, m.interval.low, m.interval.high) == (span, qualifier, low, high)


RANGES = [
    # (sentence, span, kind, midpoint, low, high)
    pytest.param("growth of 10% to 12%", "10% to 12%", Kind.PERCENT, F(11), F("9.5"), F("12.5"), id="pct-to-pct"),
    pytest.param("growth of 10-12%", "10-12%", Kind.PERCENT, F(11), F("9.5"), F("12.5"), id="dash-unit-after"),
    pytest.param("between 10 and 12 million", "10 and 12 million", Kind.MONEY, F(11 * 10**6), F("9500000"),
                 F("12500000"), id="between-scale-distributes"),
    pytest.param("$5 million to $6 million", "$5 million to $6 million", Kind.MONEY, F("5500000"),
                 F("4500000"), F("6500000"), id="money-to-money"),
    pytest.param("forty fifty percent of it", "forty fifty percent", Kind.PERCENT, F(45), F("39.5"), F("50.5"),
                 id="round-tens-side-by-side"),
]


@pytest.mark.parametrize(("text", "span", "kind", "value", "low", "high"), RANGES)
def test_range(text: str, span: str, kind: Kind, value: Fraction, low: Fraction, high: Fraction) -> None:
    """A range is one mention: both ends in the span and interval, value the midpoint, unit and scale shared."""
    m = only(text)
    assert m.is_range
    assert (m.text, m.kind, m.value, m.interval.low, m.interval.high) == (span, kind, value, low, high)


def test_from_to_is_two_figures() -> None:
    """"from A to B" is a change, not a range: two mentions, the unit shared."""
    mentions = scan_text("margin went from 10 to 12% this year")
    assert [(m.text, m.kind, m.value, m.is_range) for m in mentions] == [
        ("10", Kind.PERCENT, F(10), False), ("12%", Kind.PERCENT, F(12), False),
    ]


def test_different_units_are_not_a_range() -> None:
    """"27% to $15 billion" joins two different quantities: two mentions."""
    mentions = scan_text("a CAGR of 27% to $15 billion")
    assert [(m.kind, m.value) for m in mentions] == [(Kind.PERCENT, F(27)), (Kind.MONEY, F(15 * 10**9))]


def test_r_and_b_is_rmb_with_a_note() -> None:
    """Speech recognition writes RMB as "R&B": read as RMB, and say so."""
    m = only("revenue of R&B 5.2 billion")
    assert (m.currency, m.value) == ("RMB", F("5200000000"))
    assert m.note is not None and "R&B" in m.note


def test_cents_after_dollars_with_two_decimals() -> None:
    """"$2.25 cents" is a slip for $2.25: read as dollars, with a note."""
    m = only("EPS of $2.25 cents")
    assert m.value == F("2.25")
    assert m.note is not None


def test_several_figures_in_order() -> None:
    """Every figure of a sentence is found, in order of position, with exact spans."""
    text = "Revenue rose 12% to $58.0 million, and gross margin was 47.8%, up 120 basis points."
    assert [(m.text, m.kind) for m in scan_text(text)] == [
        ("12%", Kind.PERCENT), ("$58.0 million", Kind.MONEY), ("47.8%", Kind.PERCENT),
        ("120 basis points", Kind.BASIS_POINTS),
    ]


def test_a_double_dash_is_a_break_not_a_minus_sign() -> None:
    """ "from 35% -- $0.35": the speaker broke off; the $0.35 is positive (a single dash
    before a figure still reads as a sign: "-$5 million")."""
    found = {m.text: m.value for m in scan_text("to $0.52 from 35% -- $0.35, and a loss of -$5 million")}
    assert found["$0.35"] == Fraction(35, 100)
    assert found["-$5 million"] == -5_000_000


def test_a_year_before_a_scaled_amount_is_not_an_amount() -> None:
    """'increased by 4% from 2018 to $1.9 billion': 2018 does not take '$' and 'billion' from the
    other end (it would be $2,018 billion); '$370 to $400 million' still shares them."""
    assert [m.text for m in scan_text("Sales increased by 4% from 2018 to $1.9 billion.")] == ["4%", "$1.9 billion"]
    (r,) = scan_text("revenue of $370 to $400 million")
    assert r.is_range and r.interval.low is not None and r.interval.low >= 369_000_000


def test_a_number_written_out_in_full_takes_no_scale_from_the_other_end() -> None:
    """'from $809,000 to $1 million': $809,000 is not $809,000 million."""
    low = scan_text("Other income increased from $809,000 to $1 million.")[0]
    assert low.text == "$809,000" and low.value == 809_000
