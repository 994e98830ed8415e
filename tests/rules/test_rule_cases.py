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


KNOWN_GAPS: set[str] = set()


@pytest.mark.parametrize(("rule", "case"), cases())
def test_rule_case(rule: str, case: dict) -> None:
    """A failing case yields a finding of its rule (on the blamed figure, with the suggestion);
    a passing case yields no warning or error of that rule."""
    if f"{rule}-{case['id']}" in KNOWN_GAPS:
        pytest.xfail("known gap, listed in KNOWN_GAPS")
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
