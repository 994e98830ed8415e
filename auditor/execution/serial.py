"""``-j 1``: documents one after another in this process, no pool."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from auditor.execution.guard import WorkerSettings, run_guarded, warm_up
from auditor.ingest import Document, DocumentFailure
from auditor.results import DocumentResult
from auditor.run_options import RunOptions


def run_serial(items: Iterable[Document | DocumentFailure], options: RunOptions,
               settings: WorkerSettings) -> Iterator[DocumentResult]:
    if settings.timeout is not None:
        warm_up(options)  # the first document's limit should not pay for building the parsers
    for item in items:
        yield run_guarded(item, options, settings)
