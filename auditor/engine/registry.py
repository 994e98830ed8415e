"""Every rule, in one explicit tuple (codes: 0xx input, 1xx arithmetic, 2xx consistency)."""

from __future__ import annotations

from auditor.engine.arithmetic import (
    DifferenceMismatch,
    GrowthMismatch,
    MultipleMismatch,
    PointsChangeMismatch,
    RatioMismatch,
    ShareMismatch,
    SumMismatch,
)
from auditor.engine.consistency import DirectionMismatch, RestatementMismatch
from auditor.engine.figure_rules import CurrencyMismatch, GarbledFigure, MissingScale
from auditor.engine.rule import FigureRule, Rule

RULES: tuple[type[Rule], ...] = (
    GarbledFigure,
    MissingScale,
    SumMismatch,
    GrowthMismatch,
    RatioMismatch,
    ShareMismatch,
    MultipleMismatch,
    PointsChangeMismatch,
    DifferenceMismatch,
    RestatementMismatch,
    DirectionMismatch,
    CurrencyMismatch,
)


def relation_rules() -> tuple[Rule, ...]:
    return tuple(cls() for cls in RULES if not issubclass(cls, FigureRule))


def figure_rules() -> tuple[FigureRule, ...]:
    return tuple(cls() for cls in RULES if issubclass(cls, FigureRule))


def rule_by_code(code: str) -> type[Rule]:
    for cls in RULES:
        if cls.code == code:
            return cls
    raise KeyError(code)
