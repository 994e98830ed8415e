"""The rule registry: well-formed codes and names, documented rules, and docstring examples that behave."""

from __future__ import annotations

import re

import pytest

from auditor.engine.registry import RULES, figure_rules, relation_rules, rule_by_code
from auditor.engine.rule import FigureRule, Rule
from auditor.engine.severity import Severity
from tests.support.audit import audit_text, severe

BY_NAME = [pytest.param(cls, id=f"{cls.code}-{cls.name}") for cls in RULES]


def test_codes_are_unique() -> None:
    """No two rules share a code."""
    codes = [cls.code for cls in RULES]
    assert len(codes) == len(set(codes)), codes


def test_names_are_unique() -> None:
    """No two rules share a name (names are part of the JSON contract)."""
    names = [cls.name for cls in RULES]
    assert len(names) == len(set(names)), names


def test_classes_are_listed_once() -> None:
    """The registry tuple lists each class once."""
    assert len(RULES) == len(set(RULES))


@pytest.mark.parametrize("cls", BY_NAME)
def test_code_is_aud_and_three_digits(cls: type[Rule]) -> None:
    """A code is AUD plus three digits, set on the class itself (never derived)."""
    assert "code" in vars(cls), f"{cls.__name__} inherits its code"
    assert re.fullmatch(r"AUD\d{3}", cls.code), cls.code


@pytest.mark.parametrize("cls", BY_NAME)
def test_name_is_kebab_case(cls: type[Rule]) -> None:
    """A name is lower-case words joined by single hyphens."""
    assert re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", cls.name), cls.name


@pytest.mark.parametrize("cls", BY_NAME)
def test_severity_is_set(cls: type[Rule]) -> None:
    """Every rule declares one of the three severities."""
    assert isinstance(cls.severity, Severity)


@pytest.mark.parametrize("cls", BY_NAME)
def test_docstring_has_summary_and_examples(cls: type[Rule]) -> None:
    """The docstring opens with a one-line summary and gives a Fails: and a Passes: example."""
    doc = vars(cls).get("__doc__") or ""
    assert doc.strip(), f"{cls.__name__} has no docstring of its own"
    summary = cls.summary()
    assert summary and summary != Rule.summary() and summary[0].isupper() and summary.rstrip().endswith((".", ")"))
    assert cls.example("Fails").strip(), "no Fails: example"
    assert cls.example("Passes").strip(), "no Passes: example"
    assert cls.example("Fails") != cls.example("Passes")


def test_lookup_by_code_and_split_by_kind() -> None:
    """rule_by_code finds each rule; figure and relation rules partition the registry."""
    for cls in RULES:
        assert rule_by_code(cls.code) is cls
    with pytest.raises(KeyError):
        rule_by_code("AUD999")
    figure = {type(r) for r in figure_rules()}
    relation = {type(r) for r in relation_rules()}
    assert figure.isdisjoint(relation)
    assert figure | relation == set(RULES)
    assert all(issubclass(cls, FigureRule) for cls in figure)


@pytest.mark.parametrize("cls", BY_NAME)
def test_fails_example_yields_a_finding_of_its_rule(cls: type[Rule]) -> None:
    """The docstring's Fails: example raises a warning or error of that very rule."""
    text = cls.example("Fails")
    own = [f for f in severe(audit_text(text)) if f.rule == cls.code]
    assert own, f"{cls.code} did not fire on its own Fails: example: {text!r}"
    assert all(f.name == cls.name and f.severity == cls.severity for f in own)


@pytest.mark.parametrize("cls", BY_NAME)
def test_passes_example_yields_no_finding_of_its_rule(cls: type[Rule]) -> None:
    """The docstring's Passes: example raises nothing of that rule."""
    text = cls.example("Passes")
    own = [f for f in audit_text(text) if f.rule == cls.code]
    assert own == [], [f.message for f in own]
