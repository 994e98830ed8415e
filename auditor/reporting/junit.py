"""JUnit XML reports, so CI systems show an audit as tests.

One ``<testsuite>`` per document (named by its id: the path, or ``path:LINE``
for a JSON Lines record). Its test cases:

* one per finding: ``classname`` the rule code, ``name``
  ``"path:line:col rule-name"``; errors and warnings carry a ``<failure>``
  (``type`` the severity), infos pass and carry their note in ``<system-out>``;
* one passing case per relation that passed, named the same way after its
  first (stated) figure, so a dashboard counts what was verified and not only
  what failed;
* a passing ``"no findings"`` case when the document has no finding, so a
  clean document shows green even when it states nothing checkable;
* for a document that could not be audited, a single ``"read document"`` case
  with an ``<error>`` (``type`` the error kind).

``tests``/``failures``/``errors``/``skipped`` always equal the cases written,
so every consumer (those that count elements and those that read attributes)
shows the same numbers. Claim and relation counts (passed, failed,
unverifiable) are in the suite's ``<properties>``.

Text that XML 1.0 cannot hold (control characters a transcript may contain)
is written as ``\\xNN``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from auditor import __version__
from auditor.claims.span import Span
from auditor.diagnosis.finding import Finding, RelationRecord, Status
from auditor.engine.registry import rule_by_code
from auditor.engine.severity import Severity
from auditor.results import AuditResult, DocumentResult, Location

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """``text`` with every character XML 1.0 forbids written as a visible escape."""
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _element(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: xml_safe(v) for k, v in attributes.items()})
    if text is not None:
        element.text = xml_safe(text)
    return element


def case_name(doc: DocumentResult, location: Location, rule_name: str) -> str:
    return f"{doc.id}:{location.line}:{location.column} {rule_name}"


def _where(location: Location) -> str:
    text = f"line {location.line}, column {location.column}"
    if location.speaker:
        text += f", {location.speaker}"
    if location.timestamp:
        text += f" ({location.timestamp})"
    return text


def failure_text(doc: DocumentResult, finding: Finding) -> str:
    """The finding spelled out: figure and place, related figures, expected value, suggestion."""
    place = doc.placement
    loc = place.locate(finding.location)
    lines = [finding.message, f"figure: {finding.location.text!r} at {_where(loc)}"]
    for span in finding.related:
        rel = place.locate(span)
        lines.append(f"related figure: {span.text!r} at line {rel.line}, column {rel.column}")
    if finding.expected is not None:
        lines.append(f"expected: {finding.expected.display}")
    if finding.suggestion is not None:
        lines.append(f"suggestion: {finding.suggestion.replacement!r} ({finding.suggestion.reason})"
                     if finding.suggestion.reason else f"suggestion: {finding.suggestion.replacement!r}")
    return "\n".join(lines)


def _is_failure(finding: Finding) -> bool:
    return finding.severity >= Severity.WARNING


def _finding_case(suite: ET.Element, doc: DocumentResult, finding: Finding) -> None:
    loc = doc.placement.locate(finding.location)
    case = _element(suite, "testcase", classname=finding.rule, name=case_name(doc, loc, finding.name),
                    file=doc.path, line=str(loc.line))
    if _is_failure(finding):
        _element(case, "failure", failure_text(doc, finding), message=finding.message, type=finding.severity.label)
    else:
        _element(case, "system-out", failure_text(doc, finding))


def _relation_case(suite: ET.Element, doc: DocumentResult, record: RelationRecord) -> None:
    first = record.figures[0] if record.figures else Span(0, 0, "")
    loc = doc.placement.locate(first)
    try:
        name = rule_by_code(record.rule).name
    except KeyError:
        name = record.rule
    _element(suite, "testcase", classname=record.rule, name=case_name(doc, loc, name),
             file=doc.path, line=str(loc.line))


def _properties(suite: ET.Element, doc: DocumentResult) -> None:
    props = _element(suite, "properties")
    _element(props, "property", name="claims", value=str(doc.claims))
    for status in Status:
        _element(props, "property", name=f"relations.{status.value}", value=str(doc.count(status)))
    if doc.error is not None:
        _element(props, "property", name="error.kind", value=doc.error.kind)


def document_suite(doc: DocumentResult) -> ET.Element:
    suite = ET.Element("testsuite", {"name": xml_safe(doc.id)})
    _properties(suite, doc)
    if doc.error is not None:
        case = _element(suite, "testcase", classname="auditor", name="read document", file=doc.path)
        _element(case, "error", doc.error.message, message=doc.error.message, type=doc.error.kind)
        tests, failures, errors = 1, 0, 1
    else:
        for finding in doc.findings:
            _finding_case(suite, doc, finding)
        passed = [r for r in doc.relations if r.status is Status.PASSED]
        for record in passed:
            _relation_case(suite, doc, record)
        if not doc.findings:
            _element(suite, "testcase", classname="auditor", name="no findings", file=doc.path)
        tests = len(doc.findings) + len(passed) + (0 if doc.findings else 1)
        failures, errors = sum(1 for f in doc.findings if _is_failure(f)), 0
    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    suite.set("skipped", "0")
    return suite


def junit_tree(result: AuditResult) -> ET.Element:
    root = ET.Element("testsuites", {"name": "auditor"})
    totals = {"tests": 0, "failures": 0, "errors": 0}
    suites = [document_suite(doc) for doc in result.documents]
    for suite in suites:
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
    for key, value in totals.items():
        root.set(key, str(value))
    root.extend(suites)
    return root


def render(result: AuditResult) -> str:
    root = junit_tree(result)
    root.insert(0, ET.Comment(f" auditor {__version__} "))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
