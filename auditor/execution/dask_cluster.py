"""``--engine dask``: the same per-document function on a Dask distributed cluster.

The client reads the documents (ingest owns discovery: folders, globs, JSON
Lines, standard input) and ships each chunk with its task, so workers need the
``auditor`` package but not the client's files. Chunks are submitted in a
bounded window and results come back through ``as_completed``, reordered.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from typing import Any

from auditor.errors import UsageError
from auditor.execution.feed import Feed
from auditor.execution.guard import WorkerSettings, error_result, run_chunk, warm_up
from auditor.ingest import Document, DocumentFailure
from auditor.results import DocumentResult
from auditor.run_options import RunOptions

logger = logging.getLogger(__name__)

INSTALL_HINT = "install it with: pip install 'transcript-auditor[dask]'"
TASKS_PER_THREAD = 4  # chunks in flight per worker thread
CONNECT_SECONDS = 10


def import_distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise UsageError(f"--engine dask needs Dask distributed; {INSTALL_HINT}") from None
    return distributed


def quiet_dask_logs() -> None:
    """Dask logs cluster life (nannies, workers, comms) at INFO: keep it for ``--debug`` only."""
    if not logging.getLogger().isEnabledFor(logging.DEBUG):
        for name in ("distributed", "dask"):
            logging.getLogger(name).setLevel(logging.WARNING)


def run_dask(items: Iterable[Document | DocumentFailure], options: RunOptions, settings: WorkerSettings,
             scheduler: str | None, jobs: int) -> Iterator[DocumentResult]:
    """Results in input order. Without ``scheduler``, on a ``LocalCluster`` of ``jobs`` processes."""
    distributed = import_distributed()
    quiet_dask_logs()
    with ExitStack() as stack:
        if scheduler:
            try:
                client = stack.enter_context(distributed.Client(scheduler, timeout=CONNECT_SECONDS))
            except (OSError, TimeoutError) as exc:
                raise UsageError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        else:
            with warnings.catch_warnings():  # "Port 8787 is already in use": another cluster has it
                warnings.filterwarnings("ignore", message="Port .* is already in use", category=UserWarning)
                cluster = stack.enter_context(distributed.LocalCluster(
                    n_workers=jobs, threads_per_worker=1, processes=True, host="127.0.0.1",
                    dashboard_address=None,
                ))
            client = stack.enter_context(distributed.Client(cluster))
        if settings.timeout is not None:  # build parsers outside the first document's time limit
            client.run(warm_up, options)
        threads = max(1, sum(client.nthreads().values()))
        yield from _gather_in_order(client, distributed.as_completed(), Feed.of(items), options, settings,
                                    window=threads * TASKS_PER_THREAD)


def _gather_in_order(client: Any, completed: Any, feed: Feed, options: RunOptions, settings: WorkerSettings,
                     window: int) -> Iterator[DocumentResult]:
    done = feed.resolved
    chunks: dict[Any, list[tuple[int, Document]]] = {}
    next_out = 0
    ahead = window * feed.chunk_documents * 8  # numbering bound, as in the local pool

    def refill() -> None:
        while len(chunks) < window:
            chunk = feed.take(next_out + ahead)
            if not chunk:
                return
            future = client.submit(run_chunk, chunk, options, settings, pure=False)
            chunks[future] = chunk
            completed.add(future)

    refill()
    while True:
        while next_out in done:
            yield done.pop(next_out)
            next_out += 1
        if not chunks:
            if feed.exhausted and next_out >= feed.pulled:
                return
            refill()
            continue
        future = next(completed)
        chunk = chunks.pop(future)
        if future.status == "finished":
            done.update(future.result())
        else:  # the task itself failed (a worker died, a result did not deserialise): blame its chunk
            exc = future.exception()
            logger.warning("a Dask task failed: %r", exc)
            for seq, document in chunk:
                done[seq] = error_result(document, "internal",
                                         f"{document.id}: internal error: the Dask task failed: {type(exc).__name__}")
        future.release()
        refill()
