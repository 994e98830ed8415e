"""SARIF, JUnit, Markdown and HTML reports of a small audit of our own sentences.

The fixture call has one definite error, placed by hand:

    line 1: "Dana Whitfield - (00:01:05)"
    line 2: "Revenue grew 12% from $50.0 million to $58.0 million. ..."
             "Revenue grew " is 13 characters, so "12%" spans columns 14-16 (end column 17);
             "Revenue grew 12% from " is 22, so "$50.0 million" starts at column 23.
    58.0 / 50.0 - 1 = 16%, so "12%" is blamed and "16%" suggested.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

import pytest

from auditor.claims.span import Span
from auditor.diagnosis.finding import Finding, Suggestion
from auditor.engine.registry import RULES
from auditor.engine.severity import Severity
from auditor.ingest.document import Document, Segment
from auditor.reporting import html, junit, markdown, sarif
from auditor.results import AuditResult, DocumentError, DocumentResult, Placement
from auditor.runner import audit_document

PATH = "calls/harbor-q2.txt"
HEAD = "Dana Whitfield - (00:01:05)\n"
BODY = "Revenue grew 12% from $50.0 million to $58.0 million. Services revenue was $30.0 million.\n"
TEXT = HEAD + BODY
CLEAN = "Revenue grew 16% from $50.0 million to $58.0 million.\n"
RATE = TEXT.index("12%")
HOSTILE = "<script>alert('x')</script> & a | pipe"

Render = Callable[[AuditResult], str]
RENDERERS: dict[str, Render] = {"sarif": sarif.render, "junit": junit.render, "markdown": markdown.render,
                                "html": html.render}


def audited() -> DocumentResult:
    segment = Segment(0, len(HEAD), len(TEXT), speaker="Dana Whitfield", timestamp="00:01:05")
    return audit_document(Document(PATH, PATH, TEXT, (segment,)))


def unreadable() -> DocumentResult:
    return DocumentResult(id="calls/broken.txt", path="calls/broken.txt",
                          error=DocumentError("encoding", "calls/broken.txt: not UTF-8 text at byte 7"))


def audit_result() -> AuditResult:
    clean = audit_document(Document("calls/clean.txt", "calls/clean.txt", CLEAN))
    return AuditResult((audited(), clean, unreadable()))


def hostile_result() -> AuditResult:
    """A finding whose message and figure try to inject markup (built by hand)."""
    doc = audited()
    finding = Finding("AUD102", "growth-mismatch", Severity.ERROR, HOSTILE, Span(RATE, RATE + 3, "12%"),
                      suggestion=Suggestion("<b>16%</b>", "because <i>"))
    return AuditResult((DocumentResult(id=doc.id, path=doc.path, placement=doc.placement, findings=(finding,)),))


@pytest.fixture(scope="module")
def result() -> AuditResult:
    return audit_result()


@pytest.fixture(scope="module")
def log(result: AuditResult) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(sarif.render(result))
    return loaded


def the_growth_result(log: dict[str, Any]) -> dict[str, Any]:
    found: list[dict[str, Any]] = [r for r in log["runs"][0]["results"] if r["ruleId"] == "AUD102"]
    assert len(found) == 1
    return found[0]


# --- SARIF --------------------------------------------------------------------

def test_fixture_audit_finds_the_growth_error(result: AuditResult) -> None:
    """The fixture's audit blames '12%' and suggests '16%' (the premise of the other tests)."""
    [finding] = [f for f in result.documents[0].findings if f.rule == "AUD102"]
    assert finding.location == Span(RATE, RATE + 3, "12%")
    assert finding.suggestion is not None and finding.suggestion.replacement == "16%"


def test_sarif_log_header_and_single_run(log: dict[str, Any]) -> None:
    """The log names the 2.1.0 schema and version and holds one run of the auditor driver."""
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    [run] = log["runs"]
    assert run["tool"]["driver"]["name"] == "auditor"
    assert run["tool"]["driver"]["version"]
    assert "informationUri" not in run["tool"]["driver"]
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_rules_come_from_the_rule_classes(log: dict[str, Any]) -> None:
    """One descriptor per rule class, in RULES order, with summary, examples and default level."""
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [cls.code for cls in RULES]
    levels = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    for descriptor, cls in zip(rules, RULES):
        assert descriptor["name"] == cls.name
        assert descriptor["shortDescription"]["text"] == cls.summary()
        for text in (descriptor["fullDescription"]["text"], descriptor["help"]["text"], descriptor["help"]["markdown"]):
            assert cls.example("Fails") in text and cls.example("Passes") in text
        assert descriptor["defaultConfiguration"]["level"] == levels[cls.severity]


def test_sarif_result_rule_level_and_region(log: dict[str, Any]) -> None:
    """The growth error: rule id and index, level, and the region of '12%' checked by hand."""
    found = the_growth_result(log)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert rules[found["ruleIndex"]]["id"] == "AUD102"
    assert found["level"] == "error"
    location = found["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == PATH
    assert location["region"] == {
        "startLine": 2, "startColumn": 14, "endLine": 2, "endColumn": 17,
        "charOffset": RATE, "charLength": 3, "snippet": {"text": "12%"},
    }


def test_sarif_message_carries_the_suggestion(log: dict[str, Any]) -> None:
    """message.text is the finding's message followed by the suggested replacement."""
    text = the_growth_result(log)["message"]["text"]
    assert text.startswith("revenue")
    assert "Suggestion: '16%'" in text


def test_sarif_related_figures(log: dict[str, Any]) -> None:
    """The from/to figures are related locations with ids and the message 'related figure'."""
    related = the_growth_result(log)["relatedLocations"]
    assert [r["id"] for r in related] == [1, 2]
    assert all(r["message"]["text"] == "related figure" for r in related)
    regions = [r["physicalLocation"]["region"] for r in related]
    assert [r["snippet"]["text"] for r in regions] == ["$50.0 million", "$58.0 million"]
    assert (regions[0]["startLine"], regions[0]["startColumn"]) == (2, 23)


def test_sarif_fix_replaces_the_region(log: dict[str, Any]) -> None:
    """The fix replaces the blamed region by the suggestion; applied to the text it reads 16%."""
    [fix] = the_growth_result(log)["fixes"]
    [change] = fix["artifactChanges"]
    assert change["artifactLocation"]["uri"] == PATH
    [replacement] = change["replacements"]
    deleted = replacement["deletedRegion"]
    assert (deleted["startLine"], deleted["startColumn"], deleted["endColumn"]) == (2, 14, 17)
    start, length = deleted["charOffset"], deleted["charLength"]
    fixed = TEXT[:start] + replacement["insertedContent"]["text"] + TEXT[start + length:]
    assert "Revenue grew 16% from $50.0 million" in fixed


def test_sarif_properties_place_the_speaker(log: dict[str, Any]) -> None:
    """Speaker, timestamp and the expected interval's display ride in the result's properties."""
    props = the_growth_result(log)["properties"]
    assert props["speaker"] == "Dana Whitfield"
    assert props["timestamp"] == "00:01:05"
    assert props["expected"] == "15.8% to 16.2%"


def test_sarif_unreadable_document_is_a_notification(log: dict[str, Any]) -> None:
    """A document that could not be read is an error notification naming it; the run still succeeded."""
    [invocation] = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is True
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert "calls/broken.txt" in note["message"]["text"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "calls/broken.txt"
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert "calls/broken.txt" not in uris


def test_sarif_execution_fails_only_when_every_document_failed() -> None:
    """executionSuccessful is false when no document could be audited."""
    log = json.loads(sarif.render(AuditResult((unreadable(),))))
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is False
    assert log["runs"][0]["results"] == []


def test_sarif_columns_count_code_points() -> None:
    """A character outside the BMP counts one column (code points), not two (UTF-16)."""
    text = "\N{GRINNING FACE} up 12%\n"
    start = text.index("12%")
    placement = Placement.of(Document("x.txt", "x.txt", text))
    region = sarif.region(placement, Span(start, start + 3, "12%"))
    assert (region["startColumn"], region["endColumn"], region["charOffset"]) == (6, 9, 5)


def test_sarif_json_lines_record_gets_no_fix(result: AuditResult) -> None:
    """Offsets of a JSON Lines record address its joined text, not the file: no fix, the record id in properties."""
    doc = result.documents[0]
    record = DocumentResult(id="calls/all.jsonl:3", path="calls/all.jsonl", placement=doc.placement,
                            findings=doc.findings)
    [found] = json.loads(sarif.render(AuditResult((record,))))["runs"][0]["results"]
    assert "fixes" not in found
    assert found["properties"]["document"] == "calls/all.jsonl:3"


def test_sarif_uri_is_a_uri_reference() -> None:
    """Relative paths stay relative but are percent-encoded; absolute paths become file URIs."""
    assert sarif.artifact_uri("calls/q2 call#1.txt") == "calls/q2%20call%231.txt"
    assert sarif.artifact_uri("/data/q2.txt") == "file:///data/q2.txt"


def test_sarif_has_the_fields_the_schema_requires(log: dict[str, Any]) -> None:
    """Required SARIF 2.1.0 properties and enums (the output was also checked against the schema by hand)."""
    assert set(log) >= {"version", "runs"}
    run = log["runs"][0]
    assert "driver" in run["tool"] and "name" in run["tool"]["driver"]
    assert all("executionSuccessful" in inv for inv in run["invocations"])
    for res in run["results"]:
        assert "text" in res["message"]
        assert res["level"] in {"none", "note", "warning", "error"}
        for loc in (*res["locations"], *res.get("relatedLocations", ())):
            region = loc["physicalLocation"]["region"]
            assert region["startLine"] >= 1 and region["startColumn"] >= 1
            assert (region["endLine"], region["endColumn"]) >= (region["startLine"], region["startColumn"])
        for fix in res.get("fixes", ()):
            for change in fix["artifactChanges"]:
                assert "artifactLocation" in change and len(change["replacements"]) >= 1
                assert all("deletedRegion" in r for r in change["replacements"])
    for note in run["invocations"][0].get("toolExecutionNotifications", ()):
        assert "text" in note["message"]


# --- JUnit --------------------------------------------------------------------

@pytest.fixture(scope="module")
def suites(result: AuditResult) -> dict[str, ET.Element]:
    root = ET.fromstring(junit.render(result))
    assert root.tag == "testsuites"
    return {s.get("name", ""): s for s in root.iter("testsuite")}


def test_junit_suite_per_document_with_counts(suites: dict[str, ET.Element]) -> None:
    """One suite per document; tests/failures/errors equal the cases and their failure/error elements."""
    assert list(suites) == [PATH, "calls/clean.txt", "calls/broken.txt"]
    for suite in suites.values():
        cases = suite.findall("testcase")
        assert suite.get("tests") == str(len(cases))
        assert suite.get("failures") == str(sum(1 for c in cases if c.find("failure") is not None))
        assert suite.get("errors") == str(sum(1 for c in cases if c.find("error") is not None))
    assert suites[PATH].get("failures") == "1"
    assert suites["calls/broken.txt"].get("errors") == "1"


def test_junit_failure_names_rule_place_and_suggestion(suites: dict[str, ET.Element]) -> None:
    """The finding's case: classname the rule code, name 'path:line:col rule-name', failure typed by severity."""
    [case] = [c for c in suites[PATH].iter("testcase") if c.find("failure") is not None]
    assert case.get("classname") == "AUD102"
    assert case.get("name") == f"{PATH}:2:14 growth-mismatch"
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("type") == "error"
    assert "16%" in (failure.text or "") and "Dana Whitfield" in (failure.text or "")


def test_junit_clean_document_passes(suites: dict[str, ET.Element]) -> None:
    """A clean document shows a passing 'no findings' case and no failure."""
    clean = suites["calls/clean.txt"]
    assert clean.get("failures") == "0"
    assert "no findings" in [c.get("name") for c in clean.iter("testcase")]


def test_junit_unreadable_document_is_an_error(suites: dict[str, ET.Element]) -> None:
    """An unreadable document is one case with an <error> of its kind."""
    [case] = suites["calls/broken.txt"].findall("testcase")
    error = case.find("error")
    assert error is not None and error.get("type") == "encoding"
    assert "not UTF-8" in (error.get("message") or "")


def test_junit_properties_count_claims_and_relations(suites: dict[str, ET.Element], result: AuditResult) -> None:
    """Each suite carries claims and relation counts by status."""
    props = {p.get("name"): p.get("value") for p in suites[PATH].iter("property")}
    doc = result.documents[0]
    assert props["claims"] == str(doc.claims)
    assert props["relations.failed"] == "1"
    assert set(props) >= {"relations.passed", "relations.unverifiable"}


def test_junit_info_finding_passes() -> None:
    """An info finding is a passing case whose note is in system-out."""
    doc = audited()
    note = Finding("AUD201", "restatement-mismatch", Severity.INFO, "a note", Span(RATE, RATE + 3, "12%"))
    root = ET.fromstring(junit.render(AuditResult((DocumentResult(id=PATH, path=PATH, placement=doc.placement,
                                                                  findings=(note,)),))))
    [case] = root.iter("testcase")
    assert case.find("failure") is None and "a note" in (case.findtext("system-out") or "")
    assert root.get("failures") == "0"


def test_junit_escapes_markup_and_control_characters() -> None:
    """Markup in a message survives as text, and a control character XML cannot hold is written visibly."""
    doc = audited()
    finding = Finding("AUD102", "growth-mismatch", Severity.ERROR, HOSTILE + "\x0c", Span(RATE, RATE + 3, "12%"))
    out = junit.render(AuditResult((DocumentResult(id=PATH, path=PATH, placement=doc.placement, findings=(finding,)),)))
    failure = ET.fromstring(out).find(".//failure")
    assert failure is not None and failure.get("message") == HOSTILE + "\\x0c"
    assert "<script>" not in out


# --- Markdown and HTML ----------------------------------------------------------

def test_markdown_report_shows_the_finding_and_its_figures(result: AuditResult) -> None:
    """The report has a title, the run summary, the finding row, its figures and the unreadable document."""
    out = markdown.render(result)
    assert out.startswith("# Audit report\n")
    assert "## Summary" in out and "## How to read this report" in out
    row = next(line for line in out.splitlines() if line.startswith("| 2:14 "))
    assert "Dana Whitfield (00:01:05)" in row and "AUD102 growth-mismatch" in row and "`12%`" in row
    assert "`16%`" in row
    assert "`12%` at 2:14; related: `$50.0 million` at 2:23, `$58.0 million` at 2:40" in out
    assert "expected 15.8% to 16.2%" in out
    assert "calls/broken.txt" in out and "not UTF-8 text" in out
    assert "calls/clean.txt" in out


def test_markdown_escapes_markup() -> None:
    """A message with HTML and table syntax is shown literally: entities for <, >, & and an escaped pipe.

    Figures and suggestions sit in code spans, where Markdown shows markup literally."""
    out = markdown.render(hostile_result())
    assert "<script>" not in out
    assert "&lt;script&gt;" in out
    assert out.count("<b>") == out.count("`<b>16%</b>`")
    row = next(line for line in out.splitlines() if line.startswith("| 2:14 "))
    assert "a \\| pipe" in row
    assert len(re.split(r"(?<!\\)\|", row)) == 2 + 7  # seven cells between the outer pipes


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [name for name, _ in attrs]


def test_html_report_shows_the_finding(result: AuditResult) -> None:
    """The page holds the finding (rule, figure, suggestion, speaker), a severity badge and the unreadable file."""
    out = html.render(result)
    assert out.startswith("<!DOCTYPE html>")
    assert "AUD102" in out and "<code class=\"blamed\">12%</code>" in out and "16%" in out
    assert "Dana Whitfield (00:01:05)" in out
    assert '<span class="badge error">error</span>' in out
    assert "calls/broken.txt" in out and "not UTF-8 text" in out


def test_html_is_self_contained_and_escaped() -> None:
    """No script, no external asset, and markup in a message or suggestion is escaped."""
    out = html.render(hostile_result())
    parser = _Tags()
    parser.feed(out)
    assert "script" not in parser.tags and "link" not in parser.tags and "img" not in parser.tags
    assert "src" not in parser.attributes and "href" not in parser.attributes
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; a | pipe" in out
    assert "&lt;b&gt;16%&lt;/b&gt;" in out and "<b>" not in out


# --- All formats ----------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_render_is_deterministic(name: str) -> None:
    """The same audit renders to the same bytes, twice and from a fresh audit."""
    render = RENDERERS[name]
    first = render(audit_result())
    assert render(audit_result()) == first
    assert render(hostile_result()) == render(hostile_result())


@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_render_handles_an_empty_run(name: str) -> None:
    """No documents still renders a well-formed report."""
    out = RENDERERS[name](AuditResult(()))
    assert out.endswith("\n")
