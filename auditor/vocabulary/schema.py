"""The shape of a rule pack: which tables and keys a ``.toml`` pack may hold.

A pack is any ``.toml`` file. Top-level arrays of tables:

- ``[[metric]]`` ``id``, ``kind``, ``synonyms``; optional ``abbreviations``
  (matched with their case), ``[[metric.variant]]`` (``synonyms`` with implied
  ``qualifiers`` and/or ``negated = true`` for loss phrases), ``definition``
  (a ``rule_expr.lark`` expression), ``unit_hint``, ``better``, ``basis_invariant``,
  ``description``.
- ``[[extend_metric]]`` ``id`` of an existing metric plus more ``synonyms``,
  ``abbreviations``, ``variant``: how a user pack adds phrases. In a profile pack the
  added phrases apply only to documents the profile matches.
- ``[[qualifier]]`` ``id``, ``axis``, ``synonyms``, optional ``openers`` (sentence-opening words,
  "Excluding ...,", that put the sentence's figures on this basis); ``[[equivalent]]`` ``members``.
- ``[[identity]]`` ``name``, ``total`` and either ``parts`` (a sum) or ``expression``;
  optional ``exhaustive`` (default true).
- ``[[period]]`` ``id``, ``synonyms``; ``[[comparison]]`` ``id``, ``against``,
  ``synonyms``; ``[[direction]]`` ``id``, ``synonyms``; ``[[change]]``
  ``direction``, ``synonyms``. Repeating one of these ids adds synonyms.
- ``[profile]`` (one table) ``id``, ``name``, ``matchers``, optional ``currency``,
  ``default_scale``: makes the file a profile pack; its ``[[segment]]``,
  ``[[breakdown]]`` and ``[[identity]]`` tables apply only where it matches.
- ``[pack]`` optional metadata: ``name``, ``description``.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


class Shape(enum.Enum):
    STR = "a string"
    STR_LIST = "a list of strings"
    BOOL = "true or false"
    TABLE = "a table"
    TABLE_LIST = "an array of tables"


@dataclass(frozen=True, slots=True)
class Key:
    shape: Shape
    required: bool = False


TableSpec = Mapping[str, Key]

VARIANT: TableSpec = {
    "synonyms": Key(Shape.STR_LIST, required=True),
    "qualifiers": Key(Shape.STR_LIST),
    "negated": Key(Shape.BOOL),
}

METRIC: TableSpec = {
    "id": Key(Shape.STR, required=True),
    "kind": Key(Shape.STR, required=True),
    "synonyms": Key(Shape.STR_LIST, required=True),
    "abbreviations": Key(Shape.STR_LIST),
    "variant": Key(Shape.TABLE_LIST),
    "definition": Key(Shape.STR),
    "unit_hint": Key(Shape.STR),
    "better": Key(Shape.STR),
    "basis_invariant": Key(Shape.BOOL),
    "description": Key(Shape.STR),
}

EXTEND_METRIC: TableSpec = {
    "id": Key(Shape.STR, required=True),
    "synonyms": Key(Shape.STR_LIST),
    "abbreviations": Key(Shape.STR_LIST),
    "variant": Key(Shape.TABLE_LIST),
}

QUALIFIER: TableSpec = {
    "id": Key(Shape.STR, required=True),
    "axis": Key(Shape.STR, required=True),
    "synonyms": Key(Shape.STR_LIST, required=True),
    "abbreviations": Key(Shape.STR_LIST),
    "implied": Key(Shape.BOOL),
    "openers": Key(Shape.STR_LIST),
    "description": Key(Shape.STR),
}

EQUIVALENT: TableSpec = {
    "members": Key(Shape.STR_LIST, required=True),
    "description": Key(Shape.STR),
}

IDENTITY: TableSpec = {
    "name": Key(Shape.STR, required=True),
    "total": Key(Shape.STR, required=True),
    "parts": Key(Shape.STR_LIST),
    "expression": Key(Shape.STR),
    "exhaustive": Key(Shape.BOOL),
    "description": Key(Shape.STR),
}

PERIOD: TableSpec = {
    "id": Key(Shape.STR, required=True),
    "synonyms": Key(Shape.STR_LIST, required=True),
    "description": Key(Shape.STR),
}

COMPARISON: TableSpec = {
    "id": Key(Shape.STR, required=True),
    "against": Key(Shape.STR, required=True),
    "synonyms": Key(Shape.STR_LIST, required=True),
    "description": Key(Shape.STR),
}

DIRECTION: TableSpec = {
    "id": Key(Shape.STR, required=True),
    "synonyms": Key(Shape.STR_LIST, required=True),
    "description": Key(Shape.STR),
}

CHANGE: TableSpec = {
    "direction": Key(Shape.STR, required=True),
    "synonyms": Key(Shape.STR_LIST, required=True),
    "description": Key(Shape.STR),
}

PROFILE: TableSpec = {
    "id": Key(Shape.STR, required=True),
    "name": Key(Shape.STR, required=True),
    "matchers": Key(Shape.STR_LIST, required=True),
    "currency": Key(Shape.STR),
    "default_scale": Key(Shape.STR),
    "description": Key(Shape.STR),
}

SEGMENT: TableSpec = {
    "id": Key(Shape.STR, required=True),
    "synonyms": Key(Shape.STR_LIST, required=True),
    "parent": Key(Shape.STR),
    "description": Key(Shape.STR),
}

BREAKDOWN: TableSpec = {
    "name": Key(Shape.STR, required=True),
    "metric": Key(Shape.STR, required=True),
    "parts": Key(Shape.STR_LIST, required=True),
    "whole": Key(Shape.STR),
    "exhaustive": Key(Shape.BOOL),
    "description": Key(Shape.STR),
}

PACK: TableSpec = {
    "name": Key(Shape.STR),
    "description": Key(Shape.STR),
}

TOP_LEVEL: TableSpec = {
    "pack": Key(Shape.TABLE),
    "metric": Key(Shape.TABLE_LIST),
    "extend_metric": Key(Shape.TABLE_LIST),
    "qualifier": Key(Shape.TABLE_LIST),
    "equivalent": Key(Shape.TABLE_LIST),
    "identity": Key(Shape.TABLE_LIST),
    "period": Key(Shape.TABLE_LIST),
    "comparison": Key(Shape.TABLE_LIST),
    "direction": Key(Shape.TABLE_LIST),
    "change": Key(Shape.TABLE_LIST),
    "profile": Key(Shape.TABLE),
    "segment": Key(Shape.TABLE_LIST),
    "breakdown": Key(Shape.TABLE_LIST),
    "connectives": Key(Shape.TABLE),  # claim-grammar function words (auditor/vocabulary/connectives.py)
    "currency_names": Key(Shape.TABLE),  # words for a currency in a declaration (same module)
}

SCALES = ("thousand", "million", "billion")


@dataclass(frozen=True, slots=True)
class PackFile:
    """One pack as read: its display name (used in messages) and its checked TOML data."""

    name: str
    data: dict[str, Any]

    @property
    def is_profile(self) -> bool:
        return "profile" in self.data

    def tables(self, key: str) -> list[dict[str, Any]]:
        value = self.data.get(key, [])
        return value if isinstance(value, list) else []


def label(kind: str, table: Any, index: int) -> str:
    """``metric 'revenue'``, or ``metric #3`` when the table has no id or name."""
    if isinstance(table, dict):
        for key in ("id", "name"):
            if isinstance(table.get(key), str):
                return f"{kind} {table[key]!r}"
    return f"{kind} #{index + 1}"
