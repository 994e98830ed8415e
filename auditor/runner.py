"""One document through the pipeline; a data set is a map of these functions.

Both functions are pure and take and return picklable values, so a process
pool or a distributed engine can run them anywhere.
"""

from __future__ import annotations

import functools
from pathlib import Path

from auditor.diagnosis.diagnose import diagnose, relation_records
from auditor.engine.check import evaluate_document
from auditor.extraction.scan import scan_text
from auditor.ingest import DocumentFailure
from auditor.ingest.document import Document
from auditor.results import DocumentResult, Placement, failed_result
from auditor.run_options import RunOptions
from auditor.vocabulary.model import Vocabulary
from auditor.vocabulary.packs import load_vocabulary


@functools.lru_cache(maxsize=8)
def vocabulary_for(rules: tuple[str, ...]) -> Vocabulary:
    """The bundled vocabulary plus the user's packs, loaded once per process."""
    return load_vocabulary(tuple(Path(r) for r in rules))


def scan_document(document: Document) -> DocumentResult:
    mentions = tuple(scan_text(document.text))
    return DocumentResult(
        id=document.id, path=document.path, placement=Placement.of(document),
        mentions=mentions, size=len(document.text),
    )


def audit_document(document: Document, rules: tuple[str, ...] = ()) -> DocumentResult:
    mentions = scan_text(document.text)
    evaluation = evaluate_document(document, mentions, vocabulary_for(rules))
    return DocumentResult(
        id=document.id, path=document.path, placement=Placement.of(document),
        claims=len(evaluation.claims), findings=diagnose(evaluation), relations=relation_records(evaluation),
        unverifiable=evaluation.unverifiable, size=len(document.text),
    )


def run_one(item: Document | DocumentFailure, options: RunOptions) -> DocumentResult:
    """The per-document function every executor maps (the only broad ``except`` lives in the caller)."""
    if isinstance(item, DocumentFailure):
        return failed_result(item)
    if options.mode == "scan":
        return scan_document(item)
    return audit_document(item, options.rules)
