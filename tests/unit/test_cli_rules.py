"""``--rules`` user packs and the report formats, through ``main([...])``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor.cli import EXIT_ERROR, EXIT_FINDINGS, main

CALL = """Operator: Welcome to the Harbourline Foods third quarter 2025 earnings call.
Dana Reyes: Revenue was $300.0 million. Frozen meals revenue was $180.0 million and snacks revenue was $130.0 million.
"""

PROFILE = """
[profile]
id = "harbourline"
name = "Harbourline Foods"
matchers = ["Harbourline"]

[[segment]]
id = "frozen_meals"
synonyms = ["frozen meals"]

[[segment]]
id = "snacks"
synonyms = ["snacks"]

[[breakdown]]
name = "harbourline_revenue_by_line"
metric = "revenue"
parts = ["frozen_meals", "snacks"]
"""


def _audit(tmp_path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, dict]:
    call = tmp_path / "call.txt"
    call.write_text(CALL, encoding="utf-8")
    status = main(["check", "--format", "json", "-j", "1", *extra, str(call)])
    return status, json.loads(capsys.readouterr().out)


def test_a_user_profile_adds_a_breakdown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Without the profile the segments are unrelated; with it, 180.0 + 130.0 = 310.0 is not 300.0."""
    status, plain = _audit(tmp_path, capsys)
    assert not [f for f in plain["documents"][0]["findings"] if f["rule"] == "AUD101"]
    pack = tmp_path / "harbourline.toml"
    pack.write_text(PROFILE, encoding="utf-8")
    status, report = _audit(tmp_path, capsys, "--rules", str(pack))
    sums = [f for f in report["documents"][0]["findings"] if f["rule"] == "AUD101"]
    assert status == EXIT_FINDINGS
    assert len(sums) == 1
    assert sums[0]["expected"]["display"] == "$309.9 million to $310.1 million"  # 179.95+129.95 .. 180.05+130.05


def test_a_malformed_pack_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A pack with an unknown key stops the run with exit 2 and names the file and the key."""
    pack = tmp_path / "bad.toml"
    pack.write_text("colour = 'blue'\n", encoding="utf-8")
    call = tmp_path / "call.txt"
    call.write_text(CALL, encoding="utf-8")
    assert main(["check", "--rules", str(pack), str(call)]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "bad.toml" in err and "colour" in err


@pytest.mark.parametrize(("fmt", "marker"), [("sarif", '"version": "2.1.0"'), ("junit", "<testsuites"),
                                             ("markdown", "# Audit report"), ("html", "<!DOCTYPE html>")])
def test_every_report_format_is_wired(fmt: str, marker: str, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    """Each --format writes its own kind of report."""
    call = tmp_path / "call.txt"
    call.write_text("Revenue grew 12% from $50.0 million to $58.0 million.\n", encoding="utf-8")
    assert main(["check", "--format", fmt, "-j", "1", str(call)]) == EXIT_FINDINGS
    assert marker in capsys.readouterr().out
