"""The Rule base class: a code, a stable name, a severity, and a docstring with examples."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from auditor.claims.span import Span
from auditor.engine.severity import Severity

if TYPE_CHECKING:
    from auditor.engine.facts import FactBase
    from auditor.engine.relation import Relation


class Rule:
    """Base of every rule. Subclasses set ``code``, ``name``, ``severity`` and a docstring
    whose summary line documents the rule and whose ``Fails:`` / ``Passes:`` blocks give
    one failing and one passing example (a test runs both)."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    checks_claims: ClassVar[bool] = False  # one relation per change or share claim it can check

    def relations(self, facts: FactBase) -> Iterator[Relation]:
        """Every relation of this kind the document states (passed, failed or not)."""
        return iter(())

    def unverifiable(self, facts: FactBase) -> int:
        """How many claims of this kind could not be checked (a figure they need is missing)."""
        return 0

    @classmethod
    def summary(cls) -> str:
        return (cls.__doc__ or "").strip().splitlines()[0]

    @classmethod
    def example(cls, label: str) -> str:
        """The example under ``Fails:`` or ``Passes:`` in the docstring."""
        lines = (cls.__doc__ or "").splitlines()
        out: list[str] = []
        taking = False
        for line in lines:
            stripped = line.strip()
            if stripped.endswith(":") and stripped[:-1] in ("Fails", "Passes"):
                taking = stripped[:-1] == label
                continue
            if taking:
                if not stripped:
                    if out:
                        break
                    continue
                out.append(stripped)
        return " ".join(out)


class FigureRule(Rule):
    """A rule about single figures rather than relations (garbled, missing scale, currency)."""

    def flags(self, facts: FactBase, passed: Sequence[Relation]) -> Iterator[Flag]:
        return iter(())


@dataclass(frozen=True, slots=True)
class Flag:
    """A figure-level failure: the figure, what is wrong, and a correction when known."""

    rule: Rule
    span: Span
    message: str
    related: tuple[Span, ...] = ()
    replacement: str | None = None
    reason: str | None = None
    severity: Severity | None = None  # when not the rule's own
