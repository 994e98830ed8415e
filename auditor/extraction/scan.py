"""The numeric-mention scan (placeholder until grammar/numbers.lark lands)."""

from __future__ import annotations

from auditor.claims.mention import Mention


def scan_text(text: str) -> list[Mention]:
    """Every numeric mention in ``text``, in order of position."""
    return []
