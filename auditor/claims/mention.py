"""Mentions: the numeric expressions the scan finds, typed and valued."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from fractions import Fraction

from auditor.claims.interval import Interval
from auditor.claims.span import Span


class Kind(enum.Enum):
    """What a mention measures (the ``kind`` field of the scan JSON contract)."""

    MONEY = "money"
    PERCENT = "percent"
    PERCENTAGE_POINTS = "percentage_points"
    BASIS_POINTS = "basis_points"
    MULTIPLE = "multiple"
    COUNT = "count"
    PER_SHARE = "per_share"


class Qualifier(enum.Enum):
    """Hedges that widen or open a stated figure's interval."""

    ABOUT = "about"          # about, approximately, around, roughly, close to, some
    OVER = "over"            # over, more than, above, in excess of
    UNDER = "under"          # under, less than, below
    AT_LEAST = "at_least"    # at least
    UP_TO = "up_to"          # up to, at most
    NEARLY = "nearly"        # nearly, almost, just under


@dataclass(frozen=True, slots=True)
class Mention:
    """One numeric expression in a document.

    ``value`` and ``interval`` are in base units: currency units for money
    (22700000 for "$22.7 million"), the number before the sign for percent,
    basis points for basis points, the factor for multiples. ``number``,
    ``decimals`` and ``scale`` keep the figure as stated so that a correction
    can be written back in the same style. ``interval`` is the stated precision
    widened or opened by the qualifier; for a range it spans both ends.
    """

    span: Span
    kind: Kind
    value: Fraction
    interval: Interval
    number: Fraction
    decimals: int
    scale: int = 1
    currency: str | None = None
    qualifier: Qualifier | None = None
    spoken: bool = False
    is_range: bool = False
    garbled: bool = False
    note: str | None = None

    @property
    def text(self) -> str:
        return self.span.text

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end
