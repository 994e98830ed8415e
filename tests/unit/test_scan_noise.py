"""Things that look like numbers but are not quantities: the scan emits nothing for them."""

from __future__ import annotations

import pytest

from auditor.claims.mention import Kind
from auditor.extraction.scan import scan_text

NOT_QUANTITIES = [
    pytest.param("We filed it in 2025 as planned.", id="year"),
    pytest.param("Results for Q2 2025 follow.", id="quarter-and-year"),
    pytest.param("That was true in fiscal 2020 too.", id="fiscal-year"),
    pytest.param("Guidance for FY21 stands.", id="fy-short"),
    pytest.param("Back in '22 we said so.", id="apostrophe-year"),
    pytest.param("The period ended June 30, 2025.", id="month-day-year"),
    pytest.param("As of the 30th of June 2025 we had it.", id="ordinal-date"),
    pytest.param("Operator (00:04:11) next question.", id="call-timestamp"),
    pytest.param("The call starts at 10:30 a.m. sharp.", id="clock-time"),
    pytest.param("Our first priority and the 3rd one.", id="ordinals"),
    pytest.param("To ask a question, press star 11 now.", id="press-star"),
    pytest.param("Please press star one and one on your phone.", id="star-one-and-one"),
    pytest.param("Dial * 0 for the operator.", id="star-symbol"),
    pytest.param("See Section 21E of the Act.", id="section-number"),
    pytest.param("Details are in our Form 10-K filing.", id="form-10k"),
    pytest.param("One of our clients, a big one, renewed.", id="one-and-a-as-words"),
    pytest.param("COVID-19 slowed us down.", id="covid-19"),
    pytest.param("Millions of users and hundreds of partners.", id="scale-words-alone"),
    pytest.param("(1) the first item; (2) the second.", id="list-numbers"),
]


@pytest.mark.parametrize("text", NOT_QUANTITIES)
def test_not_a_quantity(text: str) -> None:
    """No mention is emitted for years, dates, times, ordinals, keypad steps, section and form numbers."""
    assert [m.text for m in scan_text(text)] == []


def test_date_then_figure() -> None:
    """A month followed by a figure that is not a day keeps the figure ("December 23.6%")."""
    assert [(m.text, m.kind) for m in scan_text("from December 23.6% to more")] == [("23.6%", Kind.PERCENT)]


def test_year_with_currency_is_money() -> None:
    """Four digits with a currency are an amount, not a year."""
    assert [(m.text, m.kind) for m in scan_text("a fee of $2020 per seat")] == [("$2020", Kind.MONEY)]


def test_one_with_a_unit_is_kept() -> None:
    """"one" is dropped alone but kept with a unit."""
    assert [(m.text, m.kind) for m in scan_text("a one percent move")] == [("one percent", Kind.PERCENT)]
