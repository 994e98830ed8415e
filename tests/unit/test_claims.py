"""Claim extraction: clause codes, subjects, periods, and the claims built from them."""

from __future__ import annotations

import pytest

from auditor.claims.claim import ChangeClaim, ShareClaim, SumClaim, ValueClaim
from auditor.claims.period import Period
from auditor.engine.check import _lexicon
from auditor.extraction.claim_tokens import (
    parse_absolute_period,
    sentence_spans,
    tokenize_sentence,
    without_retracted,
)
from auditor.extraction.claims import extract_claims
from auditor.extraction.scan import scan_text
from auditor.vocabulary.packs import load_vocabulary

Q3_2025 = Period(2025, "Q3")


def codes(text: str) -> list[str]:
    mentions = scan_text(text)
    lexicon = _lexicon(load_vocabulary(), ())
    out = []
    for start, end, figures, _ in sentence_spans(text, mentions):
        out += ["".join(t.code for t in clause)
                for clause in tokenize_sentence(text, start, end, figures, lexicon, Q3_2025, mentions)]
    return out


def claims(text: str) -> list[object]:
    mentions = scan_text(text)
    return list(extract_claims(text, mentions, _lexicon(load_vocabulary(), ()), Q3_2025))


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("Total revenues were RMB 2,349.2 million.", ["mwa"], id="value"),
    pytest.param("Revenue rose 14.8% year over year from $491.1 million to $563.7 million.", ["mupyfaoa"],
                 id="change-from-to"),
    pytest.param("Gross margin was 14.9%, compared with 17.0% in Q2 2024 and 16.6% last quarter.",
                 ["mwp", "cpt&pt"], id="comparison"),
    pytest.param("Fulfillment costs and other costs were $25.8 million and $65.8 million respectively.",
                 ["m&mwa&ar"], id="respectively"),
    pytest.param("Revenue grew 9% compared with the third quarter of last year.", ["mupy"],
                 id="comparison-with-a-period-is-a-basis"),
])
def test_clause_codes(text: str, expected: list[str]) -> None:
    """Each clause becomes the token codes documented in grammar/claims.lark."""
    assert codes(text) == expected


def test_value_and_growth_share_the_subject_across_clauses() -> None:
    """'Revenue was X, up Y% from Z' is one subject: a value, and a change from Z to X."""
    found = claims("Revenue was $58.0 million, up 16% from $50.0 million in the third quarter of 2024.")
    change = next(c for c in found if isinstance(c, ChangeClaim))
    assert change.subject.metric == "revenue"
    assert change.end is not None and change.end.mention.text == "$58.0 million"
    assert change.start is not None and change.start.mention.text == "$50.0 million"
    assert change.start.period == Period(2024, "Q3")


def test_a_modifier_names_a_segment_the_vocabulary_does_not_know() -> None:
    """'Services revenue' is not total revenue."""
    value = next(c for c in claims("Services revenue was $42.3 million.") if isinstance(c, ValueClaim))
    assert (value.subject.metric, value.subject.segment) == ("revenue", "~service")


def test_a_change_with_both_figures_needs_no_known_subject() -> None:
    """'Footwear grew 17% to $24.8 million from $21.2 million' is checked though 'footwear' is no metric."""
    change = next(c for c in claims("Footwear grew 17% to $24.8 million from $21.2 million.")
                  if isinstance(c, ChangeClaim))
    assert change.start is not None and change.start.mention.text == "$21.2 million"
    assert change.end is not None and change.end.mention.text == "$24.8 million"


def test_a_margin_of_belongs_to_the_metric_just_named() -> None:
    """'EBITDA was $412.5 million, a margin of 13.2%' states the EBITDA margin."""
    values = [c for c in claims("Adjusted EBITDA was $412.5 million, a margin of 13.2%.") if isinstance(c, ValueClaim)]
    assert {(v.subject.metric, v.figure.mention.text) for v in values} == {
        ("ebitda", "$412.5 million"), ("ebitda_margin", "13.2%")}


def test_a_listed_breakdown_is_a_sum() -> None:
    """'... consisted of A and B' lists the parts of the figure before it."""
    total = next(c for c in claims("Total revenue of $128.4 million consisted of products at $86.1 million "
                                   "and services at $42.3 million.") if isinstance(c, SumClaim))
    assert total.total.mention.text == "$128.4 million"
    assert [p.text for p in total.parts] == ["$86.1 million", "$42.3 million"]


def test_a_share_of_a_named_whole() -> None:
    """'accounts for 62% of total revenue' shares the part just stated."""
    share = next(c for c in claims("Subscription revenue of $298.4 million accounts for 62% of total revenue.")
                 if isinstance(c, ShareClaim))
    assert share.part_figure is not None and share.part_figure.mention.text == "$298.4 million"
    assert share.whole is not None and share.whole.metric == "revenue" and share.whole.segment is None


def test_a_translation_in_brackets_is_not_a_claim() -> None:
    """'RMB 2,349.2 million (US$327.9 million)': only the RMB figure is revenue."""
    values = [c for c in claims("Total revenues were RMB 2,349.2 million (US$327.9 million).")
              if isinstance(c, ValueClaim)]
    assert [v.figure.mention.text for v in values] == ["RMB 2,349.2 million"]


def test_a_figure_taken_back_is_dropped() -> None:
    """'GH2 .318 million, sorry, GH2 .318 billion': the speaker's correction replaces the slip."""
    text = "Voice revenue was GH2 .318 million, sorry, GH2 .318 billion."
    kept = without_retracted(text, scan_text(text), _lexicon(load_vocabulary(), ()))
    texts = [m.text for m in kept]
    assert any(t.endswith(".318 billion") for t in texts)
    assert not any("million" in t for t in texts)


def test_a_clause_the_grammar_cannot_structure_yields_no_claim() -> None:
    """Figures among words that carry no structure produce nothing rather than a guess."""
    assert claims("About 5% of 20 million, the rest.") == []


def test_a_comparison_that_names_the_same_metric_gives_its_prior_value() -> None:
    """'... compared to an operating income of $1.3 million in Q2' is the same metric's Q2 value."""
    found = claims("Operating income for the third quarter of 2025 was $9.9 million, compared to an "
                   "operating income of $1.3 million in Q2 of 2025.")
    values = {(c.figure.mention.text, c.figure.period) for c in found if isinstance(c, ValueClaim)}
    assert values == {("$9.9 million", Q3_2025), ("$1.3 million", Period(2025, "Q2"))}


def test_a_comparison_with_a_loss_is_not_a_value_of_the_income() -> None:
    """An operating loss of six million is minus six million of operating income: not taken as +6."""
    found = claims("Operating income was $4.5 million, compared to an operating loss of $6 million in the prior quarter.")
    assert [c.figure.mention.text for c in found if isinstance(c, ValueClaim)] == ["$4.5 million"]


@pytest.mark.parametrize(("text", "metric", "rate"), [
    pytest.param("Organic sales growth was 25% in the quarter.", "revenue", "25%", id="noun-linked"),
    pytest.param("Package tour revenue was RMB 392 million, representing a 20% increase year over year.",
                 "revenue", "20%", id="figure-then-noun"),
    pytest.param("Gross profit rose, driven by a 24% increase in services revenue.", "revenue", "24%",
                 id="figure-noun-subject"),
    pytest.param("We delivered 25% revenue growth.", "revenue", "25%", id="figure-subject-noun"),
    pytest.param("The board is increasing our quarterly dividend by 9%.", "dividend_per_share", "9%",
                 id="mover-subject-by"),
])
def test_changes_said_in_other_orders(text: str, metric: str, rate: str) -> None:
    """Word orders the clause grammar reads after the tokenizer puts the subject first."""
    changes = [c for c in claims(text) if isinstance(c, ChangeClaim) and c.rate is not None]
    assert [(c.subject.metric, c.rate.text) for c in changes] == [(metric, rate)]


def test_a_figure_of_one_thing_increasing_is_not_a_growth_rate_of_another() -> None:
    """'Revenue was up 10%, driven by a 24% increase in services revenue': the 24% is the
    services segment's growth, not total revenue's."""
    changes = [c for c in claims("Revenue was up 10%, driven by a 24% increase in services revenue.")
               if isinstance(c, ChangeClaim)]
    assert [(c.subject.segment, c.rate.text if c.rate else None) for c in changes] == [(None, "10%"), ("~service", "24%")]


def test_a_balance_said_at_a_date_is_a_value() -> None:
    """'Total debt at the end of the quarter was $2.8 billion' is a value of this quarter."""
    found = [c for c in claims("Total debt at the end of the quarter was $2.8 billion.") if isinstance(c, ValueClaim)]
    assert [(c.subject.metric, c.figure.mention.text, c.figure.period) for c in found] == [
        ("total_debt", "$2.8 billion", Q3_2025)]


def test_one_verb_serves_two_subjects() -> None:
    """'we grew adjusted EBITDA by 94% and adjusted EPS by 112%' is two growth rates."""
    changes = [c for c in claims("For the full year, we grew adjusted EBITDA by 94% and adjusted EPS by 112%.")
               if isinstance(c, ChangeClaim)]
    assert [(c.subject.metric, c.rate.text if c.rate else None) for c in changes] == [("ebitda", "94%"), ("eps", "112%")]


def test_a_rate_against_its_own_basis_does_not_take_the_earlier_comparison() -> None:
    """'..., a 3.1% decrease compared to $1.378 billion a year ago, but up 14.4% to the third
    quarter of 2019': the 14.4% is against 2019, not against the $1.378 billion."""
    changes = [c for c in claims("Net sales for the quarter were $1.336 billion, a 3.1% decrease compared to "
                                 "$1.378 billion a year ago, but up 14.4% to the third quarter of 2019.")
               if isinstance(c, ChangeClaim)]
    up = next(c for c in changes if c.rate is not None and c.rate.text == "14.4%")
    assert up.start is None and up.basis == Period(2019, "Q3")


def test_a_figure_said_again_after_a_break_replaces_the_first() -> None:
    """ "to $0.52 from 35% -- $0.35": the 35% was broken off, and the change is from $0.35."""
    text = "Adjusted diluted EPS increased by 49% to $0.52 from 35% -- $0.35."
    mentions = without_retracted(text, scan_text(text), _lexicon(load_vocabulary(), ()))
    assert [m.text for m in mentions] == ["49%", "$0.52", "$0.35"]


def test_an_amount_or_rate_before_a_change_noun_are_both_the_change() -> None:
    """'... was $30.1 million compared with $27.9 million ..., a $2.2 million or 8% improvement':
    $2.2 million is the change (30.1 - 27.9), not the level; 8% is its rate (2.2 / 27.9 = 7.9%)."""
    text = ("Operating income for the quarter was $30.1 million compared with $27.9 million in the third quarter "
            "of 2024, a $2.2 million or 8% improvement year over year.")
    changes = [c for c in claims(text) if isinstance(c, ChangeClaim)]
    assert sorted(c.rate.text for c in changes if c.rate is not None) == ["$2.2 million", "8%"]
    assert all(c.end is not None and c.end.mention.text == "$30.1 million" for c in changes)


@pytest.mark.parametrize(("text", "qualifier"), [
    pytest.param("Revenue was down 11% organically.", "organic", id="after-the-figure"),
    pytest.param("Adjusting for currency translation effects, net sales grew by 3% year over year.",
                 "constant_currency", id="clause-of-its-own"),
    pytest.param("Excluding the impact of this pass-through, gross margin would have increased 350 basis points.",
                 "pro_forma", id="counterfactual"),
])
def test_a_basis_said_apart_from_the_subject_qualifies_it(text: str, qualifier: str) -> None:
    """A change on another basis is not the reported figure's change."""
    changes = [c for c in claims(text) if isinstance(c, ChangeClaim)]
    assert len(changes) == 1 and qualifier in changes[0].subject.qualifiers


def test_an_amount_per_unit_is_not_the_metric() -> None:
    """'gross profit per vehicle was $6,335' is not gross profit (and not $6,335 million)."""
    assert claims("Our new average gross profit per vehicle was $6,335, up $3,441 from the prior-year period.") == []


def test_comparison_after_a_share_is_the_change_start() -> None:
    """'increased $3.0 million to $45.0 million, or 30.0% of sales, compared with $42.0 million':
    the share names its whole, but the comparison still belongs to the change."""
    found = claims("Operating expenses increased $3.0 million to $45.0 million, or 30.0% of sales, "
                   "compared with $42.0 million, or 30.0% of sales, for the prior year period.")
    change = next(c for c in found if isinstance(c, ChangeClaim))
    assert change.subject.metric == "operating_expenses"
    assert change.start is not None and change.start.mention.text == "$42.0 million"
    shares = [c for c in found if isinstance(c, ShareClaim)]
    assert [s.part_figure.mention.text if s.part_figure else None for s in shares] == ["$45.0 million", "$42.0 million"]


@pytest.mark.parametrize(("text", "segment"), [
    pytest.param("The Insurance segment had adjusted operating income of $512 million in 2019.", "~insurance",
                 id="segment-had"),
    pytest.param("Our Wholesale division generated revenue of $80.0 million.", "~wholesale", id="division-generated"),
    pytest.param("In the quarter we generated revenue of $80.0 million.", None, id="no-cue"),
    pytest.param("In municipal water, overall sales were $80.0 million.", "~municipal water", id="leading-topic"),
    pytest.param("In addition, revenue was $80.0 million.", None, id="opener-is-not-a-topic"),
    pytest.param("In Europe, revenue was $80.0 million, and total revenue was $200.0 million.", "~europe",
                 id="topic-names-its-clause-only"),
])
def test_a_segment_cue_names_the_segment(text: str, segment: str | None) -> None:
    """'the X segment had <metric>' and an opening 'In X, <metric> ...' name a segment the vocabulary
    does not know; 'In addition,' does not."""
    value = next(c for c in claims(text) if isinstance(c, ValueClaim))
    assert value.subject.segment == segment


@pytest.mark.parametrize("text", [
    "Debt issuance costs were $13.1 million.",
    "We expect revenue synergies of $50.0 million.",
    "Gross profit per vehicle was $6,335.",
])
def test_a_metric_in_a_compound_noun_is_not_the_metric(text: str) -> None:
    """'debt issuance costs', 'revenue synergies', 'gross profit per vehicle' name other things."""
    assert not [c for c in claims(text) if isinstance(c, ValueClaim)]


def test_an_amount_higher_than_another_is_a_change_by_that_amount() -> None:
    """'was $39.7 million, which is $30.8 million higher than the $8.9 million of last year': a
    change by $30.8 million from $8.9 million to $39.7 million (39.7 - 8.9 = 30.8)."""
    found = claims("Net cash generated this year was $39.7 million, which is $30.8 million higher than the "
                   "$8.9 million of last year.")
    change = next(c for c in found if isinstance(c, ChangeClaim))
    assert change.rate is not None and change.rate.text == "$30.8 million"
    assert change.start is not None and change.start.mention.text == "$8.9 million"
    assert change.end is not None and change.end.mention.text == "$39.7 million"


@pytest.mark.parametrize(("text", "period"), [
    pytest.param("fiscal 2019 third quarter", Period(2019, "Q3"), id="year-first"),
    pytest.param("annual 2019", Period(2019, "FY"), id="annual"),
    pytest.param("the second quarter of fiscal 2023", Period(2023, "Q2"), id="quarter-first"),
])
def test_absolute_periods(text: str, period: Period) -> None:
    assert parse_absolute_period(text) == period


def test_an_amount_higher_than_a_date_is_a_change_not_a_level() -> None:
    """'Net debt was about $173 million higher than at the end of 2018': not net debt of $173 million."""
    found = claims("Net debt was about $173 million higher than at the end of 2018.")
    assert not [c for c in found if isinstance(c, ValueClaim)]
    change = next(c for c in found if isinstance(c, ChangeClaim))
    assert change.rate is not None and change.rate.text == "$173 million"


def test_a_level_before_a_change_noun_with_its_own_rate() -> None:
    """'average loans of $14.9 billion represented a decline of 1%': the rate is 1%, and $14.9 billion
    the level the decline ended at (not a decline of $14.9 billion)."""
    found = claims("Excluding these programs, average loans of $14.9 billion represented a decline of just over 1% "
                   "compared to the first quarter of last year.")
    change = next(c for c in found if isinstance(c, ChangeClaim))
    assert change.rate is not None and change.rate.text == "1%"
    assert change.end is not None and change.end.mention.text == "$14.9 billion"
