"""Choose the executor for a run: in-process, local pool or Dask."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from auditor.execution.guard import WorkerSettings
from auditor.ingest import Document, DocumentFailure
from auditor.results import DocumentResult
from auditor.run_options import RunOptions


@dataclass(frozen=True, slots=True)
class ExecutionOptions:
    jobs: int = 1
    engine: str = "local"  # "local" or "dask"
    scheduler: str | None = None  # Dask scheduler address; None starts a LocalCluster
    settings: WorkerSettings = field(default_factory=WorkerSettings)


def execute(items: Iterable[Document | DocumentFailure], options: RunOptions,
            execution: ExecutionOptions) -> Iterator[DocumentResult]:
    """Results in input order; documents are pulled only as workers have room for them."""
    if execution.engine == "dask":
        from auditor.execution.dask_cluster import run_dask

        return run_dask(items, options, execution.settings, execution.scheduler, execution.jobs)
    stream = iter(items)
    head = list(itertools.islice(stream, 2))
    whole = itertools.chain(head, stream)
    if execution.jobs <= 1 or len(head) < 2:  # one document is not worth a pool
        from auditor.execution.serial import run_serial

        return run_serial(whole, options, execution.settings)
    from auditor.execution.pool import LocalPool

    return LocalPool(execution.jobs, options, execution.settings).run(whole)
