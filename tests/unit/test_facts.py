"""The fact base: which stated figures a relation may take from elsewhere in the call."""

from __future__ import annotations

import pytest

from auditor.engine.severity import Severity
from tests.support.audit import audit_text

OPENING = "Thank you for joining our first quarter 2021 earnings call. "


def test_a_prior_figure_stated_elsewhere_checks_a_growth_rate() -> None:
    """The control: 'down 7.5%' from $1.62 billion is $1.5 billion; a year-ago $1.2 billion
    contradicts it (1.5 / 1.2 is up 25%)."""
    text = OPENING + ("Revenue for the first quarter of 2020 was $1.2 billion. "
                      "Revenue was $1.5 billion, down 7.5% from last year.")
    errors = [f for f in audit_text(text) if f.severity is Severity.ERROR]
    assert [f.rule for f in errors] == ["AUD102"]


def test_figures_paired_by_their_words_alone_make_a_warning_not_an_error() -> None:
    """No metric names '$17 million of annualized sales from the new Ohio stores'; the words
    around the two figures pair them, and 'seventeen' heard as 'seventy' explains the
    difference, but words are weaker evidence than a metric: a warning."""
    text = OPENING + ("The new Ohio stores are adding $17 million of annualized sales. "
                      "To repeat, the new Ohio stores are adding $70 million of annualized sales.")
    found = [f for f in audit_text(text) if f.severity >= Severity.WARNING]
    assert [(f.rule, f.severity) for f in found] == [("AUD201", Severity.WARNING)]


def test_a_restatement_no_confusion_explains_is_a_note() -> None:
    """Total loans of about $340 million and, later, $460 million for the same key: no misheard
    number turns one into the other ($460 million read back is $416 million or $46 million;
    that 416 lies in the span 'about $340 million' allows is no evidence), so they are
    probably two different things: an info note, not an error."""
    text = OPENING + ("At the end of the first quarter of 2021, total loans were about $340 million. "
                      "We grew the book: total loans for the first quarter of 2021 reached $460 million.")
    found = [f for f in audit_text(text) if f.rule == "AUD201"]
    assert [f.severity for f in found] == [Severity.INFO]


def test_a_failure_between_distant_sentences_that_no_slip_explains_is_a_warning() -> None:
    """Revenue of $200.0 million, and three sentences later a gross margin of 45.0% on gross
    profit of $80.0 million (80 / 200 is 40%): the sentences may be about different periods
    or businesses, and no misheard number turns 45.0 into 40.0; a warning, not an error."""
    text = OPENING + ("Revenue was $200.0 million. Capital expenditures were $5.0 million. Cash was $31.0 million. "
                      "Gross profit was $80.0 million, representing a gross margin of 45.0%.")
    found = [f for f in audit_text(text) if f.rule == "AUD103"]
    assert [f.severity for f in found] == [Severity.WARNING]


# Shapes that gave false errors on human transcripts (paraphrased, not copied); each is
# consistent as said, for the reason in the comment above it.
CONSISTENT = [
    # 'revenue' of the company and of two lines the vocabulary does not name is three things: the
    # $142 million a year ago is one line's (1.5 / 0.142 would be a 956% increase)
    pytest.param("Total revenue was $1.5 billion, down 7.5% from last year. Aviation had a hard quarter. The "
                 "segment reported revenue of $249.2 million, an increase of 6.5% versus last year. Finally, "
                 "Technical Solutions reported revenue of $113 million versus $142 million last year.",
                 id="a-subject-said-of-several-things"),
    # 232.4 / 212 = 1.096 holds; the 8.8% (constant currency) and 11% (a segment) are not held against $212 million
    pytest.param("Total net sales were $232.4 million, an increase of 9.6% compared to the $212 million of the "
                 "same quarter last year. Adjusting for currency effects, net sales rose by 8.8% year over year. "
                 "Machine Clothing had a strong quarter. Revenues were up 11% compared to last year.",
                 id="several-growth-rates-over-one-period"),
    # the forecast range is not last year's revenue (147 / 1.25 = 117.6)
    pytest.param("Our sales were $147 million, a 25% increase over the prior year. Year-to-date, our revenue is at "
                 "just $270 million and for the full year we're up in our forecast from the $320 million to $350 "
                 "million range.", id="a-start-with-no-end-rate-or-period"),
    # 358.5 / 340.3 is up 5.3% to 5.4% as reported; the 2.2% is said on a currency-neutral basis
    pytest.param("Sales of the diagnostics group in the first quarter were $358.5 million, compared to $340.3 "
                 "million in Q1 of 2020, which is a 5.4% growth on a reported basis, and a 2.2% growth on a "
                 "currency-neutral basis.", id="growth-on-another-basis"),
    # constant currency is another scope: 3% is not held against 106.0 / 100.0 (6%)
    pytest.param("Revenue for the first quarter of 2020 was $100.0 million. Revenue was $106.0 million this "
                 "quarter. In constant currency, revenue grew 3% year over year.", id="currency-neutral-rate"),
    # the $35 million is free cash flow's, not capex's (8 + 4 = 12 a year ago)
    pytest.param("Free cash flow was $28 million, versus $35 million last year, and capital expenditures of $8 "
                 "million were down about $4 million from a year ago.", id="a-compared-figure-keeps-its-subject"),
    # 299 + 3 = 302 a year ago; the $39 million is a cause
    pytest.param("Revenues were $299 million, down $3 million from the third quarter of last year due to lower "
                 "volume of $39 million in aircraft support.", id="cause-clause-keeps-no-subject"),
    # the $20, $2 and $10 million are parts of capex, not changes
    pytest.param("Capital spending this quarter was $32 million versus $25 million a year earlier, $20 million "
                 "for expansion, $2 million for cost reduction and $10 million for maintenance.",
                 id="purpose-is-not-a-change"),
    # a charge in millions is not EPS
    pytest.param("Adjusted EPS went up by $0.01 as we booked a reserve charge, totaling $12.3 million, "
                 "an increase of $26.8 million from the $14.5 million reversal in the prior quarter.",
                 id="millions-are-not-per-share"),
    # 69.1 / 77.0 is down 10.3% (10.2% within rounding); 69.1 / 67.4 is up 2.5% (2.6%)
    pytest.param("Fourth quarter revenue of $69.1 million rose 2.6% against $67.4 million in the third quarter, "
                 "and fell 10.2% against $77.0 million in the fourth quarter a year ago.",
                 id="each-change-its-own-comparison"),
    # 600 - 74.3 - 13.1 = 512.6
    pytest.param("At year end, debt outstanding was $512.6 million, comprised of $600 million of gross debt, net "
                 "of a note discount of $74.3 million and net of debt issuance costs of $13.1 million.",
                 id="net-of-is-not-a-part"),
    # free cash flow is the part, net income the whole, in both statements
    pytest.param("We generated free cash flow of $94 million or 178% of net income in the quarter and $180 "
                 "million or 81% of net income for the year.", id="value-after-a-share-is-the-part"),
    # 2.668 / 3.035 is down 12.1% as reported; the 11% is without currency
    pytest.param("Sales for 2019 came to 2.668 billion versus 3.035 billion in 2018, a decline of 11%, "
                 "excluding exchange rate effects.", id="basis-said-last"),
    # "$58 million to $61 million" is the old range
    pytest.param("Our updated outlook puts administrative expense between $55 million and $58 million, down from "
                 "$58 million to $61 million.", id="old-guidance-range"),
    # 63.9 - 57.7 = 6.2 points
    pytest.param("EBITDA margin improved more than 6% to 63.9% compared with 57.7% a year ago.",
                 id="percent-said-for-points"),
    # 43.2 / 34.5 is up 25.2%; the $11.2 million is the prior quarter's, not this quarter's level
    pytest.param("Adjusted operating income of $43.2 million recovered strongly from Q2's $11.2 million and is "
                 "up 25% from $34.5 million in the first quarter of last year.", id="possessive-period-start"),
    # the 16% is the full year's growth, not the quarter's ($6.89 / $18.50)
    pytest.param("Adjusted EPS was $6.89 for the quarter. We keep our full year adjusted EPS guidance, which "
                 "represents full year adjusted EPS growth of 16% over the base of $18.50.", id="growth-of-the-year"),
    # a quarter's change is never against a full year
    pytest.param("Revenue for the first quarter was $50.0 million, up 10% on a base of $200.0 million for the full "
                 "year 2020.", id="a-year-against-a-quarter"),
    # 39.7 - 8.9 = 30.8 and 39.7 / 22.2 is up 78.8%
    pytest.param("Net cash generated in fiscal 2021 was $39.7 million, which is $30.8 million higher than the $8.9 "
                 "million of fiscal 2020 and up 78% compared with the $22.2 million of fiscal 2019.", id="higher-than"),
    # "$19 billion to $22 billion" is the old range
    pytest.param("Our spending plan is now $15 billion to $17 billion a year, and it has come down from "
                 "$19 billion to $22 billion before the pandemic.", id="old-range-without-a-subject"),
    # a use of cash that improved went down
    pytest.param("Measured without leverage, the free cash flow use improved from $30 million to $10 million from "
                 "last year.", id="a-use-that-improved"),
    # parts said "primarily" may leave some out
    pytest.param("At quarter end, total debt stood at $490 million, comprised primarily of $120 million drawn under "
                 "the revolving facility; $20 million of short-term, fixed-rate notes; and $345 million of long-term, "
                 "fixed-rate notes.", id="comprised-primarily-of"),
    # net debt = 1.70 - 1.67 billion (its definition, not a sum)
    pytest.param("Net debt at the end of the quarter was $36 million, comprised of long-term debt of $1.70 billion "
                 "and cash and cash equivalents of $1.67 billion.", id="a-defined-total-is-not-a-sum"),
    # 50.2% is of another period than 52%
    pytest.param("Resort EBITDA margin for the first quarter came in at 52%, ahead of both the prior-year period of "
                 "43.9% and the fiscal 2019 first quarter of 50.2%.", id="year-first-quarter"),
    # 49 / 48.7 is up 0.6% (1%), not 49 / 16.6
    pytest.param("R&D expense came to $15.1 million in the first quarter of fiscal 2021 compared to $16.6 million in "
                 "the first quarter of fiscal 2020 and it grew 1% to $49 million in the first nine months of fiscal "
                 "2021 and that was up from $48.7 million in the first nine months of fiscal 2020.",
                 id="a-quarter-is-no-start-for-nine-months"),
    # 10.7% is the margin without charges, not the start of the 310 basis points
    pytest.param("Operating margin came to 12.8%, up 310 basis points from the 2020 first quarter. Excluding "
                 "inventory-related charges, operating margin was 12.9% against 10.7% a year ago.",
                 id="an-excluding-opener-is-another-basis"),
    # 51.7% is of revenue less vehicles, not of $585 million
    pytest.param("Revenue was $585 million this quarter. Gross profit came to $252 million, which represents 51.7% "
                 "of revenue excluding purchased vehicles.", id="a-share-of-a-qualified-whole"),
]


@pytest.mark.parametrize("text", CONSISTENT)
def test_consistent_figures_give_no_warning_or_error(text: str) -> None:
    """Each case is consistent as said (the comment above it has the arithmetic): a finding is a
    misreading of which figure belongs to which subject, period or basis."""
    assert [f.message for f in audit_text(OPENING + text) if f.severity >= Severity.WARNING] == []


def test_an_amount_written_with_thousands_separators_is_not_missing_its_scale() -> None:
    """In a call of millions, '$35,000' is thirty-five thousand dollars; 'RMB 2010' may be a lost 'million'."""
    text = OPENING + ("Revenue was $120.5 million, up from $110.2 million, and operating income was $20.1 million. "
                      "Other income was $35,000 versus $537,000 a year ago.")
    assert [f.rule for f in audit_text(text) if f.rule == "AUD002"] == []
