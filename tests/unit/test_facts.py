"""The fact base: which stated figures a relation may take from elsewhere in the call."""

from __future__ import annotations

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


def test_a_subject_said_of_several_things_is_not_looked_up() -> None:
    """'Revenue' of the company ($1.5 billion) and of two lines of business the vocabulary
    does not name ($249.2 million, $113 million) is three things: the $142 million a year
    ago belongs to one line, and checking the 7.5% or the 6.5% against it would be a guess
    (1.5 / 0.142 is a 956% increase; 249.2 / 142 is 75%)."""
    text = OPENING + (
        "Total revenue was $1.5 billion, down 7.5% from last year. "
        "Aviation had a hard quarter. The segment reported revenue of $249.2 million, an increase of 6.5% "
        "versus last year. Finally, Technical Solutions reported revenue of $113 million versus $142 million last year.")
    assert [f for f in audit_text(text) if f.severity >= Severity.WARNING] == []
