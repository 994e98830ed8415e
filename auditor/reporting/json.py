"""The JSON output contracts of DESIGN.md (``check`` and ``scan``)."""

from __future__ import annotations

import json
from fractions import Fraction
from typing import Any

from auditor import __version__
from auditor.claims.mention import Mention
from auditor.claims.span import Span
from auditor.diagnosis.finding import Finding, Implied, RelationRecord, Status
from auditor.engine.severity import Severity
from auditor.reporting.summary import summarise
from auditor.results import AuditResult, DocumentResult, Placement


def decimal_string(value: Fraction | None) -> str | None:
    """An exact decimal when the fraction has one, else 12 significant digits."""
    if value is None:
        return None
    if value.denominator == 1:
        return str(value.numerator)
    d = value.denominator
    twos = fives = 0
    while d % 2 == 0:
        d //= 2
        twos += 1
    while d % 5 == 0:
        d //= 5
        fives += 1
    if d == 1:
        places = max(twos, fives)
        scaled = value * 10**places
        sign = "-" if scaled < 0 else ""
        digits = str(abs(scaled.numerator)).rjust(places + 1, "0")
        return f"{sign}{digits[:-places]}.{digits[-places:]}"
    return format(float(value), ".12g")


def span_json(placement: Placement, span: Span) -> dict[str, Any]:
    loc = placement.locate(span)
    out: dict[str, Any] = {
        "start": loc.start, "end": loc.end, "line": loc.line, "column": loc.column, "text": loc.text,
    }
    if loc.speaker is not None or loc.segment is not None:
        out["speaker"] = loc.speaker
        out["segment"] = loc.segment
        out["timestamp"] = loc.timestamp
    return out


def implied_json(implied: Implied | None) -> dict[str, Any] | None:
    if implied is None:
        return None
    return {
        "low": decimal_string(implied.interval.low),
        "high": decimal_string(implied.interval.high),
        "display": implied.display,
    }


def finding_json(placement: Placement, finding: Finding) -> dict[str, Any]:
    out: dict[str, Any] = {
        "rule": finding.rule,
        "name": finding.name,
        "severity": finding.severity.label,
        "message": finding.message,
        "location": span_json(placement, finding.location),
        "related": [span_json(placement, s) for s in finding.related],
        "stated": finding.stated,
        "expected": implied_json(finding.expected),
        "suggestion": None if finding.suggestion is None else {
            "replacement": finding.suggestion.replacement, "reason": finding.suggestion.reason,
        },
    }
    if finding.alternatives:
        out["alternatives"] = [span_json(placement, s) for s in finding.alternatives]
    return out


def relation_json(placement: Placement, record: RelationRecord) -> dict[str, Any]:
    return {
        "rule": record.rule,
        "status": record.status.value,
        "figures": [span_json(placement, s) for s in record.figures],
        "implied": implied_json(record.implied),
    }


def document_json(doc: DocumentResult, show_passed: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "path": doc.path,
        "id": doc.id,
        "error": None if doc.error is None else {"kind": doc.error.kind, "message": doc.error.message},
        "claims": doc.claims,
        "checks": {s.value: doc.count(s) for s in Status},
        "findings": [finding_json(doc.placement, f) for f in doc.findings],
    }
    if show_passed:
        out["relations"] = [relation_json(doc.placement, r) for r in doc.relations]
    return out


def summary_json(result: AuditResult) -> dict[str, Any]:
    summary = summarise(result)
    return {
        "documents": summary.documents,
        "errors": summary.severity_count(Severity.ERROR),
        "warnings": summary.severity_count(Severity.WARNING),
        "infos": summary.severity_count(Severity.INFO),
        "unreadable": summary.unreadable,
        "claims": summary.claims,
        "checks": {s.value: n for s, n in summary.checks},
        "findings_by_rule": {r.rule: r.count for r in summary.rules},
    }


def render(result: AuditResult) -> str:
    payload = {
        "version": 1,
        "tool": {"name": "auditor", "version": __version__},
        "documents": [document_json(d, result.show_passed) for d in result.documents],
        "summary": summary_json(result),
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def mention_json(m: Mention) -> dict[str, Any]:
    return {
        "start": m.start, "end": m.end, "text": m.text,
        "kind": m.kind.value,
        "value": decimal_string(m.value),
        "low": decimal_string(m.interval.low),
        "high": decimal_string(m.interval.high),
        "currency": m.currency,
        "qualifier": None if m.qualifier is None else m.qualifier.value,
        "garbled": m.garbled,
        "range": m.is_range,
        "note": m.note,
    }


def render_scan(result: AuditResult) -> str:
    payload = {
        "version": 1,
        "tool": {"name": "auditor", "version": __version__},
        "documents": [
            {
                "path": d.path, "id": d.id,
                "error": None if d.error is None else {"kind": d.error.kind, "message": d.error.message},
                "mentions": [mention_json(m) for m in d.mentions],
            }
            for d in result.documents
        ],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"

