"""The connective words of the claim grammar (rules/core/connectives.toml)."""

from __future__ import annotations

import functools
import tomllib
from typing import Any

from auditor.errors import RulePackError
from auditor.resources import rules_dir

KNOWN = ("from", "to", "of", "by", "compare", "share", "respectively", "and", "link", "break", "topic", "compose", "compose_partial", "filler", "period_cue", "margin", "part_of", "retract", "restart", "compound", "segment_cue", "cause", "purpose", "translation", "margin_base", "declaration")


@functools.cache
def _connectives_file() -> dict[str, Any]:
    """rules/core/connectives.toml, parsed once for both functions below."""
    path = rules_dir() / "core" / "connectives.toml"
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RulePackError(f"{path}: cannot read connectives: {exc}") from exc


@functools.cache
def load_connectives() -> dict[str, list[str]]:
    path = rules_dir() / "core" / "connectives.toml"
    data = _connectives_file()
    table = data.get("connectives")
    if not isinstance(table, dict):
        raise RulePackError(f"{path}: missing [connectives] table")
    out: dict[str, list[str]] = {}
    for key, words in table.items():
        if key not in KNOWN:
            raise RulePackError(f"{path}: connectives: unknown key '{key}' (known: {', '.join(KNOWN)})")
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise RulePackError(f"{path}: connectives.{key}: expected a list of strings")
        out[key] = [w.lower() for w in words]
    return out


@functools.cache
def load_currency_names() -> dict[str, list[str]]:
    """Currency code -> words a declaration may use for it ("RMB" -> "renminbi", "yuan")."""
    path = rules_dir() / "core" / "connectives.toml"
    table = _connectives_file().get("currency_names", {})
    if not isinstance(table, dict) or not all(
            isinstance(v, list) and all(isinstance(w, str) for w in v) for v in table.values()):
        raise RulePackError(f"{path}: currency_names: expected lists of words by currency code")
    return {code.upper(): [w.lower() for w in words] for code, words in table.items()}
