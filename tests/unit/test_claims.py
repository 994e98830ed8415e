"""Claim extraction: clause codes, subjects, periods, and the claims built from them."""

from __future__ import annotations

import pytest

from auditor.claims.claim import ChangeClaim, ShareClaim, SumClaim, ValueClaim
from auditor.claims.period import Period
from auditor.engine.check import _lexicon
from auditor.extraction.claim_tokens import sentence_spans, tokenize_sentence, without_retracted
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
