"""A Markdown audit report an analyst can read or send.

Title, run summary, a short guide to reading the report, then a section per
document with findings (a table, and the figures each finding rests on),
the clean documents in one table, and the documents that could not be audited
with their error. Results carry no document text, so the report shows the
figures themselves (blamed and related), not the sentences around them.

The page model (``finding_views``, ``GUIDE``) is shared with the HTML report,
so both say the same things.

Every piece of text from a transcript or a message is escaped: Markdown
punctuation gets a backslash, ``<``, ``>`` and ``&`` become entities (no raw
HTML reaches a renderer), figures sit in code spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tabulate import tabulate

from auditor import __version__
from auditor.diagnosis.finding import Finding, Status
from auditor.engine.severity import Severity
from auditor.reporting.summary import Summary, summarise
from auditor.results import AuditResult, DocumentResult, Location

TITLE = "Audit report"

# What the report's words mean (shared with the HTML report).
GUIDE: tuple[tuple[str, str], ...] = (
    ("error", (
        "a definite contradiction: no choice of values within the stated figures' rounding makes the "
        "figures agree.")),
    ("warning", (
        "a likely problem: a figure speech recognition probably garbled, an amount missing its scale "
        "word, a figure in an unexpected currency.")),
    ("info", "a note worth a look, e.g. two statements that look like the same fact but probably are not."),
    ("intervals", (
        "every figure stands for the range its precision allows: \"24%\" means 23.5% to 24.5%; "
        "\"about\" or \"over\" widen or open the range. A relation fails only when no values inside the "
        "ranges satisfy it; \"expected\" is the range the other figures imply for the blamed one.")),
    ("figure", (
        "the figure most likely wrong; the related figures are the others in the same relation. "
        "Positions are line:column in the audited text (for a JSON transcript, in its speeches joined).")),
    ("suggestion", (
        "what the blamed figure probably should have been, at its own precision, with the reason; "
        "none when no single change explains the failure.")),
    ("relations", "passed and failed relations were checked; unverifiable ones lacked a figure they need."),
)


@dataclass(frozen=True, slots=True)
class RelatedFigure:
    at: str  # "line:column"
    text: str


@dataclass(frozen=True, slots=True)
class FindingView:
    """One finding as the Markdown and HTML reports show it (plain, unescaped text)."""

    at: str  # "line:column"
    speaker: str  # "Name (hh:mm:ss)", or ""
    rule: str
    name: str
    severity: Severity
    figure: str
    message: str
    suggestion: str  # the replacement, or ""
    reason: str
    expected: str  # the implied interval's display, or ""
    related: tuple[RelatedFigure, ...]


def _at(location: Location) -> str:
    return f"{location.line}:{location.column}"


def speaker_label(location: Location) -> str:
    parts = [location.speaker or ""]
    if location.timestamp:
        parts.append(f"({location.timestamp})")
    return " ".join(p for p in parts if p)


def finding_view(doc: DocumentResult, finding: Finding) -> FindingView:
    loc = doc.placement.locate(finding.location)
    return FindingView(
        at=_at(loc),
        speaker=speaker_label(loc),
        rule=finding.rule,
        name=finding.name,
        severity=finding.severity,
        figure=finding.location.text,
        message=finding.message,
        suggestion=finding.suggestion.replacement if finding.suggestion else "",
        reason=finding.suggestion.reason if finding.suggestion else "",
        expected=finding.expected.display if finding.expected else "",
        related=tuple(RelatedFigure(_at(doc.placement.locate(s)), s.text) for s in finding.related),
    )


def finding_views(doc: DocumentResult) -> list[FindingView]:
    return [finding_view(doc, f) for f in doc.findings]


def plural(n: int, word: str, plural_word: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural_word or word + 's'}"


def findings_phrase(findings: tuple[Finding, ...] | list[Finding]) -> str:
    """``"3 findings (2 errors, 1 warning)"``: counts by severity, worst first."""
    counts = [(s, sum(1 for f in findings if f.severity is s)) for s in sorted(Severity, reverse=True)]
    detail = ", ".join(plural(n, s.label) for s, n in counts if n)
    return plural(len(findings), "finding") + (f" ({detail})" if detail else "")


def document_phrase(doc: DocumentResult) -> str:
    checks = ", ".join(f"{doc.count(s)} {s.value}" for s in Status)
    return f"{findings_phrase(doc.findings)}; {plural(doc.claims, 'claim')}; relations: {checks}"


def summary_rows(summary: Summary) -> list[tuple[str, int]]:
    rows = [("documents", summary.documents), ("documents not audited", summary.unreadable),
            ("claims", summary.claims)]
    rows += [(f"relations {s.value}", n) for s, n in summary.checks]
    rows += [(f"findings: {s.label}", n) for s, n in summary.severities]
    return rows


# --- Markdown -----------------------------------------------------------------

_MD_PUNCTUATION = re.compile(r"([\\`*_\[\]{}#|~$!])")


def md_text(text: str) -> str:
    """Inline Markdown that shows ``text`` literally (also inside a table cell)."""
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_PUNCTUATION.sub(r"\\\1", text)


def md_code(text: str, cell: bool = True) -> str:
    """``text`` as a code span; in a table ``cell`` pipes are escaped, as GFM tables require."""
    text = " ".join(text.split())
    if not text:
        return ""
    fence = "`"
    while fence in text:
        fence += "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    if cell:
        text = text.replace("|", "\\|")
    return f"{fence}{pad}{text}{pad}{fence}"


def _table(rows: list[list[str]], headers: list[str], align: tuple[str, ...] | None = None) -> str:
    return str(tabulate(rows, headers=headers, tablefmt="github", disable_numparse=True, colalign=align))


def _finding_row(view: FindingView) -> list[str]:
    return [
        view.at,
        md_text(view.speaker),
        f"{view.rule} {md_text(view.name)}",
        view.severity.label,
        md_code(view.figure),
        md_text(view.message),
        md_code(view.suggestion),
    ]


def _figure_item(number: int, view: FindingView) -> str:
    text = f"{number}. {md_code(view.figure, cell=False)} at {view.at}"
    if view.related:
        text += "; related: " + ", ".join(f"{md_code(r.text, cell=False)} at {r.at}" for r in view.related)
    if view.expected:
        text += f"; expected {md_text(view.expected)}"
    if view.suggestion:
        text += f"; suggestion {md_code(view.suggestion, cell=False)}"
        if view.reason:
            text += f" ({md_text(view.reason)})"
    return text


def _document_section(doc: DocumentResult) -> list[str]:
    views = finding_views(doc)
    out = [f"### {md_text(doc.id)}", "", md_text(document_phrase(doc)) + ".", ""]
    out.append(_table([_finding_row(v) for v in views],
                      ["line:col", "speaker", "rule", "severity", "figure", "message", "suggestion"]))
    out += ["", "Figures:", ""]
    out += [_figure_item(i, v) for i, v in enumerate(views, start=1)]
    out.append("")
    return out


def render(result: AuditResult) -> str:
    summary = summarise(result)
    findings = [f for d in result.documents for f in d.findings]
    out = [f"# {TITLE}", ""]
    out += [f"auditor {__version__}: {plural(summary.documents, 'document')}, {findings_phrase(findings)}.", ""]
    out += ["## Summary", ""]
    out.append(_table([[k, str(v)] for k, v in summary_rows(summary)], ["", "count"], ("left", "right")))
    if summary.rules:
        out += ["", _table([[r.rule, md_text(r.name), r.severity.label, str(r.count)] for r in summary.rules],
                           ["rule", "name", "severity", "findings"], ("left", "left", "left", "right"))]
    out += ["", "## How to read this report", ""]
    out += [f"- **{term}**: {md_text(text)}" for term, text in GUIDE]
    out.append("")

    with_findings = [d for d in result.documents if d.error is None and d.findings]
    clean = [d for d in result.documents if d.error is None and not d.findings]
    failed = [d for d in result.documents if d.error is not None]
    if with_findings:
        out += ["## Findings", ""]
        for doc in with_findings:
            out += _document_section(doc)
    if clean:
        out += ["## Documents with no findings", ""]
        rows = [[md_text(d.id), str(d.claims)] + [str(d.count(s)) for s in Status] for d in clean]
        out.append(_table(rows, ["document", "claims"] + [f"relations {s.value}" for s in Status],
                          ("left", "right", "right", "right", "right")))
        out.append("")
    if failed:
        out += ["## Documents not audited", ""]
        rows = [[md_text(d.id), md_text(d.error.kind), md_text(d.error.message)] for d in failed if d.error]
        out.append(_table(rows, ["document", "kind", "error"]))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
