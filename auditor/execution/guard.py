"""The per-document loop body: the one place a broad ``except`` lives.

Every executor (in-process, local pool, Dask) runs documents through
``run_guarded`` so that one bad document becomes that document's error entry
and the run goes on.
"""

from __future__ import annotations

import logging
import os
import signal
import time
from dataclasses import dataclass

from auditor.execution.timelimit import DocumentTimeout, time_limit
from auditor.ingest import Document, DocumentFailure
from auditor.results import DocumentError, DocumentResult, failed_result
from auditor.run_options import RunOptions

logger = logging.getLogger(__name__)

# Test hooks (only honoured with WorkerSettings.stall_hooks): a document whose text
# contains one of these markers stalls, so the time limit can be tested quickly.
STALL_SPIN = "@@auditor-stall-spin@@"    # pure-Python busy loop (SIGALRM interrupts it)
STALL_BLOCK = "@@auditor-stall-block@@"  # blocks SIGALRM and sleeps (only a kill stops it)
STALL_CRASH = "@@auditor-stall-crash@@"  # the worker process dies abruptly
STALL_RAISE = "@@auditor-stall-raise@@"  # an unexpected exception
_STALL_CAP_SECONDS = 60.0


@dataclass(frozen=True, slots=True)
class WorkerSettings:
    """What a worker needs besides ``RunOptions``: the time limit and test hooks."""

    timeout: float | None = None
    stall_hooks: bool = False


def label(item: Document | DocumentFailure) -> str:
    return item.id or item.path


def error_result(item: Document | DocumentFailure, kind: str, message: str) -> DocumentResult:
    return DocumentResult(id=item.id, path=item.path, error=DocumentError(kind, message))


def timeout_result(item: Document | DocumentFailure, seconds: float | None) -> DocumentResult:
    return error_result(item, "timeout", f"{label(item)}: gave up after {seconds:g} s (--timeout-per-document)")


def run_guarded(item: Document | DocumentFailure, options: RunOptions,
                settings: WorkerSettings = WorkerSettings()) -> DocumentResult:
    """``runner.run_one`` with a time limit; any unexpected exception becomes the document's error.
    The pipeline is imported here, in the process that runs documents: a process that only
    dispatches them to workers never loads it."""
    if isinstance(item, DocumentFailure):
        return failed_result(item)
    from auditor import runner
    try:
        with time_limit(settings.timeout):
            if settings.stall_hooks:
                _stall_if_asked(item)
            return runner.run_one(item, options)
    except DocumentTimeout:
        return timeout_result(item, settings.timeout)
    except Exception as exc:  # the per-document loop's one broad except (STYLE.md)
        logger.debug("internal error in %s", label(item), exc_info=True)
        return error_result(item, "internal", f"{label(item)}: internal error: {type(exc).__name__}: {exc}")


WARM_UP_TEXT = "Revenue grew 12% to $58.0 million from $51.8 million, and gross margin was 41.5%."


def warm_up(options: RunOptions) -> None:
    """Build the parsers and load the rules before the first timed document.

    A worker's first document would otherwise pay the one-time set-up within
    its own time limit.
    """
    run_guarded(Document(id="<warm-up>", path="<warm-up>", text=WARM_UP_TEXT), options)


def run_chunk(chunk: list[tuple[int, Document]], options: RunOptions,
              settings: WorkerSettings) -> list[tuple[int, DocumentResult]]:
    """A batch of numbered documents (the unit of work a Dask task carries)."""
    return [(seq, run_guarded(doc, options, settings)) for seq, doc in chunk]


def _stall_if_asked(document: Document) -> None:
    text = document.text
    deadline = time.monotonic() + _STALL_CAP_SECONDS
    if STALL_SPIN in text:
        while time.monotonic() < deadline:
            pass
    elif STALL_BLOCK in text:
        if hasattr(signal, "pthread_sigmask"):
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(_STALL_CAP_SECONDS)
    elif STALL_CRASH in text and _in_worker_process():
        os._exit(70)  # only ever in a worker process, never the caller's
    elif STALL_RAISE in text:
        raise RuntimeError("stall hook asked for an unexpected exception")


def _in_worker_process() -> bool:
    import multiprocessing  # only this test hook needs it; a plain run skips the 8 ms import

    return multiprocessing.parent_process() is not None
