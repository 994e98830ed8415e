"""Helpers shared by tests: audit a text, find a figure, score against a gold file."""

from __future__ import annotations

import json
import re
from fractions import Fraction
from pathlib import Path

from auditor.diagnosis.finding import Finding
from auditor.engine.severity import Severity
from auditor.ingest.document import Document
from auditor.runner import audit_document

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


def audit_text(text: str) -> tuple[Finding, ...]:
    return audit_document(Document(id="case", path="case.txt", text=text)).findings


def severe(findings: tuple[Finding, ...]) -> list[Finding]:
    return [f for f in findings if f.severity >= Severity.WARNING]


def first_number(text: str) -> Fraction | None:
    m = re.search(r"-?\d[\d,]*(?:\.\d+)?", text)
    return None if m is None else Fraction(m.group().replace(",", ""))


def span_of(text: str, figure: str, context: str | None = None) -> tuple[int, int]:
    where = text.find(context) if context else 0
    assert where >= 0, f"context {context!r} not found"
    at = text.find(figure, where)
    assert at >= 0, f"figure {figure!r} not found"
    return at, at + len(figure)


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(text: str, gold: dict, findings: tuple[Finding, ...]) -> dict[str, object]:
    """The scoring of ../shared/tools/score.py, on Finding objects (detected, located, false alarms)."""
    found = severe(findings)

    def resolve(context: str, figure: str) -> tuple[int, int]:
        first = text.find(context)
        assert first >= 0 and text.find(context, first + 1) < 0, f"bad anchor {context!r}"
        inner = context.find(figure)
        return first + inner, first + inner + len(figure)

    covered: list[tuple[int, int]] = []
    detected: list[str] = []
    located: list[str] = []
    for item in gold.get("expected", []):
        own = resolve(item["context"], item["figure"])
        vias = [resolve(c, f) for f, c in zip(item.get("detect_via", []),
                                                item.get("detect_contexts") or [item["context"]] * 9)]
        locs = [resolve(c, f) for f, c in zip(item.get("locate", [item["figure"]]),
                                                item.get("locate_contexts") or [item["context"]] * 9)]
        touch = [own, *vias, *locs]
        covered.extend(touch)
        spans = lambda f: [(f.location.start, max(f.location.end, f.location.start + 1))] + [
            (r.start, max(r.end, r.start + 1)) for r in f.related]
        if any(overlaps(s, t) for f in found for s in spans(f) for t in touch):
            detected.append(item["id"])
        if any(overlaps((f.location.start, max(f.location.end, f.location.start + 1)), t) for f in found for t in locs):
            located.append(item["id"])
    allowed = [resolve(i["context"], i["figure"]) for i in gold.get("allowed", [])]
    false_alarms = []
    for f in found:
        s = (f.location.start, max(f.location.end, f.location.start + 1))
        if any(overlaps(s, t) for t in covered):
            continue
        if f.severity is Severity.WARNING and any(overlaps(s, t) for t in allowed):
            continue
        false_alarms.append(f"{f.rule} {f.location.text!r}: {f.message}")
    return {"expected": [i["id"] for i in gold.get("expected", [])], "detected": detected,
            "located": located, "false_alarms": false_alarms}


def load_gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
