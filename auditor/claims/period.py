"""Periods: what a figure's "this quarter" or "Q2 2024" means for one document.

A document has its own period (the quarter the call reports on, read from its
opening, e.g. "second quarter 2025"); relative phrases resolve against it. When
the document's period is unknown, relative periods still resolve consistently
against a symbolic year 0, so "this quarter" and "the same quarter last year"
remain distinct and comparable within the document.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """A fiscal period: ``part`` is ``Q1``..``Q4``, ``H1``, ``H2``, ``9M``, ``FY`` or ``YTD``."""

    year: int
    part: str

    @property
    def quarter(self) -> int | None:
        return int(self.part[1]) if self.part.startswith("Q") else None

    @property
    def length(self) -> str:
        """How long the period is: "Q" for any quarter, else the part ("FY", "H1", "9M").
        A change runs between periods of one length: a quarter against a full year is none."""
        if self.part.startswith("Q"):
            return "Q"
        part = self.part.removesuffix("+1").removesuffix("-1")  # a shifted half ("H1-1") is a half
        return "H" if part in ("H1", "H2") else part

    def shift_years(self, years: int) -> Period:
        return Period(self.year + years, self.part)

    def previous_quarter(self) -> Period:
        q = self.quarter
        if q is None:
            return Period(self.year, self.part + "-1")
        return Period(self.year - 1, "Q4") if q == 1 else Period(self.year, f"Q{q - 1}")

    def next_quarter(self) -> Period:
        q = self.quarter
        if q is None:
            return Period(self.year, self.part + "+1")
        return Period(self.year + 1, "Q1") if q == 4 else Period(self.year, f"Q{q + 1}")

    def __str__(self) -> str:
        if self.year > 1000:
            return f"{self.part} {self.year}"
        if self.part == "Q0":
            return "the call's period" if self.year == 0 else f"the call's period {self.year:+d} year"
        return f"{self.part} of the call's year" + (f" {self.year:+d}" if self.year else "")


UNKNOWN_CURRENT = Period(0, "Q0")


def relative_period(current: Period, relation: str) -> Period:
    """Resolve a relative period id from rules/core/periods.toml against ``current``."""
    if relation == "current":
        return current
    if relation == "prior_year":
        return current.shift_years(-1)
    if relation == "prior_quarter":
        return current.previous_quarter()
    if relation == "next_quarter":
        return current.next_quarter()
    if relation == "current_year":
        return Period(current.year, "FY")
    if relation == "next_year":
        return Period(current.year + 1, "FY")
    part = {"q1": "Q1", "q2": "Q2", "q3": "Q3", "q4": "Q4", "h1": "H1", "h2": "H2",
            "nine_months": "9M", "full_year": "FY", "ytd": "YTD"}.get(relation)
    if part is not None:
        return Period(current.year, part)
    raise ValueError(f"unknown period id {relation!r}")
