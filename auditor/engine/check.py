"""Run every rule over one document's mentions and claims (placeholder)."""

from __future__ import annotations

from dataclasses import dataclass

from auditor.claims.mention import Mention
from auditor.diagnosis.finding import Finding, RelationRecord
from auditor.ingest.document import Document


@dataclass(frozen=True, slots=True)
class CheckOutcome:
    claims: int
    relations: tuple[RelationRecord, ...]
    findings: tuple[Finding, ...]


def check_document(document: Document, mentions: list[Mention]) -> CheckOutcome:
    return CheckOutcome(0, (), ())
