"""A self-contained HTML audit report: the Markdown report's content as one page.

Inline CSS, no external assets, no JavaScript; every piece of text goes
through ``html.escape``. The content (finding views, the reading guide,
summary rows) comes from ``reporting.markdown`` so both reports say the same.
"""

from __future__ import annotations

from html import escape

from auditor import __version__
from auditor.diagnosis.finding import Status
from auditor.engine.severity import Severity
from auditor.reporting.markdown import (
    GUIDE,
    TITLE,
    FindingView,
    document_phrase,
    finding_views,
    findings_phrase,
    plural,
    summary_rows,
)
from auditor.reporting.summary import summarise
from auditor.results import AuditResult, DocumentResult

STYLE = """
:root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa;
  --error: #cf222e; --error-bg: #ffebe9; --warning: #9a6700; --warning-bg: #fff8c5;
  --info: #0969da; --info-bg: #ddf4ff; --ok: #1a7f37; --ok-bg: #dafbe1; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--fg); background: #fff;
  font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
main { max-width: 1280px; margin: 0 auto; padding: 24px 32px 48px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 24px 0 4px; word-break: break-all; }
.lead, .phrase, .muted { color: var(--muted); }
.lead { margin: 0 0 8px; }
.phrase { margin: 0 0 10px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(120px, 1fr)); gap: 10px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; background: var(--soft); }
.card .n { font-size: 22px; font-weight: 600; font-variant-numeric: tabular-nums; }
.card .k { color: var(--muted); font-size: 12px; }
.card.error .n { color: var(--error); } .card.warning .n { color: var(--warning); }
.card.info .n { color: var(--info); } .card.ok .n { color: var(--ok); }
table { border-collapse: collapse; width: 100%; margin: 8px 0 4px; }
th, td { text-align: left; vertical-align: top; padding: 6px 10px; border-bottom: 1px solid var(--line); }
th { background: var(--soft); font-weight: 600; font-size: 12px; color: var(--muted); white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.at, td.rule { white-space: nowrap; font-variant-numeric: tabular-nums; }
table.small { width: auto; min-width: 360px; }
code { font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  background: var(--soft); border: 1px solid var(--line); border-radius: 4px; padding: 0 4px; white-space: nowrap; }
code.blamed { background: var(--error-bg); border-color: #ffcecb; }
code.fix { background: var(--ok-bg); border-color: #aceebb; }
.detail { color: var(--muted); font-size: 12.5px; margin-top: 3px; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600;
  white-space: nowrap; }
.badge.error { color: var(--error); background: var(--error-bg); }
.badge.warning { color: var(--warning); background: var(--warning-bg); }
.badge.info { color: var(--info); background: var(--info-bg); }
dl.guide { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
dl.guide dt { font-weight: 600; } dl.guide dd { margin: 0; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
@media print { main { padding: 0; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
"""


def _badge(severity: Severity) -> str:
    return f'<span class="badge {severity.label}">{severity.label}</span>'


def _code(text: str, kind: str = "") -> str:
    cls = f' class="{kind}"' if kind else ""
    return f"<code{cls}>{escape(text)}</code>"


def _summary(result: AuditResult) -> list[str]:
    summary = summarise(result)
    kinds = {"relations passed": "ok", "relations failed": "error", "documents not audited": "error",
             "findings: error": "error", "findings: warning": "warning", "findings: info": "info"}
    out = ['<h2 id="summary">Summary</h2>', '<div class="cards">']
    for label, n in summary_rows(summary):
        kind = kinds.get(label, "") if n else ""
        out.append(f'<div class="card {kind}"><div class="n">{n}</div><div class="k">{escape(label)}</div></div>')
    out.append("</div>")
    if summary.rules:
        out.append('<table class="small"><thead><tr><th>rule</th><th>name</th><th>severity</th>'
                   '<th class="num">findings</th></tr></thead><tbody>')
        for r in summary.rules:
            out.append(f"<tr><td>{escape(r.rule)}</td><td>{escape(r.name)}</td><td>{_badge(r.severity)}</td>"
                       f'<td class="num">{r.count}</td></tr>')
        out.append("</tbody></table>")
    return out


def _guide() -> list[str]:
    out = ['<h2 id="guide">How to read this report</h2>', '<dl class="guide">']
    for term, text in GUIDE:
        out.append(f"<dt>{escape(term)}</dt><dd>{escape(text)}</dd>")
    out.append("</dl>")
    return out


def _finding_row(view: FindingView) -> str:
    figure = _code(view.figure, "blamed")
    if view.related:
        related = ", ".join(f"{_code(r.text)} at {escape(r.at)}" for r in view.related)
        figure += f'<div class="detail">related: {related}</div>'
    message = escape(view.message)
    if view.expected:
        message += f'<div class="detail">expected {escape(view.expected)}</div>'
    suggestion = ""
    if view.suggestion:
        suggestion = _code(view.suggestion, "fix")
        if view.reason:
            suggestion += f'<div class="detail">{escape(view.reason)}</div>'
    return (f'<tr><td class="at">{escape(view.at)}</td><td>{escape(view.speaker)}</td>'
            f'<td class="rule">{escape(view.rule)}<div class="detail">{escape(view.name)}</div></td>'
            f"<td>{_badge(view.severity)}</td><td>{figure}</td><td>{message}</td><td>{suggestion}</td></tr>")


def _document(doc: DocumentResult) -> list[str]:
    out = [f"<section><h3>{escape(doc.id)}</h3>", f'<p class="phrase">{escape(document_phrase(doc))}.</p>',
           ("<table><thead><tr><th>line:col</th><th>speaker</th><th>rule</th><th>severity</th><th>figure</th>"
           "<th>message</th><th>suggestion</th></tr></thead><tbody>")]
    out += [_finding_row(v) for v in finding_views(doc)]
    out.append("</tbody></table></section>")
    return out


def _clean(docs: list[DocumentResult]) -> list[str]:
    heads = "".join(f'<th class="num">relations {s.value}</th>' for s in Status)
    out = ['<h2 id="clean">Documents with no findings</h2>',
           f'<table><thead><tr><th>document</th><th class="num">claims</th>{heads}</tr></thead><tbody>']
    for d in docs:
        counts = "".join(f'<td class="num">{d.count(s)}</td>' for s in Status)
        out.append(f'<tr><td>{escape(d.id)}</td><td class="num">{d.claims}</td>{counts}</tr>')
    out.append("</tbody></table>")
    return out


def _failed(docs: list[DocumentResult]) -> list[str]:
    out = ['<h2 id="not-audited">Documents not audited</h2>',
           "<table><thead><tr><th>document</th><th>kind</th><th>error</th></tr></thead><tbody>"]
    for d in docs:
        if d.error is not None:
            out.append(f"<tr><td>{escape(d.id)}</td><td>{escape(d.error.kind)}</td>"
                       f"<td>{escape(d.error.message)}</td></tr>")
    out.append("</tbody></table>")
    return out


def render(result: AuditResult) -> str:
    summary = summarise(result)
    findings = [f for d in result.documents for f in d.findings]
    lead = f"auditor {__version__}: {plural(summary.documents, 'document')}, {findings_phrase(findings)}."
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(TITLE)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body><main>",
        f"<h1>{escape(TITLE)}</h1>",
        f'<p class="lead">{escape(lead)}</p>',
    ]
    out += _summary(result)
    out += _guide()
    with_findings = [d for d in result.documents if d.error is None and d.findings]
    clean = [d for d in result.documents if d.error is None and not d.findings]
    failed = [d for d in result.documents if d.error is not None]
    if with_findings:
        out.append('<h2 id="findings">Findings</h2>')
        for doc in with_findings:
            out += _document(doc)
    if clean:
        out += _clean(clean)
    if failed:
        out += _failed(failed)
    out += [f"<footer>Generated by auditor {escape(__version__)}.</footer>", "</main></body>", "</html>"]
    return "\n".join(out) + "\n"
