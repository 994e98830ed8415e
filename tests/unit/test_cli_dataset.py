"""Data sets: many documents in one run, bad documents, parallel output, progress bar."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from auditor.cli import EXIT_FINDINGS, EXIT_OK, main

MIXED = Path(__file__).resolve().parent.parent / "fixtures" / "dataset" / "mixed"

# Some of these do not add up (e.g. 1% from $40.0 million to $50.0 million), so reports carry findings.
SENTENCES = (
    "Revenue rose {n}% to ${m}.0 million from ${k}.0 million.",
    "Gross margin was {n}.5%, up {n}0 basis points year over year.",
    "We returned ${m} million to shareholders and ended with {k} stores.",
    "Operating expenses were ${k}.2 million, or {n}% of sales.",
)
FILLER = "Our teams kept working closely with customers across every region during the period."


def write_corpus(folder: Path, documents: int) -> Path:
    """Documents of different sizes so that workers finish out of order."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(documents):
        lines = [SENTENCES[(i + j) % len(SENTENCES)].format(n=i % 40 + 1, m=j + 50, k=j + 40)
                 for j in range(1 + i % 2)]
        lines += [FILLER] * ((i * 37) % 200)  # sizes differ, so workers finish out of order
        (folder / f"call-{i:03d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def run_main(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(argv)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_mixed_folder_reports_each_bad_document(jobs: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Empty, not-UTF-8, malformed JSON and a bad JSON Lines record: one error entry each; the rest audited; exit 1."""
    status, out, _ = run_main(["check", "--format", "json", "-j", jobs, str(MIXED)], capsys)
    assert status == EXIT_FINDINGS
    report = json.loads(out)
    errors = {Path(d["id"]).name: d["error"]["kind"] for d in report["documents"] if d["error"]}
    good = sorted(Path(d["id"]).name for d in report["documents"] if d["error"] is None)
    assert errors == {"broken.json": "json", "calls.jsonl:2": "json", "empty.txt": "empty", "latin1.txt": "encoding"}
    assert good == ["calls.jsonl:1", "calls.jsonl:3", "good-call.txt", "second-call.txt"]
    assert report["summary"]["documents"] == 8 and report["summary"]["unreadable"] == 4


def test_mixed_folder_text_report_lists_errors_and_summary_table(capsys: pytest.CaptureFixture[str]) -> None:
    """The text report names each bad document and ends with the data-set table."""
    status, out, _ = run_main(["check", "-j", "2", str(MIXED)], capsys)
    assert status == EXIT_FINDINGS
    assert sum(1 for line in out.splitlines() if line.startswith("error: ")) == 4
    assert "documents with errors" in out and "relations unverifiable" in out


def test_sources_combine_files_folders_globs_and_excludes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Files, folders and globs go together in one run; --exclude drops matches."""
    corpus = write_corpus(tmp_path / "corpus", 6)
    single = tmp_path / "single.txt"
    single.write_text("Sales grew 3%.\n", encoding="utf-8")
    status, out, _ = run_main(["check", "--format", "json", "-j", "2", "--exclude", "*call-002*",
                               str(single), str(corpus / "call-00[0-1].txt"), str(corpus)], capsys)
    assert status in (EXIT_OK, EXIT_FINDINGS)  # the engine's verdict is not what this test is about
    names = [Path(d["path"]).name for d in json.loads(out)["documents"]]
    assert "call-002.txt" not in names
    assert names[0] == "single.txt" and {"call-000.txt", "call-005.txt"} <= set(names)


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_same_bytes_whatever_the_number_of_jobs(fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """-j 1 and -j 2 write identical reports over a data set with bad documents among good ones."""
    corpus = write_corpus(tmp_path / "corpus", 30)
    for name in ("empty.txt", "latin1.txt", "calls.jsonl"):
        shutil.copy(MIXED / name, corpus / name)
    outputs = []
    for jobs in ("1", "2"):
        target = tmp_path / f"out-{jobs}.{fmt}"
        status, _, _ = run_main(["check", "--format", fmt, "-j", jobs, "-o", str(target), str(corpus)], capsys)
        assert status == EXIT_FINDINGS
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
    assert outputs[0].count(b"call-0") >= 30 if fmt == "json" else b"35 documents" in outputs[0]  # 30 + empty + latin1 + 3 records


def test_scan_runs_on_a_data_set_in_parallel(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """scan takes the same sources and executor flags as check, with the same order for any -j."""
    corpus = write_corpus(tmp_path / "corpus", 12)
    results = [run_main(["scan", "--format", "json", "-j", jobs, str(corpus)], capsys) for jobs in ("1", "2")]
    assert results[0] == results[1]
    assert len(json.loads(results[0][1])["documents"]) == 12


def test_timeout_turns_a_slow_document_into_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A document stuck in pure-Python work becomes a 'timeout' error entry and the run finishes."""
    corpus = write_corpus(tmp_path / "corpus", 4)
    (corpus / "call-001.txt").write_text("Revenue @@auditor-stall-spin@@ was $5 million.\n", encoding="utf-8")
    for jobs in ("1", "2"):
        status, out, _ = run_main(["check", "--format", "json", "-j", jobs, "--debug-stall-hooks",
                                   "--timeout-per-document", "0.3", str(corpus)], capsys)
        assert status == EXIT_FINDINGS
        docs = json.loads(out)["documents"]
        assert [d["error"]["kind"] if d["error"] else None for d in docs] == [None, "timeout", None, None]
        assert "call-001.txt" in docs[1]["error"]["message"]


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("terminal", "quiet", "shows"), [
    pytest.param(False, False, False, id="not-a-terminal"),
    pytest.param(True, True, False, id="terminal-quiet"),
    pytest.param(True, False, True, id="terminal"),
])
def test_progress_bar_only_on_a_terminal(terminal: bool, quiet: bool, shows: bool, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The bar (documents done, rate) goes to stderr only when it is a terminal and --quiet is off."""
    corpus = write_corpus(tmp_path / "corpus", 5)
    stderr = FakeTerminal() if terminal else io.StringIO()
    monkeypatch.setattr("sys.stderr", stderr)
    argv = ["check", "-j", "2", "-o", str(tmp_path / "out.txt"), str(corpus)] + (["--quiet"] if quiet else [])
    assert main(argv) in (EXIT_OK, EXIT_FINDINGS)
    written = stderr.getvalue()
    if shows:
        assert "doc" in written and "/s" in written
    else:
        assert written == ""
