"""The command line: exit codes, usage errors, --fail-on, missing files, optional Dask."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from auditor import __version__, runner
from auditor.claims.span import Span
from auditor.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, main
from auditor.diagnosis.finding import Finding
from auditor.engine.severity import Severity
from auditor.results import DocumentResult


@pytest.fixture
def call(tmp_path: Path) -> Path:
    path = tmp_path / "call.txt"
    path.write_text("Revenue rose 10% to $11.0 million from $10.0 million.\n", encoding="utf-8")
    return path


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    """--version prints the version and exits 0."""
    assert main(["--version"]) == EXIT_OK
    assert capsys.readouterr().out.strip() == f"auditor {__version__}"


def test_help_lists_commands_and_execution_flags(capsys: pytest.CaptureFixture[str]) -> None:
    """check --help documents -j, the Dask engine (and its LocalCluster default) and the time limit."""
    assert main(["--help"]) == EXIT_OK
    assert "check" in capsys.readouterr().out
    assert main(["check", "--help"]) == EXIT_OK
    out = " ".join(capsys.readouterr().out.split())
    for needle in ("--jobs", "--engine", "LocalCluster", "--timeout-per-document", "--quiet", "--include"):
        assert needle in out
    assert "--debug-stall-hooks" not in out


@pytest.mark.parametrize("argv", [
    pytest.param([], id="no-command"),
    pytest.param(["check"], id="no-path"),
    pytest.param(["check", "--no-such-flag", "x"], id="unknown-flag"),
    pytest.param(["check", "-j", "0", "x"], id="zero-jobs"),
    pytest.param(["check", "-j", "two", "x"], id="jobs-not-a-number"),
    pytest.param(["check", "--timeout-per-document", "-1", "x"], id="negative-timeout"),
    pytest.param(["check", "--scheduler", "tcp://127.0.0.1:1", "x"], id="scheduler-without-dask"),
    pytest.param(["check", "--engine", "spark", "x"], id="unknown-engine"),
])
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """A malformed command line exits 2 with a message on stderr."""
    assert main(argv) == EXIT_ERROR
    assert capsys.readouterr().err


def test_missing_file_is_an_error_entry(call: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A missing file gets an error entry, the other document is audited, exit 1."""
    missing = tmp_path / "absent.txt"
    assert main(["check", "--format", "json", "-j", "1", str(call), str(missing)]) == EXIT_FINDINGS
    docs = json.loads(capsys.readouterr().out)["documents"]
    assert [d["path"] for d in docs] == [str(call), str(missing)]
    assert docs[0]["error"] is None
    assert docs[1]["error"]["kind"] == "not-found" and str(missing) in docs[1]["error"]["message"]


def _with_finding(severity: Severity):  # type: ignore[no-untyped-def]
    real = runner.run_one

    def fake(item, options):  # type: ignore[no-untyped-def]
        result = real(item, options)
        finding = Finding("AUD999", "test-finding", severity, "a planted finding", Span(0, 7, "Revenue"))
        return DocumentResult(id=result.id, path=result.path, placement=result.placement, findings=(finding,))

    return fake


@pytest.mark.parametrize(("severity", "fail_on", "expected"), [
    pytest.param(Severity.WARNING, "error", EXIT_OK, id="warning-below-error"),
    pytest.param(Severity.WARNING, "warning", EXIT_FINDINGS, id="warning-at-warning"),
    pytest.param(Severity.ERROR, "error", EXIT_FINDINGS, id="error-at-error"),
    pytest.param(Severity.INFO, "warning", EXIT_OK, id="info-below-warning"),
    pytest.param(Severity.INFO, "info", EXIT_FINDINGS, id="info-at-info"),
])
def test_fail_on(severity: Severity, fail_on: str, expected: int, call: Path,
                 monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """--fail-on sets the lowest severity that makes the run exit 1."""
    monkeypatch.setattr(runner, "run_one", _with_finding(severity))
    assert main(["check", "-j", "1", "--fail-on", fail_on, str(call)]) == expected
    assert "AUD999" in capsys.readouterr().out


def test_internal_error_names_the_document(call: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """An unexpected exception in one document becomes its error (kind internal); the others are audited."""
    other = tmp_path / "other.txt"
    other.write_text("Margin was 30%.\n", encoding="utf-8")
    real = runner.run_one

    def explode(item, options):  # type: ignore[no-untyped-def]
        if item.path == str(call):
            raise ZeroDivisionError("planted")
        return real(item, options)

    monkeypatch.setattr(runner, "run_one", explode)
    assert main(["check", "--format", "json", "-j", "1", str(call), str(other)]) == EXIT_FINDINGS
    first, second = json.loads(capsys.readouterr().out)["documents"]
    assert first["error"]["kind"] == "internal"
    assert str(call) in first["error"]["message"] and "ZeroDivisionError" in first["error"]["message"]
    assert second["error"] is None


def test_output_file(call: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """-o writes the report to a file and nothing to stdout."""
    out = tmp_path / "report.json"
    assert main(["check", "--format", "json", "-o", str(out), str(call)]) == EXIT_OK
    assert capsys.readouterr().out == ""
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["documents"] == 1


def test_dask_engine_without_dask_exits_2(call: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """--engine dask without Dask installed says how to install it and exits 2."""
    monkeypatch.setitem(sys.modules, "distributed", None)  # makes `import distributed` raise ImportError
    assert main(["check", "--engine", "dask", str(call)]) == EXIT_ERROR
    assert "pip install 'transcript-auditor[dask]'" in capsys.readouterr().err


def test_version_does_not_load_the_pipeline() -> None:
    """--version and --help import neither Lark nor the engine (cold start)."""
    import subprocess

    code = ("import sys; from auditor.cli import main; main(['--version']);"
            "bad = [m for m in sys.modules if m.startswith(('lark', 'auditor.engine', 'auditor.runner', 'tqdm'))];"
            "print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"
