"""The bundled rule packs load, resolve phrases, and malformed packs are refused by name."""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import pytest

from auditor.claims.interval import Interval
from auditor.errors import RulePackError
from auditor.vocabulary import (
    MetricId,
    PhraseCategory,
    load_vocabulary,
    normalize_phrase,
)
from auditor.vocabulary.ids import QualifierId
from auditor.vocabulary.model import Direction, MetricKind, PeriodId

PACKS = Path(__file__).resolve().parent.parent / "fixtures" / "packs"
SEED = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seed" / "kingsoft-cloud-2025q2.txt"


def million(low: str, high: str) -> Interval:
    return Interval(Fraction(low), Fraction(high))


# -- the bundled packs ------------------------------------------------------------


def test_bundled_packs_load_with_every_file() -> None:
    """All of rules/core and rules/profiles load; the default vocabulary is cached."""
    vocabulary = load_vocabulary()
    assert vocabulary is load_vocabulary()
    assert set(vocabulary.sources) >= {
        "rules/core/metrics.toml",
        "rules/core/qualifiers.toml",
        "rules/core/identities.toml",
        "rules/core/periods.toml",
        "rules/core/directions.toml",
        "rules/profiles/kingsoft-cloud.toml",
    }
    assert len(vocabulary.metrics) >= 60


def test_every_metric_has_a_phrase_and_a_snake_case_id() -> None:
    """No metric is unreachable from text, and ids are usable in expressions."""
    for metric in load_vocabulary().metrics.values():
        assert metric.synonyms or metric.abbreviations, metric.id
        assert re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", metric.id)


@pytest.mark.parametrize(
    ("phrase", "metric"),
    [
        ("revenues", "revenue"),
        ("Total Revenues", "revenue"),
        ("net sales", "revenue"),
        ("top line", "revenue"),
        ("R&D expenses", "research_and_development"),
        ("research and development expenses", "research_and_development"),
        ("GM", "gross_margin"),
        ("gross profit margin", "gross_margin"),
        ("opex", "operating_expenses"),
        ("selling and marketing expenses", "selling_and_marketing"),
        ("general and administration expenses", "general_and_administrative"),
        ("EBITDA margin", "ebitda_margin"),
        ("cost of sales", "cost_of_revenue"),
        ("capex", "capital_expenditures"),
        ("free cash flow", "free_cash_flow"),
        ("same-store sales", "same_store_sales"),
        ("cash and cash equivalents", "cash_and_cash_equivalents"),
    ],
    ids=lambda value: str(value),
)
def test_synonyms_resolve(phrase: str, metric: str) -> None:
    """Phrases as calls say them resolve to the canonical metric id, any case and hyphenation."""
    term = load_vocabulary().lookup(phrase)
    assert term is not None and term.metric == metric
    assert not term.negated


def test_abbreviation_is_case_sensitive() -> None:
    """"GM" is gross margin; lower-case "gm" is not a metric (it is also a company)."""
    vocabulary = load_vocabulary()
    assert vocabulary.lookup("gm") is None
    assert vocabulary.lookup("a phrase no call uses") is None


@pytest.mark.parametrize(
    ("phrase", "metric"),
    [("operating loss", "operating_income"), ("net loss", "net_income"), ("free cash outflow", "free_cash_flow")],
)
def test_loss_phrases_are_negated_profits(phrase: str, metric: str) -> None:
    """A loss is a negative profit: the phrase names the profit metric with the sign flipped."""
    term = load_vocabulary().lookup(phrase)
    assert term is not None and term.metric == metric and term.negated


def test_variant_implies_qualifier() -> None:
    """"earnings per diluted share" is EPS with the diluted qualifier."""
    term = load_vocabulary().lookup("earnings per diluted share")
    assert term is not None
    assert term.metric == "eps" and term.qualifiers == {QualifierId("diluted")}


def test_adjusted_and_non_gaap_are_interchangeable() -> None:
    """adjusted ~ non-GAAP; GAAP is another basis; an implied qualifier (as reported) drops out."""
    vocabulary = load_vocabulary()
    adjusted, non_gaap, gaap = QualifierId("adjusted"), QualifierId("non_gaap"), QualifierId("gaap")
    assert vocabulary.same_qualifiers({adjusted}, {non_gaap})
    assert not vocabulary.same_qualifiers({adjusted}, {gaap})
    assert not vocabulary.same_qualifiers({adjusted}, set())
    assert vocabulary.same_qualifiers({QualifierId("reported")}, set())


@pytest.mark.parametrize(
    ("phrase", "category", "ident"),
    [
        ("same quarter last year", PhraseCategory.PERIOD, PeriodId.PRIOR_YEAR.value),
        ("last quarter", PhraseCategory.PERIOD, PeriodId.PRIOR_QUARTER.value),
        ("this quarter", PhraseCategory.PERIOD, PeriodId.CURRENT.value),
        ("first half", PhraseCategory.PERIOD, PeriodId.H1.value),
        ("year-to-date", PhraseCategory.PERIOD, PeriodId.YTD.value),
        ("year-over-year", PhraseCategory.COMPARISON, "year_over_year"),
        ("YoY", PhraseCategory.COMPARISON, "year_over_year"),
        ("sequentially", PhraseCategory.COMPARISON, "quarter_over_quarter"),
        ("narrowed", PhraseCategory.DIRECTION, Direction.DOWN.value),
        ("grew", PhraseCategory.DIRECTION, Direction.UP.value),
        ("unchanged", PhraseCategory.DIRECTION, Direction.FLAT.value),
        ("improved", PhraseCategory.DIRECTION, Direction.BETTER.value),
        ("growth", PhraseCategory.CHANGE, Direction.UP.value),
        ("non-GAAP", PhraseCategory.QUALIFIER, "non_gaap"),
    ],
    ids=lambda value: str(value),
)
def test_other_phrase_categories(phrase: str, category: PhraseCategory, ident: str) -> None:
    """Periods, growth bases, directions, change nouns and qualifiers resolve with their category."""
    found = load_vocabulary().find_phrase(phrase)
    assert found is not None and (found.category, found.id) == (category, ident)


def test_comparisons_name_the_period_they_compare_with() -> None:
    """"year over year" compares with the prior year, "sequentially" with the prior quarter."""
    against = {c.id: c.against for c in load_vocabulary().comparisons}
    assert against == {"year_over_year": PeriodId.PRIOR_YEAR, "quarter_over_quarter": PeriodId.PRIOR_QUARTER}


def test_phrases_are_longest_first_and_unique() -> None:
    """The claim grammar's matcher can take phrases in order: longest first, no text twice."""
    phrases = load_vocabulary().phrases()
    lengths = [len(p.text) for p in phrases]
    assert lengths == sorted(lengths, reverse=True)
    keys = [(p.text, p.case_sensitive) for p in phrases]
    assert len(keys) == len(set(keys))
    assert {p.category for p in phrases} >= {
        PhraseCategory.METRIC,
        PhraseCategory.QUALIFIER,
        PhraseCategory.PERIOD,
        PhraseCategory.DIRECTION,
    }
    assert all(p.case_sensitive or p.text == normalize_phrase(p.text) for p in phrases)
    assert not any(p.category is PhraseCategory.SEGMENT for p in phrases)


# -- definitions and identities ---------------------------------------------------


def test_gross_margin_definition_evaluates_on_intervals() -> None:
    """gross_margin = gross_profit / revenue over the stated figures' intervals.

    gross profit "350.6" million -> [350.55, 350.65]; revenue "2,349.2" million -> [2349.15, 2349.25].
    low  = 350.55 / 2349.25 = 0.1492178...  (14.92178%)
    high = 350.65 / 2349.15 = 0.1492667...  (14.92667%)
    so a stated "14.9%" ([14.85, 14.95]) is consistent and "17%" is not.
    """
    definition = load_vocabulary().definitions[MetricId("gross_margin")]
    assert definition.metrics() == {"gross_profit", "revenue"}
    margin = definition.evaluate(
        {MetricId("gross_profit"): million("350.55", "350.65"), MetricId("revenue"): million("2349.15", "2349.25")}
    )
    assert margin == Interval(Fraction("350.55") / Fraction("2349.25"), Fraction("350.65") / Fraction("2349.15"))
    assert margin.low is not None and margin.high is not None
    assert Fraction("0.149217") < margin.low < Fraction("0.149218")
    assert Fraction("0.149266") < margin.high < Fraction("0.149267")
    assert margin.overlaps(Interval(Fraction("0.1485"), Fraction("0.1495")))
    assert not margin.overlaps(Interval(Fraction("0.165"), Fraction("0.175")))


def test_every_ratio_margin_is_defined_over_revenue() -> None:
    """The margins the brief names carry their definitions."""
    definitions = {str(k): str(v) for k, v in load_vocabulary().definitions.items()}
    assert definitions["gross_margin"] == "gross_profit / revenue"
    assert definitions["operating_margin"] == "operating_income / revenue"
    assert definitions["ebitda_margin"] == "ebitda / revenue"
    assert definitions["net_margin"] == "net_income / revenue"
    assert load_vocabulary().metric("gross_margin").kind is MetricKind.RATIO


def test_kingsoft_profile_applies_only_to_kingsoft_documents() -> None:
    """The profile's matchers pick the call; other calls and a bare "Kingsoft" do not match."""
    vocabulary = load_vocabulary()
    assert [p.id for p in vocabulary.profiles_for("Welcome to the KINGSOFT CLOUD second quarter call")] == [
        "kingsoft_cloud"
    ]
    assert vocabulary.profiles_for("Welcome to the Acme second quarter call") == ()
    assert vocabulary.profiles_for("Kingsoft Corporation and Xiaomi") == ()


def test_kingsoft_segments_and_breakdowns() -> None:
    """Revenue = public cloud + enterprise cloud; segment phrases exist only with the profile."""
    vocabulary = load_vocabulary()
    profile = vocabulary.profile("kingsoft_cloud")
    assert profile.currency == "RMB"
    (by_segment,) = [b for b in profile.breakdowns if b.name == "revenue_by_segment"]
    assert by_segment.metric == "revenue" and by_segment.parts == ("public_cloud", "enterprise_cloud")
    found = vocabulary.find_phrase("public cloud services", (profile,))
    assert found is not None and (found.category, found.id) == (PhraseCategory.SEGMENT, "public_cloud")
    assert vocabulary.find_phrase("public cloud services") is None
    texts = [p.text for p in vocabulary.phrases((profile,))]
    assert texts.index("public cloud services") < texts.index("public cloud")


def test_kingsoft_cost_breakdown_adds_up_on_the_seed_figures() -> None:
    """Cost of revenues = IDC + D&A + solution development + fulfillment + other.

    803.1 + 552 + 563.7 + 25.8 + 65.8 = 2,010.4 (each +-0.05, 552 +-0.5): [2009.7, 2011.1] contains 2,010.4.
    """
    vocabulary = load_vocabulary()
    profile = vocabulary.profile("kingsoft_cloud")
    (identity,) = [i for i in vocabulary.identities_for((profile,)) if i.name == "cost_of_revenue_breakdown"]
    env = {
        MetricId("idc_costs"): million("803.05", "803.15"),
        MetricId("depreciation_and_amortization"): million("551.5", "552.5"),
        MetricId("solution_development_costs"): million("563.65", "563.75"),
        MetricId("fulfillment_costs"): million("25.75", "25.85"),
        MetricId("other_costs"): million("65.75", "65.85"),
    }
    assert identity.expression.evaluate(env) == million("2009.7", "2011.1")


def test_profile_tightens_a_core_identity() -> None:
    """Core opex = R&D + S&M + G&A is not exhaustive; the Kingsoft profile makes it exact."""
    vocabulary = load_vocabulary()
    profile = vocabulary.profile("kingsoft_cloud")
    core = {i.name: i for i in vocabulary.identities_for()}
    scoped = {i.name: i for i in vocabulary.identities_for((profile,))}
    assert not core["operating_expenses_breakdown"].exhaustive
    assert scoped["operating_expenses_breakdown"].exhaustive
    coefficients = core["gross_profit"].coefficients()
    assert coefficients == {MetricId("revenue"): Fraction(1), MetricId("cost_of_revenue"): Fraction(-1)}


@pytest.mark.shared
@pytest.mark.skipif(not SEED.is_file(), reason="../shared corpus is absent")
def test_seed_call_mentions_metrics_the_vocabulary_knows() -> None:
    """Metric phrases the Kingsoft Cloud CFO uses all resolve (checked on the real transcript)."""
    text = SEED.read_text(encoding="utf-8")
    vocabulary = load_vocabulary()
    profiles = vocabulary.profiles_for(text)
    assert [p.id for p in profiles] == ["kingsoft_cloud"]
    normalized = f" {normalize_phrase(text)} "
    found = {
        p.id
        for p in vocabulary.phrases(profiles)
        if p.category is PhraseCategory.METRIC and not p.case_sensitive and f" {p.text} " in normalized
    }
    assert found >= {
        "revenue",
        "cost_of_revenue",
        "idc_costs",
        "depreciation_and_amortization",
        "solution_development_costs",
        "gross_profit",
        "gross_margin",
        "operating_expenses",
        "selling_and_marketing",
        "general_and_administrative",
        "operating_income",
        "ebitda",
        "ebitda_margin",
        "cash_and_cash_equivalents",
        "capital_expenditures",
    }


# -- malformed packs --------------------------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("unknown_key.toml", r"unknown_key\.toml: metric 'widgets_sold': unknown key 'synonym'"),
        ("unknown_table.toml", r"unknown_table\.toml: unknown key 'metrics'"),
        (
            "unknown_metric_in_identity.toml",
            r"unknown_metric_in_identity\.toml: identity 'widget_costs' parts: unknown metric 'widget_costs_total'",
        ),
        (
            "unknown_metric_in_definition.toml",
            r"unknown_metric_in_definition\.toml: metric 'widget_margin' definition: unknown metric 'widget_profit'",
        ),
        ("duplicate_id.toml", r"duplicate_id\.toml: metric 'widgets_sold' defined twice"),
        (
            "duplicate_synonym.toml",
            r"duplicate_synonym\.toml: metric 'widget_revenue': synonym 'widgets' already names metric 'widgets_sold'",
        ),
        (
            "clash_with_core.toml",
            (r"clash_with_core\.toml: metric 'widget_revenue': synonym 'revenues' already names metric 'revenue' "
            r"in rules/core/metrics\.toml"),
        ),
        ("bad_expression.toml", r"bad_expression\.toml: metric 'widget_margin' definition: cannot parse"),
        ("bad_kind.toml", r"bad_kind\.toml: metric 'widgets_sold': kind 'widgets' is not one of"),
        ("segment_without_profile.toml", r"segment_without_profile\.toml: \[\[segment\]\] needs a \[profile\]"),
        ("not_toml.toml", r"not_toml\.toml: not valid TOML"),
        (
            "circular_definition.toml",
            (
                r"circular_definition\.toml: metric 'widget_\w+' definition: circular "
                r"\(widget_margin -> widget_profit -> widget_margin\)"
            ),
        ),
    ],
    ids=lambda value: str(value).split(".")[0] if str(value).endswith(".toml") else "",
)
def test_malformed_pack_is_refused_naming_file_and_key(fixture: str, message: str) -> None:
    """Each malformed pack raises RulePackError whose message names the file and the key."""
    with pytest.raises(RulePackError, match=message):
        load_vocabulary([PACKS / "bad" / fixture])


def test_missing_rules_path_is_an_error() -> None:
    """--rules pointing nowhere is refused, naming the path."""
    with pytest.raises(RulePackError, match="no-such-pack.toml: no such rule pack"):
        load_vocabulary([PACKS / "no-such-pack.toml"])


def test_rule_pack_error_is_a_value_error() -> None:
    """Callers catching ValueError still see pack errors (errors.py contract)."""
    with pytest.raises(ValueError):
        load_vocabulary([PACKS / "bad" / "duplicate_id.toml"])


# -- user packs -------------------------------------------------------------------


def test_user_pack_adds_metric_synonym_and_identity() -> None:
    """A user pack loads after the bundled ones and may add metrics, synonyms and identities."""
    vocabulary = load_vocabulary([PACKS / "user" / "widgets.toml"])
    term = vocabulary.lookup("Widget Shipments")
    assert term is not None and term.metric == "widgets_sold"
    gross_receipts = vocabulary.lookup("gross receipts")
    assert gross_receipts is not None and gross_receipts.metric == "revenue"
    assert "gross receipts" in vocabulary.metric("revenue").synonyms
    assert "widget_revenue_within_revenue" in {i.name for i in vocabulary.identities}
    per_widget = vocabulary.definitions[MetricId("revenue_per_widget")]
    # 120 / [9.5, 10.5] = [11.428..., 12.631...]
    value = per_widget.evaluate(
        {MetricId("widget_revenue"): Interval.point(120), MetricId("widgets_sold"): million("9.5", "10.5")}
    )
    assert value == Interval(Fraction(120) / Fraction("10.5"), Fraction(120) / Fraction("9.5"))
    period = vocabulary.find_phrase("the widget quarter")
    assert period is not None and (period.category, period.id) == (PhraseCategory.PERIOD, "current")
    assert "this quarter" in {s for p in vocabulary.periods if p.id is PeriodId.CURRENT for s in p.synonyms}
    direction = vocabulary.find_phrase("went widgety")
    assert direction is not None and direction.id == Direction.UP.value
    # the bundled vocabulary is untouched
    assert load_vocabulary().lookup("widget shipments") is None
    assert load_vocabulary().find_phrase("the widget quarter") is None


def test_user_folder_adds_a_profile() -> None:
    """A folder of packs loads every .toml; a user profile scopes its segments and synonyms."""
    vocabulary = load_vocabulary([PACKS / "user"])
    (profile,) = vocabulary.profiles_for("Thank you for joining the Acme Widgets call.")
    assert profile.id == "acme_widgets" and profile.currency == "USD"
    assert [b.parts for b in profile.breakdowns] == [("gadgets", "gizmos")]
    assert vocabulary.lookup("acme revenue") is None
    term = vocabulary.lookup("acme revenue", (profile,))
    assert term is not None and term.metric == "revenue"


def test_readme_example_pack_loads(tmp_path: Path) -> None:
    """The TOML examples in rules/README.md are valid packs (the documentation cannot rot)."""
    readme = Path(__file__).resolve().parents[2] / "rules" / "README.md"
    blocks = re.findall(r"```toml\n(.*?)```", readme.read_text(encoding="utf-8"), re.DOTALL)
    assert len(blocks) == 2
    metric_pack, profile_pack = tmp_path / "widgets.toml", tmp_path / "acme.toml"
    metric_pack.write_text(
        blocks[0] + '\n[[metric]]\nid = "widget_revenue"\nkind = "amount"\nsynonyms = ["widget revenue"]\n',
        encoding="utf-8",
    )
    profile_pack.write_text(blocks[1], encoding="utf-8")
    vocabulary = load_vocabulary([tmp_path])
    assert vocabulary.find_metric("revenue_per_widget") is not None
    assert [p.id for p in vocabulary.profiles_for("the Acme Widgets call")] == ["acme_widgets"]


@pytest.mark.parametrize(
    ("direction", "phrase", "expected"),
    [
        (Direction.BETTER, "gross margin", Direction.UP),
        (Direction.BETTER, "operating expenses", Direction.DOWN),
        (Direction.BETTER, "operating loss", Direction.DOWN),
        (Direction.WORSE, "operating loss", Direction.UP),
        (Direction.WORSE, "revenue", Direction.DOWN),
        (Direction.DOWN, "operating loss", Direction.DOWN),
    ],
    ids=lambda value: getattr(value, "value", str(value)),
)
def test_better_and_worse_resolve_per_metric(direction: Direction, phrase: str, expected: Direction) -> None:
    """"improved" means up for a margin, down for a cost, and a smaller magnitude for a loss."""
    vocabulary = load_vocabulary()
    term = vocabulary.lookup(phrase)
    assert term is not None
    assert vocabulary.resolve_direction(direction, term) is expected


def test_vocabulary_and_profiles_can_key_a_cache() -> None:
    """Vocabulary and Profile hash by identity (they hold mappings), so functools.cache accepts them."""
    vocabulary = load_vocabulary()
    profile = vocabulary.profile("kingsoft_cloud")
    assert {vocabulary: 1}[vocabulary] == 1
    assert {(vocabulary, (profile,)): 1}[(load_vocabulary(), (vocabulary.profile("kingsoft_cloud"),))] == 1
