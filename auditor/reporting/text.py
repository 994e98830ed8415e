"""Plain-text reports: ``path:line:col: AUD102 [error] message`` lines and a summary."""

from __future__ import annotations

from tabulate import tabulate

from auditor.diagnosis.finding import Status
from auditor.reporting.json import decimal_string
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
    docs = result.documents
    counts = {s: sum(d.count(s) for d in docs) for s in Status}
    sev = {"error": 0, "warning": 0, "info": 0}
    for d in docs:
        for f in d.findings:
            sev[f.severity.label] += 1
    unreadable = result.errors()
    return (
        f"{len(docs)} document{'s' if len(docs) != 1 else ''}"
        + (f" ({unreadable} unreadable)" if unreadable else "")
        + f", {sum(d.claims for d in docs)} claims; relations: {counts[Status.PASSED]} passed, "
        f"{counts[Status.FAILED]} failed, {counts[Status.UNVERIFIABLE]} unverifiable; findings: "
        f"{sev['error']} errors, {sev['warning']} warnings, {sev['info']} infos."
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
