"""The built wheel works on its own: installed in a fresh venv, run from outside the checkout.

Builds the wheel from this checkout, checks it carries the packaged data
(``auditor/_data/{grammar,rules,examples}``, hatchling ``force-include``),
installs it into a new venv (no ``--system-site-packages``), and runs the
installed ``auditor`` on the bundled example from a folder outside the checkout.
The grammar and rules must then come from the venv's site-packages, never from
the checkout (``resources.data_dir`` falls back to the checkout's top-level
folders, which would hide a wheel that forgot them).

Needs the package index for the build backend and for lark, tabulate and tqdm;
skips, saying why, when pip cannot reach it.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "northwind-q3-2025.txt"
GOLD = ROOT / "examples" / "northwind-q3-2025.gold.json"

WHEEL_DATA = (
    "auditor/_data/grammar/numbers.lark",
    "auditor/_data/grammar/claims.lark",
    "auditor/_data/grammar/periods.lark",
    "auditor/_data/grammar/rule_expr.lark",
    "auditor/_data/rules/core/metrics.toml",
    "auditor/_data/examples/northwind-q3-2025.txt",
)

# pip's words when the index cannot be reached (as opposed to a real resolution failure)
OFFLINE_MARKERS = (
    "Failed to establish a new connection",
    "NewConnectionError",
    "Temporary failure in name resolution",
    "Name or service not known",
    "nodename nor servname",
    "Network is unreachable",
    "Connection refused",
    "ConnectTimeoutError",
    "ReadTimeoutError",
    "ProxyError",
    "SSLError",
    "Retrying (Retry(",
)
PIP_QUICK = ["--disable-pip-version-check", "--no-input", "--timeout", "20", "--retries", "1"]


def clean_env() -> dict[str, str]:
    """This process's environment minus anything that would point Python at the checkout or its venv."""
    env = {k: v for k, v in os.environ.items()
           if k not in {"PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV", "__PYVENV_LAUNCHER__"}}
    env["PYTHONNOUSERSITE"] = "1"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def run(cmd: Sequence[str | Path], cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(c) for c in cmd], cwd=cwd, env=clean_env(), capture_output=True,
                          text=True, timeout=timeout, check=False)


def offline(proc: subprocess.CompletedProcess[str]) -> bool:
    out = proc.stdout + proc.stderr
    return any(marker in out for marker in OFFLINE_MARKERS)


def skip_or_fail(what: str, proc: subprocess.CompletedProcess[str]) -> None:
    tail = (proc.stdout + proc.stderr)[-3000:]
    if offline(proc):
        pytest.skip(f"{what}: pip cannot reach the package index")
    pytest.fail(f"{what} failed (exit {proc.returncode}):\n{tail}")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    if importlib.util.find_spec("build") is not None:
        cmd: list[str | Path] = [sys.executable, "-m", "build", "--wheel", "--outdir", out, ROOT]
        proc = run(cmd, cwd=out, timeout=180)
        if proc.returncode != 0 and offline(proc) and importlib.util.find_spec("hatchling") is not None:
            # no index for the isolated build env, but the backend is here already
            proc = run([*cmd[:4], "--no-isolation", *cmd[4:]], cwd=out, timeout=180)
    else:
        proc = run([sys.executable, "-m", "pip", "wheel", *PIP_QUICK, "--no-deps", "--wheel-dir", out, ROOT],
                   cwd=out, timeout=180)
    if proc.returncode != 0:
        skip_or_fail("building the wheel", proc)
    wheels = sorted(out.glob("transcript_auditor-*.whl"))
    assert len(wheels) == 1, f"expected one wheel in {out}, found {[w.name for w in out.iterdir()]}"
    return wheels[0]


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel (and its dependencies from the index) installed."""
    where = tmp_path_factory.mktemp("venv") / "v"
    proc = run([sys.executable, "-m", "venv", where], cwd=where.parent, timeout=120)
    assert proc.returncode == 0, proc.stderr
    proc = run([where / "bin" / "python", "-m", "pip", "install", "--quiet", *PIP_QUICK, wheel],
               cwd=where.parent, timeout=240)
    if proc.returncode != 0:
        skip_or_fail("installing the wheel", proc)
    return where


@pytest.fixture(scope="module")
def outside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A working folder outside the checkout, holding a copy of the bundled example."""
    work = tmp_path_factory.mktemp("work")
    assert ROOT not in work.resolve().parents, "tmp dir is inside the checkout"
    shutil.copy(EXAMPLE, work / EXAMPLE.name)
    return work


def site_packages(venv: Path) -> Path:
    found = sorted(venv.glob("lib/python3*/site-packages"))
    assert len(found) == 1, found
    return found[0].resolve()


def test_wheel_carries_grammar_rules_and_example(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        missing = [n for n in WHEEL_DATA if n not in names]
        assert not missing, f"{wheel.name} lacks {missing}"
        # every grammar and rules file of the checkout ships, byte for byte
        for folder in ("grammar", "rules"):
            for path in sorted((ROOT / folder).rglob("*")):
                if path.is_file() and path.suffix in {".lark", ".toml"}:
                    name = f"auditor/_data/{path.relative_to(ROOT).as_posix()}"
                    assert name in names, f"{wheel.name} lacks {name}"
                    assert zf.read(name) == path.read_bytes(), f"{name} differs from the checkout"
        assert "auditor/cli/main.py" in names
        entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        assert "auditor = auditor.cli:main" in zf.read(entry_points).decode()


def test_installed_data_comes_from_site_packages(venv: Path, outside: Path) -> None:
    code = ("import auditor, auditor.resources as r; print(auditor.__file__); "
            "print(r.data_dir('grammar')); print(r.rules_dir()); print(r.grammar_path('numbers.lark'))")
    proc = run([venv / "bin" / "python", "-c", code], cwd=outside)
    assert proc.returncode == 0, proc.stderr
    site = site_packages(venv)
    lines = [Path(line).resolve() for line in proc.stdout.splitlines()]
    assert len(lines) == 4, proc.stdout
    for path in lines:
        assert site in path.parents, f"{path} is not inside {site}"
        assert ROOT not in path.parents, f"{path} comes from the checkout"
    module, grammar, rules, numbers = lines
    assert grammar == site / "auditor" / "_data" / "grammar"
    assert rules == site / "auditor" / "_data" / "rules"
    assert module == site / "auditor" / "__init__.py"
    assert numbers.is_file()


def test_installed_version(venv: Path, outside: Path) -> None:
    from auditor import __version__

    proc = run([venv / "bin" / "auditor", "--version"], cwd=outside)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"auditor {__version__}"


def test_installed_check_finds_the_planted_errors(venv: Path, outside: Path) -> None:
    proc = run([venv / "bin" / "auditor", "check", "--format", "json", "-q", EXAMPLE.name], cwd=outside)
    assert proc.returncode == 1, f"exit {proc.returncode} (want 1: the example has planted errors)\n{proc.stderr}"
    report = json.loads(proc.stdout)
    doc = report["documents"][0]
    assert doc["error"] is None, doc["error"]
    assert doc["findings"], "no findings on the bundled example"
    # each planted error is reported at error severity on one of its gold figures
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    errors = {f["location"]["text"] for f in doc["findings"] if f["severity"] == "error"}
    for item in gold["expected"]:
        assert errors & set(item["locate"]), f"{item['id']} ({item['figure']!r}) not reported; errors at {errors}"

    # and the installed package reports exactly what the checkout does
    here = run([sys.executable, "-m", "auditor", "check", "--format", "json", "-q", "-j", "1", EXAMPLE], cwd=ROOT)
    assert here.returncode == 1, here.stderr
    assert json.loads(here.stdout)["documents"][0]["findings"] == doc["findings"]


def test_installed_scan_lists_mentions(venv: Path, outside: Path) -> None:
    proc = run([venv / "bin" / "auditor", "scan", "--format", "json", "-q", EXAMPLE.name], cwd=outside)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)["documents"][0]
    assert doc["error"] is None, doc["error"]
    assert any(m["text"] == "$128.4 million" and m["kind"] == "money" for m in doc["mentions"])

    proc = run([venv / "bin" / "auditor", "scan", "--format", "table", "-q", EXAMPLE.name], cwd=outside)
    assert proc.returncode == 0, proc.stderr
    assert "$128.4 million" in proc.stdout
