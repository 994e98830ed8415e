"""Load and check rule packs (``rules/**/*.toml`` and user ``--rules`` packs).

``load_vocabulary()`` reads the bundled packs (``rules/core/`` then
``rules/profiles/``) once and caches the result; ``load_vocabulary([path, ...])``
reads the bundled packs and then the user's (a file, or every ``.toml`` under a
folder) into a fresh vocabulary. Every pack is checked: unknown tables or keys,
wrong value types, unknown enum values, duplicate ids, one phrase naming two things,
unknown metric/qualifier/segment ids, expressions outside ``grammar/rule_expr.lark``.
A problem raises :class:`~auditor.errors.RulePackError` naming the file and the key
(``rules/core/metrics.toml: metric 'revenue' defined twice``).
"""

from __future__ import annotations

import functools
import logging
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from auditor.errors import RulePackError
from auditor.resources import rules_dir
from auditor.vocabulary import schema
from auditor.vocabulary.build import build_vocabulary
from auditor.vocabulary.model import Vocabulary
from auditor.vocabulary.schema import Key, PackFile, Shape, TableSpec, label

log = logging.getLogger(__name__)


# -- reading --------------------------------------------------------------------


def read_pack(path: Path, name: str | None = None) -> PackFile:
    """Read one pack and check its shape (tables, keys, value types)."""
    shown = name if name is not None else str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulePackError(f"{shown}: cannot read rule pack: {exc}") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RulePackError(f"{shown}: not valid TOML: {exc}") from exc
    check_shape(data, schema.TOP_LEVEL, shown, "")
    nested: dict[str, TableSpec] = {
        "metric": schema.METRIC,
        "extend_metric": schema.EXTEND_METRIC,
        "qualifier": schema.QUALIFIER,
        "equivalent": schema.EQUIVALENT,
        "identity": schema.IDENTITY,
        "period": schema.PERIOD,
        "comparison": schema.COMPARISON,
        "direction": schema.DIRECTION,
        "change": schema.CHANGE,
        "segment": schema.SEGMENT,
        "breakdown": schema.BREAKDOWN,
    }
    for key, spec in nested.items():
        for index, table in enumerate(data.get(key, [])):
            where = label(key, table, index)
            check_shape(table, spec, shown, where)
            for v_index, variant in enumerate(table.get("variant", [])):
                check_shape(variant, schema.VARIANT, shown, f"{where} variant #{v_index + 1}")
    if "profile" in data:
        check_shape(data["profile"], schema.PROFILE, shown, "[profile]")
    if "pack" in data:
        check_shape(data["pack"], schema.PACK, shown, "[pack]")
    for key in ("segment", "breakdown"):
        if data.get(key) and "profile" not in data:
            raise RulePackError(f"{shown}: [[{key}]] needs a [profile] table in the same file")
    return PackFile(shown, data)


def check_shape(table: Any, spec: TableSpec, file: str, where: str) -> None:
    prefix = f"{file}: {where}: " if where else f"{file}: "
    if not isinstance(table, dict):
        raise RulePackError(f"{prefix}expected a table")
    for key, value in table.items():
        if key not in spec:
            allowed = ", ".join(sorted(spec))
            raise RulePackError(f"{prefix}unknown key {key!r} (allowed: {allowed})")
        if not _has_shape(value, spec[key]):
            raise RulePackError(f"{prefix}key {key!r} must be {spec[key].shape.value}")
    for key, entry in spec.items():
        if entry.required and key not in table:
            raise RulePackError(f"{prefix}missing key {key!r}")


def _has_shape(value: Any, key: Key) -> bool:
    match key.shape:
        case Shape.STR:
            return isinstance(value, str)
        case Shape.STR_LIST:
            return isinstance(value, list) and all(isinstance(v, str) for v in value)
        case Shape.BOOL:
            return isinstance(value, bool)
        case Shape.TABLE:
            return isinstance(value, dict)
        case Shape.TABLE_LIST:
            return isinstance(value, list) and all(isinstance(v, dict) for v in value)


# -- finding packs --------------------------------------------------------------


def bundled_pack_paths() -> tuple[Path, ...]:
    """The bundled packs in load order: ``core/``, then ``profiles/``, then any other folder."""
    root = rules_dir()
    core = sorted(root.glob("core/*.toml"))
    profiles = sorted(root.glob("profiles/*.toml"))
    seen = set(core) | set(profiles)
    rest = sorted(p for p in root.rglob("*.toml") if p not in seen)
    return (*core, *profiles, *rest)


def user_pack_paths(path: Path) -> tuple[Path, ...]:
    """A ``--rules`` argument: one file, or every ``.toml`` under a folder (sorted)."""
    if path.is_dir():
        found = tuple(sorted(path.rglob("*.toml")))
        if not found:
            raise RulePackError(f"{path}: no .toml rule packs in this folder")
        return found
    if path.is_file():
        return (path,)
    raise RulePackError(f"{path}: no such rule pack")


def _bundled_name(path: Path) -> str:
    root = rules_dir()
    try:
        return f"{root.name}/{path.relative_to(root).as_posix()}"
    except ValueError:  # pragma: no cover - bundled paths live under the root
        return str(path)


@functools.cache
def bundled_packs() -> tuple[PackFile, ...]:
    return tuple(read_pack(p, _bundled_name(p)) for p in bundled_pack_paths())


# -- the entry point ------------------------------------------------------------


@functools.cache
def _default_vocabulary() -> Vocabulary:
    return build_vocabulary(bundled_packs())


def load_vocabulary(extra_packs: Sequence[Path] = ()) -> Vocabulary:
    """The bundled vocabulary (cached), or the bundled one plus ``extra_packs`` (files or folders)."""
    if not extra_packs:
        return _default_vocabulary()
    user = [read_pack(p) for arg in extra_packs for p in user_pack_paths(Path(arg))]
    log.debug("loading %d user rule pack(s)", len(user))
    return build_vocabulary((*bundled_packs(), *user))
