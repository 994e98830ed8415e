"""Arithmetic expressions over metric ids: the ``definition`` and ``identity`` language.

``parse_expression("gross_profit / revenue")`` parses with ``grammar/rule_expr.lark``
(LALR, built once) and one Transformer into a small tree of frozen dataclasses.
Nothing here ever calls ``eval``: text that is not in the grammar (``__import__('os')``)
raises :class:`~auditor.errors.RulePackError`.

Every node has ``metrics()`` (the metric ids it reads) and
``evaluate(env) -> Interval`` (interval arithmetic on exact fractions, so the
result contains every pointwise value for values inside the input intervals).
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import TypeAlias

from lark import Lark, Token, Transformer
from lark.exceptions import LarkError, VisitError

from auditor.claims.interval import Interval
from auditor.errors import RulePackError
from auditor.resources import grammar_text
from auditor.vocabulary.ids import MetricId


class Operator(enum.Enum):
    ADD = "+"
    SUB = "-"
    MUL = "*"
    DIV = "/"


class MissingMetricError(KeyError):
    """``evaluate`` needs a metric the environment does not hold."""

    def __init__(self, metric: MetricId) -> None:
        super().__init__(metric)
        self.metric = metric


@dataclass(frozen=True, slots=True)
class Const:
    value: Fraction

    def metrics(self) -> frozenset[MetricId]:
        return frozenset()

    def evaluate(self, env: Mapping[MetricId, Interval]) -> Interval:
        return Interval.point(self.value)

    def __str__(self) -> str:
        return _render_fraction(self.value)


@dataclass(frozen=True, slots=True)
class MetricRef:
    metric: MetricId

    def metrics(self) -> frozenset[MetricId]:
        return frozenset((self.metric,))

    def evaluate(self, env: Mapping[MetricId, Interval]) -> Interval:
        try:
            return env[self.metric]
        except KeyError:
            raise MissingMetricError(self.metric) from None

    def __str__(self) -> str:
        return self.metric


@dataclass(frozen=True, slots=True)
class Negate:
    operand: Expr

    def metrics(self) -> frozenset[MetricId]:
        return self.operand.metrics()

    def evaluate(self, env: Mapping[MetricId, Interval]) -> Interval:
        return -self.operand.evaluate(env)

    def __str__(self) -> str:
        return f"-{_wrap(self.operand)}"


@dataclass(frozen=True, slots=True)
class BinaryOp:
    op: Operator
    left: Expr
    right: Expr

    def metrics(self) -> frozenset[MetricId]:
        return self.left.metrics() | self.right.metrics()

    def evaluate(self, env: Mapping[MetricId, Interval]) -> Interval:
        a, b = self.left.evaluate(env), self.right.evaluate(env)
        match self.op:
            case Operator.ADD:
                return a + b
            case Operator.SUB:
                return a - b
            case Operator.MUL:
                return a * b
            case Operator.DIV:
                return a / b

    def __str__(self) -> str:
        return f"{_wrap(self.left)} {self.op.value} {_wrap(self.right)}"


Expr: TypeAlias = Const | MetricRef | Negate | BinaryOp


def _render_fraction(value: Fraction) -> str:
    """Exact source text for a constant: ``12``, ``0.125``, or ``(1 / 3)`` when no decimal is exact."""
    num, den = value.numerator, value.denominator
    if den == 1:
        return str(num)
    rest = den
    for p in (2, 5):
        while rest % p == 0:
            rest //= p
    if rest != 1:
        return f"({num} / {den})"
    with localcontext() as ctx:
        ctx.prec = 1000
        return format(Decimal(num) / Decimal(den), "f")


def _wrap(expr: Expr) -> str:
    return f"({expr})" if isinstance(expr, BinaryOp) else str(expr)


def sum_of(metrics: tuple[MetricId, ...]) -> Expr:
    """The expression ``a + b + ...`` (left-associative), as the parser would build it."""
    if not metrics:
        return Const(Fraction(0))
    expr: Expr = MetricRef(metrics[0])
    for metric in metrics[1:]:
        expr = BinaryOp(Operator.ADD, expr, MetricRef(metric))
    return expr


def linear_terms(expr: Expr) -> dict[MetricId, Fraction] | None:
    """Coefficients of ``expr`` when it is a sum of metrics times constants, else ``None``.

    ``revenue - cost_of_revenue`` -> ``{revenue: 1, cost_of_revenue: -1}``; the engine
    uses this to solve an identity for one unknown (``part = total - other parts``).
    A constant term makes the expression affine, not linear, and yields ``None``.
    """
    match expr:
        case MetricRef(metric):
            return {metric: Fraction(1)}
        case Negate(operand):
            inner = linear_terms(operand)
            return None if inner is None else {m: -c for m, c in inner.items()}
        case BinaryOp(Operator.ADD | Operator.SUB as op, left, right):
            lt, rt = linear_terms(left), linear_terms(right)
            if lt is None or rt is None:
                return None
            sign = 1 if op is Operator.ADD else -1
            out = dict(lt)
            for m, c in rt.items():
                out[m] = out.get(m, Fraction(0)) + sign * c
            return out
        case BinaryOp(Operator.MUL, Const(k), other) | BinaryOp(Operator.MUL, other, Const(k)):
            inner = linear_terms(other)
            return None if inner is None else {m: k * c for m, c in inner.items()}
        case BinaryOp(Operator.DIV, other, Const(k)) if k != 0:
            inner = linear_terms(other)
            return None if inner is None else {m: c / k for m, c in inner.items()}
        case _:
            return None


class ExprBuilder(Transformer[Token, Expr]):
    """Turns the ``rule_expr.lark`` parse tree into :data:`Expr` nodes (one method per alias)."""

    def const(self, items: list[Token]) -> Expr:
        return Const(Fraction(str(items[0])))

    def metric(self, items: list[Token]) -> Expr:
        return MetricRef(MetricId(str(items[0])))

    def neg(self, items: list[Expr]) -> Expr:
        return Negate(items[0])

    def add(self, items: list[Expr]) -> Expr:
        return BinaryOp(Operator.ADD, items[0], items[1])

    def sub(self, items: list[Expr]) -> Expr:
        return BinaryOp(Operator.SUB, items[0], items[1])

    def mul(self, items: list[Expr]) -> Expr:
        return BinaryOp(Operator.MUL, items[0], items[1])

    def div(self, items: list[Expr]) -> Expr:
        return BinaryOp(Operator.DIV, items[0], items[1])


@functools.cache
def _parser() -> Lark:
    return Lark(grammar_text("rule_expr.lark"), parser="lalr", transformer=ExprBuilder(), cache=True)


def parse_expression(text: str, where: str = "expression") -> Expr:
    """Parse ``text``; ``where`` ("rules/core/metrics.toml: metric 'x' definition") prefixes errors."""
    try:
        tree = _parser().parse(text)
    except (LarkError, VisitError) as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise RulePackError(f"{where}: cannot parse {text!r}: {first_line}") from exc
    if isinstance(tree, (Const, MetricRef, Negate, BinaryOp)):
        return tree
    raise RulePackError(f"{where}: cannot parse {text!r}")  # pragma: no cover - grammar guarantees a node
