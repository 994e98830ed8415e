"""Imports point down only (STYLE.md): cli -> runner, reporting -> diagnosis -> engine ->
extraction -> vocabulary, claims, ingest."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "auditor"

# a layer may not import any of the packages listed for it
FORBIDDEN = {
    "claims": {"extraction", "engine", "diagnosis", "reporting", "cli", "runner", "execution"},
    "vocabulary": {"extraction", "engine", "diagnosis", "reporting", "cli", "runner", "execution"},
    "ingest": {"extraction", "engine", "diagnosis", "reporting", "cli", "runner", "execution", "vocabulary"},
    "extraction": {"engine", "diagnosis", "reporting", "cli", "runner", "execution"},
    "engine": {"diagnosis", "reporting", "cli", "runner", "execution"},
    "diagnosis": {"reporting", "cli", "runner", "execution"},
    "reporting": {"cli", "runner", "execution"},
}


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return {n.split(".")[1] for n in names if n.startswith("auditor.") and n.count(".") >= 1}


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_point_down(layer: str) -> None:
    """No module of a layer imports a layer above it."""
    wrong = {}
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        bad = imported_packages(path) & FORBIDDEN[layer]
        if bad:
            wrong[str(path.relative_to(PACKAGE))] = sorted(bad)
    assert wrong == {}
