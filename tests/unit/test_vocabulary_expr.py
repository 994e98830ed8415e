"""The rule expression language: parsing, safety, and interval evaluation."""

from __future__ import annotations

import builtins
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.claims.interval import Interval
from auditor.errors import RulePackError
from auditor.vocabulary.expr import (
    BinaryOp,
    Const,
    Expr,
    MetricRef,
    MissingMetricError,
    Negate,
    Operator,
    linear_terms,
    parse_expression,
)
from auditor.vocabulary.ids import MetricId

A, B, C = MetricId("a"), MetricId("b"), MetricId("c")


def test_precedence_and_associativity() -> None:
    """* binds tighter than +, and - is left-associative: a - b - c = (a - b) - c."""
    assert parse_expression("a + b * c") == BinaryOp(Operator.ADD, MetricRef(A), BinaryOp(Operator.MUL, MetricRef(B), MetricRef(C)))
    assert parse_expression("a - b - c") == BinaryOp(
        Operator.SUB, BinaryOp(Operator.SUB, MetricRef(A), MetricRef(B)), MetricRef(C)
    )
    assert parse_expression("-(a + 0.5)") == Negate(BinaryOp(Operator.ADD, MetricRef(A), Const(Fraction(1, 2))))


def test_constants_are_exact_fractions() -> None:
    """0.1 is 1/10 exactly, never a binary float."""
    assert parse_expression("0.1") == Const(Fraction(1, 10))


def test_metrics_lists_every_metric_read() -> None:
    """metrics() is the set of metric ids an expression needs."""
    assert parse_expression("(a + b) / (a - 2 * c)").metrics() == {A, B, C}


@pytest.mark.parametrize(
    "text",
    [
        "__import__('os')",
        "__import__('os').system('true')",
        "a.b",
        "open('x')",
        "a ** 2",
        "a // b",
        "lambda: 1",
        "[a]",
        "a;b",
        "Revenue",
        "",
        "a +",
    ],
)
def test_parser_refuses_anything_outside_the_grammar(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Calls, attributes, strings, powers and capitals are refused, and eval is never called."""

    def no_eval(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("eval/exec called")

    monkeypatch.setattr(builtins, "eval", no_eval)
    monkeypatch.setattr(builtins, "exec", no_eval)
    with pytest.raises(RulePackError, match="cannot parse"):
        parse_expression(text, "pack.toml: metric 'x' definition")


def test_parse_error_names_where() -> None:
    """The caller's location prefixes the message."""
    with pytest.raises(RulePackError, match=r"^rules/x\.toml: identity 'y' expression: cannot parse"):
        parse_expression("a +* b", "rules/x.toml: identity 'y' expression")


def test_evaluate_reports_the_missing_metric() -> None:
    """Evaluating without a needed metric names it."""
    with pytest.raises(MissingMetricError) as info:
        parse_expression("a + b").evaluate({A: Interval.point(1)})
    assert info.value.metric == "b"


def test_division_by_an_interval_around_zero_is_unbounded() -> None:
    """a / b with b straddling zero can be anything: the result is unbounded, not an error."""
    result = parse_expression("a / b").evaluate({A: Interval.point(1), B: Interval(Fraction(-1), Fraction(1))})
    assert result == Interval.unbounded()


def test_linear_terms() -> None:
    """Sums and differences with constant factors are linear; products of metrics are not."""
    expected = {A: Fraction(1), B: Fraction(-2), C: Fraction(1, 4)}
    assert linear_terms(parse_expression("a - 2 * b + c / 4")) == expected
    assert linear_terms(parse_expression("a - a")) == {A: Fraction(0)}
    assert linear_terms(parse_expression("a * b")) is None
    assert linear_terms(parse_expression("a + 1")) is None


# -- properties -------------------------------------------------------------------

METRICS = (A, B, C)
fractions = st.fractions(min_value=-1000, max_value=1000, max_denominator=1000)
unit = st.fractions(min_value=0, max_value=1, max_denominator=100)


def expressions() -> st.SearchStrategy[Expr]:
    leaves: st.SearchStrategy[Expr] = st.one_of(
        st.sampled_from([MetricRef(m) for m in METRICS]),
        st.builds(Const, st.fractions(min_value=-50, max_value=50, max_denominator=20)),
    )

    def extend(children: st.SearchStrategy[Expr]) -> st.SearchStrategy[Expr]:
        return st.one_of(
            st.builds(BinaryOp, st.sampled_from([Operator.ADD, Operator.SUB, Operator.MUL]), children, children),
            st.builds(Negate, children),
        )

    return st.recursive(leaves, extend, max_leaves=8)


@st.composite
def intervals(draw: st.DrawFn) -> Interval:
    a, b = draw(fractions), draw(fractions)
    return Interval(min(a, b), max(a, b))


def pointwise(expr: Expr, point: Mapping[MetricId, Fraction]) -> Fraction:
    """Independent exact evaluator at one point (the oracle the property checks against)."""
    ops: dict[Operator, Callable[[Fraction, Fraction], Fraction]] = {
        Operator.ADD: lambda x, y: x + y,
        Operator.SUB: lambda x, y: x - y,
        Operator.MUL: lambda x, y: x * y,
        Operator.DIV: lambda x, y: x / y,
    }
    match expr:
        case Const(value):
            return value
        case MetricRef(metric):
            return point[metric]
        case Negate(operand):
            return -pointwise(operand, point)
        case BinaryOp(op, left, right):
            return ops[op](pointwise(left, point), pointwise(right, point))
    raise AssertionError(expr)  # pragma: no cover


@settings(max_examples=300, deadline=None)
@given(expr=expressions(), boxes=st.tuples(intervals(), intervals(), intervals()), where=st.tuples(unit, unit, unit))
def test_evaluate_contains_every_pointwise_result(
    expr: Expr, boxes: tuple[Interval, Interval, Interval], where: tuple[Fraction, Fraction, Fraction]
) -> None:
    """For any +,-,* expression, evaluate() over intervals contains the value at any point inside them."""
    env = dict(zip(METRICS, boxes))
    point = {}
    for metric, box, t in zip(METRICS, boxes, where):
        assert box.low is not None and box.high is not None
        point[metric] = box.low + t * (box.high - box.low)
    assert expr.evaluate(env).contains(pointwise(expr, point))


@settings(max_examples=200, deadline=None)
@given(expr=expressions())
def test_rendering_reparses_to_the_same_value(expr: Expr) -> None:
    """str(expr) is valid rule_expr syntax with the same meaning (checked at a fixed point)."""
    point = {A: Fraction(3, 7), B: Fraction(-5, 2), C: Fraction(11)}
    reparsed = parse_expression(str(expr))
    assert reparsed.metrics() == expr.metrics()
    assert pointwise(reparsed, point) == pointwise(expr, point)
