"""Data-set totals: one function computes them; the JSON and text reports both show them."""

from __future__ import annotations

from dataclasses import dataclass

from auditor.diagnosis.finding import Status
from auditor.engine.severity import Severity
from auditor.results import AuditResult


@dataclass(frozen=True, slots=True)
class RuleCount:
    rule: str
    name: str
    severity: Severity
    count: int


@dataclass(frozen=True, slots=True)
class Summary:
    documents: int
    unreadable: int  # documents with an error entry (unreadable, timed out, internal error)
    claims: int
    checks: tuple[tuple[Status, int], ...]  # every Status, in enum order
    severities: tuple[tuple[Severity, int], ...]  # ERROR, WARNING, INFO
    rules: tuple[RuleCount, ...]  # sorted by rule code

    def check_count(self, status: Status) -> int:
        return dict(self.checks)[status]

    def severity_count(self, severity: Severity) -> int:
        return dict(self.severities)[severity]


def summarise(result: AuditResult) -> Summary:
    docs = result.documents
    severities = {s: 0 for s in sorted(Severity, reverse=True)}
    rules: dict[str, RuleCount] = {}
    for doc in docs:
        for finding in doc.findings:
            severities[finding.severity] += 1
            seen = rules.get(finding.rule)
            rules[finding.rule] = RuleCount(
                finding.rule,
                seen.name if seen else finding.name,
                max(seen.severity, finding.severity) if seen else finding.severity,
                (seen.count if seen else 0) + 1,
            )
    return Summary(
        documents=len(docs),
        unreadable=sum(1 for d in docs if d.error is not None),
        claims=sum(d.claims for d in docs),
        checks=tuple((s, sum(d.count(s) for d in docs)) for s in Status),
        severities=tuple(severities.items()),
        rules=tuple(rules[code] for code in sorted(rules)),
    )


def summary_table(summary: Summary) -> str:
    """Totals, then findings by rule (with severity) when there are any."""
    rows: list[list[object]] = [
        ["documents", summary.documents],
        ["documents with errors", summary.unreadable],
        ["claims", summary.claims],
    ]
    rows += [[f"relations {status.value}", n] for status, n in summary.checks]
    rows += [[f"findings: {severity.label}", n] for severity, n in summary.severities]
    from tabulate import (
        tabulate,  # here: the JSON and SARIF reports never pay for the import
    )

    out = str(tabulate(rows, headers=["data set", "count"], colalign=("left", "right")))
    if summary.rules:
        by_rule = [[r.rule, r.name, r.severity.label, r.count] for r in summary.rules]
        out += "\n\n" + tabulate(by_rule, headers=["rule", "name", "severity", "findings"],
                                 colalign=("left", "left", "left", "right"))
    return out
