"""What the bench scripts share: which auditor to run, running it, and picking corpus files.

The scripts run as ``python bench/NAME.py``, so this module is imported by its plain name.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
MB = 1_000_000


def auditor_command() -> list[str]:
    """The console script beside this interpreter, else the repo's venv, else PATH, else ``-m``."""
    for candidate in (Path(sys.executable).with_name("auditor"), REPO / ".venv" / "bin" / "auditor"):
        if candidate.exists():
            return [str(candidate)]
    found = shutil.which("auditor")
    return [found] if found else [sys.executable, "-m", "auditor"]


def run_auditor(paths: list[Path], jobs: int = 2, options: tuple[str, ...] = ()) -> dict[str, Any]:
    """Audit all ``paths`` in one ``auditor check --format json`` run and return the report
    (``options``: more ``check`` options, such as ``--show-passed``)."""
    proc = subprocess.run([*auditor_command(), "check", "--format", "json", "-q", "-j", str(jobs), *options,
                           *map(str, paths)], capture_output=True, text=True, check=False)
    if proc.returncode not in (0, 1):
        sys.exit(f"auditor check failed (exit {proc.returncode}):\n{proc.stderr.strip()[-2000:]}")
    try:
        report: dict[str, Any] = json.loads(proc.stdout)
    except json.JSONDecodeError as exc:
        sys.exit(f"auditor check did not write JSON ({exc}); stderr:\n{proc.stderr.strip()[-2000:]}")
    return report


def corpus_files(corpus: Path, max_mb: float | None, skip: int = 0) -> list[Path]:
    """The files below ``corpus`` in sorted order, less the first ``skip``; with ``max_mb``, the
    first ones up to that size."""
    files = sorted(p for p in corpus.rglob("*") if p.is_file() and not p.name.startswith("."))[skip:]
    if max_mb is None:
        return files
    chosen, size = [], 0
    for path in files:
        if size >= max_mb * MB:
            break
        chosen.append(path)
        size += path.stat().st_size
    return chosen
