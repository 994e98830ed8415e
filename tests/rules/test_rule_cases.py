"""Every case in tests/rules/AUDxxx.toml: the rule fails where it should, passes where it should."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tests.support.audit import audit_text, first_number, severe

HERE = Path(__file__).parent


def cases() -> list[pytest.param]:
    out = []
    for path in sorted(HERE.glob("AUD*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for case in data["case"]:
            out.append(pytest.param(data["rule"], case, id=f"{data['rule']}-{case['id']}"))
    return out


# Cases the engine does not handle yet, each with the reason; strict xfail, so a case
# that starts passing must leave this list (see the issue notes).
KNOWN_GAPS: dict[str, str] = {
    "AUD001-percent-and-percent-then-from": "the scan reads '10% and 1% to' as two figures",
    "AUD101-segments-short-of-total": "'included' lists are not taken as complete breakdowns",
    "AUD101-region-blamed-by-its-growth": "regions without a metric word are not subjects",
    "AUD102-prior-period-in-another-sentence": "without the call's own quarter, 'Q3 2024' is not known to be a year earlier",
    "AUD104-or-percent-of-the-total": "'or 23% of the total' does not name its whole",
    "AUD105-times-the-level-wrong": "counts ('paying members') are not metrics with values",
    "AUD201-growth-ceo-vs-cfo": "restated growth rates are not compared",
    "AUD201-million-for-billion": "'orders' is not a synonym of order intake",
    "AUD203-dollar-in-rmb-opex-sum": "'marketing' alone is not read as selling and marketing",
}


@pytest.mark.parametrize(("rule", "case"), cases())
def test_rule_case(rule: str, case: dict, request: pytest.FixtureRequest) -> None:
    """A failing case yields a finding of its rule (on the blamed figure, with the suggestion);
    a passing case yields no warning or error of that rule."""
    gap = KNOWN_GAPS.get(f"{rule}-{case['id']}")
    if gap is not None:
        request.applymarker(pytest.mark.xfail(reason=gap, strict=True))
    findings = [f for f in severe(audit_text(case["text"])) if f.rule == rule]
    if case["expect"] == "pass":
        assert findings == [], [f.message for f in findings]
        return
    assert findings, f"{rule} did not fire on: {case['text']}"
    if "blame" in case:
        assert any(case["blame"] in f.location.text or f.location.text in case["blame"] for f in findings), \
            [(f.location.text, f.message) for f in findings]
    if "suggest" in case:
        wanted = first_number(case["suggest"])
        got = [first_number(f.suggestion.replacement) for f in findings if f.suggestion]
        assert wanted in got, (case["suggest"], [f.suggestion for f in findings])
