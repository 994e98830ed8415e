"""The one place that finds the bundled ``grammar/`` and ``rules/`` folders.

An installed wheel carries them as ``auditor/_data/grammar`` and
``auditor/_data/rules`` (hatchling ``force-include``); an editable install or a
checkout imports ``auditor`` from the source tree, where they are the top-level
folders beside the package.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from auditor.errors import GrammarError


@functools.cache
def data_dir(name: str) -> Path:
    """Return the folder ``name`` (``grammar`` or ``rules``) wherever it ships."""
    packaged = resources.files("auditor") / "_data" / name
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parent.parent / name
    if checkout.is_dir():
        return checkout
    raise GrammarError(f"cannot find the bundled {name}/ folder (looked in {packaged} and {checkout})")


def grammar_path(filename: str) -> Path:
    """Path of one grammar file, e.g. ``grammar_path("numbers.lark")``."""
    path = data_dir("grammar") / filename
    if not path.is_file():
        raise GrammarError(f"bundled grammar {filename} is missing from {path.parent}")
    return path


def grammar_text(filename: str) -> str:
    return grammar_path(filename).read_text(encoding="utf-8")


def rules_dir() -> Path:
    return data_dir("rules")
