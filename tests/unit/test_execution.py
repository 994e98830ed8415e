"""Executors: time limits, the local pool's watchdog, order and bounded memory."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from auditor import runner
from auditor.errors import InputError
from auditor.execution.dispatch import ExecutionOptions, execute
from auditor.execution.guard import (
    STALL_BLOCK,
    STALL_CRASH,
    STALL_RAISE,
    STALL_SPIN,
    WorkerSettings,
    run_guarded,
)
from auditor.execution.pool import WINDOW_PER_WORKER, LocalPool
from auditor.execution.timelimit import DocumentTimeout, time_limit
from auditor.ingest import Document, DocumentFailure
from auditor.runner import RunOptions

CHECK = RunOptions(mode="check")


def spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def docs(texts: list[str]) -> list[Document]:
    return [Document(id=f"doc-{i}", path=f"doc-{i}.txt", text=t) for i, t in enumerate(texts)]


def test_signal_time_limit_interrupts_python_work() -> None:
    """In the main thread, SIGALRM stops a busy loop at the limit."""
    start = time.monotonic()
    with pytest.raises(DocumentTimeout), time_limit(0.1):
        spin(5)
    assert time.monotonic() - start < 1


def test_thread_time_limit_interrupts_python_work() -> None:
    """Outside the main thread (a Dask worker thread), an asynchronous exception stops the loop."""
    outcome: list[str] = []

    def work() -> None:
        try:
            with time_limit(0.1):
                spin(5)
            outcome.append("finished")
        except DocumentTimeout:
            outcome.append("timeout")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(3)
    assert outcome == ["timeout"]


def test_time_limit_leaves_fast_work_alone() -> None:
    """Work inside the limit is untouched, and no stray timeout fires afterwards."""
    with time_limit(0.2):
        spin(0.01)
    spin(0.4)  # past the old deadline: nothing may be raised here


def test_run_guarded_reports_unexpected_exceptions() -> None:
    """An exception in the pipeline becomes the document's error entry of kind internal."""
    [doc] = docs([f"boom {STALL_RAISE}"])
    result = run_guarded(doc, CHECK, WorkerSettings(stall_hooks=True))
    assert result.error is not None and result.error.kind == "internal"
    assert "doc-0" in result.error.message


def test_hooks_are_inert_unless_enabled() -> None:
    """A document that happens to contain a hook marker is audited normally by default."""
    [doc] = docs([f"boom {STALL_RAISE}"])
    assert run_guarded(doc, CHECK).error is None


def test_failures_keep_their_kind() -> None:
    """An unreadable document's error kind survives the executors (it never crosses a pipe)."""
    failure = DocumentFailure("bad.txt", "bad.txt", InputError("bad.txt: empty document", "empty"))
    items = [*docs(["a", "b", "c"]), failure]
    for jobs in (1, 2):
        results = list(execute(items, CHECK, ExecutionOptions(jobs=jobs)))
        assert results[-1].error is not None and results[-1].error.kind == "empty"


def test_pool_stops_overruns_and_crashes_and_keeps_order() -> None:
    """Spinning, blocked and crashing documents each get their own error; the others keep input order."""
    texts = [f"slow {STALL_SPIN}", "fine one", f"blocked {STALL_BLOCK}", "fine two", f"dies {STALL_CRASH}",
             "fine three", "fine four"]
    pool = LocalPool(2, CHECK, WorkerSettings(timeout=0.3, stall_hooks=True))
    start = time.monotonic()
    results = list(pool.run(docs(texts)))
    assert time.monotonic() - start < 10
    assert [r.id for r in results] == [f"doc-{i}" for i in range(len(texts))]
    kinds = [r.error.kind if r.error else None for r in results]
    assert kinds == ["timeout", None, "timeout", None, "internal", None, None]
    assert "exit code" in (results[4].error.message if results[4].error else "")


def test_pool_pulls_documents_lazily() -> None:
    """The pool holds a bounded window of documents, never the whole data set."""
    pulled = 0
    total = WINDOW_PER_WORKER * 2 * 4

    def stream() -> Iterator[Document]:
        nonlocal pulled
        for i in range(total):
            pulled += 1
            yield Document(id=f"d{i}", path=f"d{i}", text="Sales were $1 million.")

    results = LocalPool(2, CHECK, WorkerSettings()).run(stream())
    next(results)
    assert pulled <= WINDOW_PER_WORKER * 2 + 64
    assert sum(1 for _ in results) == total - 1


def test_serial_is_lazy() -> None:
    """-j 1 pulls one document per result."""
    pulled = 0

    def stream() -> Iterator[Document]:
        nonlocal pulled
        for i in range(100):
            pulled += 1
            yield Document(id=f"d{i}", path=f"d{i}", text="x")

    results = execute(stream(), CHECK, ExecutionOptions(jobs=1))
    next(results)
    assert pulled <= 3


@pytest.fixture
def runs_in_process(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the documents runner.run_one is called with in this process."""
    seen: list[str] = []
    real = runner.run_one

    def spy(item, options):  # type: ignore[no-untyped-def]
        seen.append(item.id)
        return real(item, options)

    monkeypatch.setattr(runner, "run_one", spy)
    return seen


def test_execute_uses_the_runner(runs_in_process: list[str]) -> None:
    """In process, execute maps runner.run_one (the per-document function) over the documents."""
    list(execute(docs(["a", "b", "c"]), CHECK, ExecutionOptions(jobs=1)))
    assert runs_in_process == ["doc-0", "doc-1", "doc-2"]


def test_pool_recovers_when_workers_are_killed() -> None:
    """Workers killed from outside (busy or idle) are replaced; every document still gets a result, in order."""
    items = docs([f"Sales were ${i} million." for i in range(40)])
    pool = LocalPool(2, CHECK, WorkerSettings())
    results = pool.run(items)
    first = next(results)
    for slot in pool.slots:
        slot.process.kill()
    rest = list(results)
    assert [r.id for r in [first, *rest]] == [d.id for d in items]
    died = [r for r in rest if r.error is not None]
    assert len(died) <= 2 and all("worker process died" in r.error.message for r in died if r.error)


def test_one_document_needs_no_pool(runs_in_process: list[str]) -> None:
    """With -j 2 and a single document, it runs in this process (no pool start-up on the cold path)."""
    list(execute(docs(["only"]), CHECK, ExecutionOptions(jobs=2)))
    assert runs_in_process == ["doc-0"]
