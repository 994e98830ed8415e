"""The data-set summary: one computation, the same numbers in the text table and the JSON summary."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from auditor import runner
from auditor.claims.span import Span
from auditor.cli import main
from auditor.diagnosis.finding import Finding, RelationRecord, Status
from auditor.engine.severity import Severity
from auditor.results import DocumentResult

SPAN = Span(0, 4, "Sale")


def planted(item, options):  # type: ignore[no-untyped-def]
    """Per document i: i+1 claims, relations and findings in known numbers."""
    if not hasattr(item, "text"):
        return runner.failed_result(item)
    i = int(Path(item.path).stem.split("-")[1])
    relations = (RelationRecord("AUD102", Status.PASSED, (SPAN,)),) * (i + 2) + \
        (RelationRecord("AUD102", Status.FAILED, (SPAN,)),) * i + \
        (RelationRecord("AUD201", Status.UNVERIFIABLE, (SPAN,)),) * 3
    findings = (Finding("AUD102", "growth-mismatch", Severity.ERROR, "m", SPAN),) * i + \
        (Finding("AUD013", "garbled-figure", Severity.WARNING, "m", SPAN),) * (i % 2)
    return DocumentResult(id=item.id, path=item.path, claims=i + 1, relations=relations, findings=findings)


def test_text_table_and_json_summary_agree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """Documents, errors, claims, relations by status and findings by severity and rule match across formats."""
    for i in range(4):
        (tmp_path / f"doc-{i}.txt").write_text("Sales were $4 million.\n", encoding="utf-8")
    (tmp_path / "doc-9.txt").write_bytes(b"")
    monkeypatch.setattr(runner, "run_one", planted)
    main(["check", "-j", "1", "--format", "json", str(tmp_path)])
    summary = json.loads(capsys.readouterr().out)["summary"]
    main(["check", "-j", "1", str(tmp_path)])
    text = capsys.readouterr().out

    def cell(label: str) -> int:
        match = re.search(rf"^{re.escape(label)}\s+(\d+)\s*$", text, re.MULTILINE)
        assert match, label
        return int(match.group(1))

    # documents 0..3 plus an empty one; claims 1+2+3+4; passed 2+3+4+5; failed 0+1+2+3; errors = failed
    assert summary == {
        "documents": 5, "errors": 6, "warnings": 2, "infos": 0, "unreadable": 1, "claims": 10,
        "checks": {"passed": 14, "failed": 6, "unverifiable": 12},
        "findings_by_rule": {"AUD013": 2, "AUD102": 6},
    }
    assert cell("documents") == summary["documents"]
    assert cell("documents with errors") == summary["unreadable"]
    assert cell("claims") == summary["claims"]
    for status, n in summary["checks"].items():
        assert cell(f"relations {status}") == n
    assert (cell("findings: error"), cell("findings: warning"), cell("findings: info")) == (6, 2, 0)
    assert re.search(r"^AUD013\s+garbled-figure\s+warning\s+2$", text, re.MULTILINE)
    assert re.search(r"^AUD102\s+growth-mismatch\s+error\s+6$", text, re.MULTILINE)
