"""SARIF 2.1.0 reports, for code-scanning dashboards and editors.

One run; ``tool.driver.rules`` holds one reporting descriptor per rule class in
``engine.registry.RULES`` (code, name, docstring summary and its Fails/Passes
examples), so the metadata lives in the rule classes only.

Decisions a reader of the output should know:

* Regions are code points (``run.columnKind`` is ``unicodeCodePoints``) into the
  text as decoded (UTF-8, BOM stripped), the same offsets as the JSON report:
  for a plain-text transcript that is the file itself. For a structured source
  (a JSON transcript, or a JSON Lines record whose document id is
  ``path:LINE``) the audited text is the speeches joined, so a region names a
  place in that text, not in the file; results carry the document id in
  ``properties.document`` when it differs from the path, and get no ``fixes``
  (a replacement at those offsets would corrupt the file).
* ``endColumn`` is exclusive (the column just after the figure), as SARIF
  defines it.
* A document that could not be audited (unreadable, timed out, internal error)
  is an error-level ``toolExecutionNotification`` naming the file.
  ``executionSuccessful`` is false only when every document failed: the run
  goes on past a bad document, so the tool did run, and each failure is
  reported where SARIF consumers look for them (the CLI's exit status still
  flags unreadable documents).
"""

from __future__ import annotations

import json
import os
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from auditor import __version__
from auditor.claims.span import Span
from auditor.diagnosis.finding import Finding
from auditor.engine.registry import RULES
from auditor.engine.rule import Rule
from auditor.engine.severity import Severity
from auditor.reporting.json import implied_json, summary_json
from auditor.results import AuditResult, DocumentResult, Placement

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def sarif_level(severity: Severity) -> str:
    """SARIF's name for a severity: ``error``, ``warning`` or ``note``."""
    return _LEVELS[severity]


def artifact_uri(path: str) -> str:
    """The path as a URI reference: relative paths stay relative (percent-encoded), absolute ones become file URIs."""
    if os.path.isabs(path):
        return PurePath(path).as_uri()
    return quote(path.replace(os.sep, "/"), safe="/")


def _code_span(text: str) -> str:
    """Markdown inline code holding ``text`` whatever backticks it contains."""
    fence = "`"
    while fence in text:
        fence += "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def rule_descriptor(rule: type[Rule]) -> dict[str, Any]:
    summary = rule.summary()
    fails, passes = rule.example("Fails"), rule.example("Passes")
    text = f"{summary}\n\nFails: {fails}\nPasses: {passes}"
    markdown = f"{summary}\n\nFails: {_code_span(fails)}\n\nPasses: {_code_span(passes)}"
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": text},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": sarif_level(rule.severity)},
    }


def _is_file_text(doc: DocumentResult) -> bool:
    """Whether the document's offsets can address its file (not a JSON Lines record)."""
    return doc.id == doc.path


def region(placement: Placement, span: Span, snippet: bool = True) -> dict[str, Any]:
    start = placement.locate(span)
    end = placement.locate(Span(span.end, span.end, ""))
    out: dict[str, Any] = {
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
        "charOffset": span.start,
        "charLength": span.end - span.start,
    }
    if snippet:
        out["snippet"] = {"text": span.text}
    return out


def _physical(uri: str, placement: Placement, span: Span) -> dict[str, Any]:
    return {"artifactLocation": {"uri": uri}, "region": region(placement, span)}


def result_message(finding: Finding) -> str:
    """The finding's message, then its suggestion, as sentences."""
    text = _sentence(finding.message)
    if finding.suggestion is not None:
        suggestion = f"Suggestion: {finding.suggestion.replacement!r}"
        if finding.suggestion.reason:
            suggestion += f" ({finding.suggestion.reason})"
        text += " " + _sentence(suggestion)
    return text


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def result_json(doc: DocumentResult, finding: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    uri = artifact_uri(doc.path)
    placement = doc.placement
    out: dict[str, Any] = {"ruleId": finding.rule}
    if finding.rule in rule_index:
        out["ruleIndex"] = rule_index[finding.rule]
    out["level"] = sarif_level(finding.severity)
    out["message"] = {"text": result_message(finding)}
    out["locations"] = [{"physicalLocation": _physical(uri, placement, finding.location)}]
    if finding.related:
        out["relatedLocations"] = [
            {"id": i, "physicalLocation": _physical(uri, placement, span), "message": {"text": "related figure"}}
            for i, span in enumerate(finding.related, start=1)
        ]
    if finding.suggestion is not None and _is_file_text(doc):
        out["fixes"] = [{
            "description": {"text": f"Replace {finding.location.text!r} with {finding.suggestion.replacement!r}"},
            "artifactChanges": [{
                "artifactLocation": {"uri": uri},
                "replacements": [{
                    "deletedRegion": region(placement, finding.location, snippet=False),
                    "insertedContent": {"text": finding.suggestion.replacement},
                }],
            }],
        }]
    loc = placement.locate(finding.location)
    properties: dict[str, Any] = {"name": finding.name}
    if not _is_file_text(doc):
        properties["document"] = doc.id
    if loc.speaker is not None:
        properties["speaker"] = loc.speaker
    if loc.timestamp is not None:
        properties["timestamp"] = loc.timestamp
    if finding.stated is not None:
        properties["stated"] = finding.stated
    expected = implied_json(finding.expected)
    if expected is not None:
        properties["expected"] = expected["display"]
        properties["expectedLow"] = expected["low"]
        properties["expectedHigh"] = expected["high"]
    if finding.suggestion is not None:
        properties["suggestion"] = finding.suggestion.replacement
        properties["suggestionReason"] = finding.suggestion.reason
    out["properties"] = properties
    return out


def notification_json(doc: DocumentResult) -> dict[str, Any]:
    assert doc.error is not None
    message = doc.error.message
    if not message.startswith((doc.path, doc.id)):
        message = f"{doc.id}: {message}"
    return {
        "level": "error",
        "message": {"text": f"not audited: {message}"},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(doc.path)}}}],
        "properties": {"kind": doc.error.kind, "document": doc.id},
    }


def sarif_log(result: AuditResult) -> dict[str, Any]:
    """The SARIF log as a JSON-ready dict (``render`` serialises it)."""
    rule_index = {rule.code: i for i, rule in enumerate(RULES)}
    failed = [d for d in result.documents if d.error is not None]
    results = [
        result_json(doc, finding, rule_index)
        for doc in result.documents if doc.error is None
        for finding in doc.findings
    ]
    invocation: dict[str, Any] = {
        "executionSuccessful": not (failed and len(failed) == len(result.documents)),
    }
    if failed:
        invocation["toolExecutionNotifications"] = [notification_json(d) for d in failed]
    run = {
        "tool": {
            "driver": {
                "name": "auditor",
                "version": __version__,
                "rules": [rule_descriptor(rule) for rule in RULES],
            },
        },
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": {"summary": summary_json(result)},
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def render(result: AuditResult) -> str:
    return json.dumps(sarif_log(result), indent=2, ensure_ascii=False) + "\n"
