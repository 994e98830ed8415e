"""Plain-text reports: ``path:line:col: AUD102 [error] message`` lines and a summary."""

from __future__ import annotations

from auditor.diagnosis.finding import Status
from auditor.engine.severity import Severity
from auditor.reporting.summary import summarise, summary_table
from auditor.results import AuditResult, DocumentResult


def finding_lines(doc: DocumentResult) -> list[str]:
    lines = []
    for f in doc.findings:
        loc = doc.placement.locate(f.location)
        where = ""
        if loc.speaker or loc.timestamp:
            who = " ".join(x for x in (loc.speaker, f"({loc.timestamp})" if loc.timestamp else None) if x)
            where = f" [{who}]"
        line = f"{doc.path}:{loc.line}:{loc.column}: {f.rule} [{f.severity.label}] {f.message}{where}"
        if f.suggestion is not None:
            line += f" -> suggest {f.suggestion.replacement!r} ({f.suggestion.reason})"
        lines.append(line)
    return lines


def summary_paragraph(result: AuditResult) -> str:
    """One sentence of totals (the same numbers as the summary table and the JSON summary)."""
    summary = summarise(result)
    checks = dict(summary.checks)
    severities = dict(summary.severities)
    return (
        f"{summary.documents} document{'s' if summary.documents != 1 else ''}"
        + (f" ({summary.unreadable} unreadable)" if summary.unreadable else "")
        + f", {summary.claims} claims; relations: {checks[Status.PASSED]} passed, "
        f"{checks[Status.FAILED]} failed, {checks[Status.UNVERIFIABLE]} unverifiable; findings: "
        f"{severities[Severity.ERROR]} errors, {severities[Severity.WARNING]} warnings, "
        f"{severities[Severity.INFO]} infos."
    )


def render(result: AuditResult) -> str:
    out: list[str] = []
    for doc in result.documents:
        if doc.error is not None:
            out.append(f"error: {doc.error.message}")
            continue
        out.extend(finding_lines(doc))
    out.append("")
    out.append(summary_paragraph(result))
    out.extend(("", summary_table(summarise(result))))
    return "\n".join(out) + "\n"


def render_scan(result: AuditResult) -> str:
    from tabulate import tabulate  # here, so that a check skips the 20 ms import

    from auditor.reporting.json import decimal_string

    out: list[str] = []
    for doc in result.documents:
        if doc.error is not None:
            out.append(f"error: {doc.error.message}")
            continue
        rows = []
        for m in doc.mentions:
            loc = doc.placement.locate(m.span)
            flags = ",".join(x for x in ("garbled" if m.garbled else "", "range" if m.is_range else "",
                                          m.qualifier.value if m.qualifier else "") if x)
            rows.append([f"{loc.line}:{loc.column}", m.text, m.kind.value, decimal_string(m.value),
                         f"[{decimal_string(m.interval.low)}, {decimal_string(m.interval.high)}]",
                         m.currency or "", flags])
        out.append(f"{doc.path}: {len(rows)} mentions")
        if rows:
            out.append(tabulate(rows, headers=["at", "text", "kind", "value", "interval", "currency", "flags"]))
        out.append("")
    return "\n".join(out) + "\n"
