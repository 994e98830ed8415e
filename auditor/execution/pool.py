"""A local process pool that keeps order, bounds memory and enforces time limits.

Why not ``ProcessPoolExecutor`` or ``multiprocessing.Pool``: neither can stop
one task. A document stuck in code that ``SIGALRM`` cannot interrupt (a C call),
or a worker that dies, breaks the whole executor (``BrokenProcessPool``) or
hangs ``Pool.imap`` forever. Here each worker has its own pipe, reports each
document as it finishes, and the parent kills and replaces a worker whose
current document overruns its limit (plus grace) or that dies, blaming exactly
that document and re-sending the rest of its chunk.
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from typing import Any

from auditor.errors import AuditorError
from auditor.execution.feed import Feed
from auditor.execution.guard import WorkerSettings, error_result, timeout_result
from auditor.execution.worker import READY, worker_main
from auditor.ingest import Document, DocumentFailure
from auditor.results import DocumentResult
from auditor.run_options import RunOptions

logger = logging.getLogger(__name__)

WINDOW_PER_WORKER = 256  # documents numbered ahead of the oldest unfinished one
_POLL_SECONDS = 0.5
MAX_START_FAILURES = 3  # workers that die before they are ready, per run, before giving up


def pool_context() -> BaseContext:
    """``forkserver`` where it exists (no fork of a threaded parent), else ``spawn``."""
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["auditor.execution.worker", "auditor.execution.warm"])
        return ctx
    return multiprocessing.get_context("spawn")


def hard_deadline(timeout: float | None) -> float | None:
    """When the parent stops waiting: the limit plus grace for the worker's own ``SIGALRM``."""
    return None if timeout is None else timeout + max(1.0, timeout / 2)


@dataclass(slots=True, eq=False)
class Slot:
    """One worker process and the chunk it is working through."""

    process: Any  # multiprocessing.Process of the context
    conn: Connection
    chunk: deque[tuple[int, Document]] = field(default_factory=deque)  # sent, not yet answered
    backlog: list[tuple[int, Document]] = field(default_factory=list)  # to send once ready
    since: float = 0.0  # when its current document started (as far as the parent knows)
    ready: bool = False  # warmed up (parsers built), so its time limits are fair

    @property
    def busy(self) -> bool:
        return bool(self.chunk or self.backlog)


class LocalPool:
    def __init__(self, jobs: int, options: RunOptions, settings: WorkerSettings) -> None:
        self.jobs = jobs
        self.options = options
        self.settings = settings
        self.context = pool_context()
        self.slots: list[Slot] = []
        self.start_failures = 0

    def start_worker(self) -> Slot:
        parent_end, child_end = self.context.Pipe(duplex=True)
        process = self.context.Process(  # type: ignore[attr-defined]
            target=worker_main, args=(child_end, self.options, self.settings), daemon=True,
            name="auditor-worker",
        )
        process.start()
        child_end.close()
        return Slot(process, parent_end)

    def run(self, items: Iterable[Document | DocumentFailure]) -> Iterator[DocumentResult]:
        """Results in input order, whatever order the workers finish in."""
        feed = Feed.of(items)
        window = WINDOW_PER_WORKER * self.jobs
        done = feed.resolved  # seq -> result, drained in order
        next_out = 0
        self.slots = [self.start_worker() for _ in range(self.jobs)]
        finished = False
        try:
            while True:
                for slot in self.slots:
                    if slot.ready and not slot.busy:
                        chunk = feed.take(next_out + window)
                        if chunk:
                            self.send(slot, chunk)
                while next_out in done:
                    yield done.pop(next_out)
                    next_out += 1
                busy = [s for s in self.slots if s.busy or not s.ready]
                if not busy:
                    if feed.exhausted and next_out >= feed.pulled:
                        finished = True
                        return
                    continue  # the window was full of resolved failures: drain and refill
                self.collect(busy, done)
        finally:
            self.close(graceful=finished)

    def send(self, slot: Slot, chunk: list[tuple[int, Document]]) -> None:
        slot.chunk.extend(chunk)
        slot.since = time.monotonic()
        try:
            slot.conn.send(chunk)
        except OSError:  # the worker died while idle: nothing of this chunk has started
            slot.chunk.clear()
            self.restart(slot, chunk)

    def restart(self, slot: Slot, backlog: list[tuple[int, Document]]) -> None:
        """Replace a worker by a fresh one that gets ``backlog`` once it is ready."""
        if slot.process.is_alive():
            slot.process.kill()
        slot.process.join()
        slot.conn.close()
        fresh = self.start_worker()
        fresh.backlog = backlog
        self.slots[self.slots.index(slot)] = fresh

    def collect(self, busy: list[Slot], done: dict[int, DocumentResult]) -> None:
        """Wait for results, a dead worker or an overrun; handle whichever comes."""
        limit = hard_deadline(self.settings.timeout)
        wait_for = _POLL_SECONDS
        working = [s for s in busy if s.ready and s.chunk]
        if limit is not None and working:
            now = time.monotonic()
            wait_for = max(0.0, min(min(s.since + limit for s in working) - now, _POLL_SECONDS))
        ready = set(wait([s.conn for s in busy] + [s.process.sentinel for s in busy], wait_for))
        now = time.monotonic()
        for slot in busy:
            alive = True
            if slot.conn in ready:
                alive = self.receive(slot, done)
            elif slot.process.sentinel in ready:
                alive = False
            if not alive and not slot.ready:
                self.start_failures += 1
                if self.start_failures > MAX_START_FAILURES:
                    raise AuditorError(f"worker processes keep failing to start (exit code "
                                       f"{slot.process.exitcode}); try -j 1 --debug")
                self.restart(slot, slot.backlog)
            elif not alive:
                self.replace(slot, done, "died")
            elif slot.ready and slot.chunk and limit is not None and now - slot.since > limit:
                self.replace(slot, done, "timeout")

    def receive(self, slot: Slot, done: dict[int, DocumentResult]) -> bool:
        """Read every result the worker has sent; False when the worker is gone."""
        try:
            if not slot.ready:
                if slot.conn.recv() != READY:
                    return False
                slot.ready = True
                if slot.backlog:
                    rest, slot.backlog = slot.backlog, []
                    self.send(slot, rest)
                return True
            while slot.chunk and slot.conn.poll():
                seq, result = slot.conn.recv()
                expected, _ = slot.chunk.popleft()
                assert seq == expected, f"worker answered {seq}, expected {expected}"
                done[seq] = result
                slot.since = time.monotonic()
        except (EOFError, OSError):
            return False
        return True

    def replace(self, slot: Slot, done: dict[int, DocumentResult], why: str) -> None:
        """Stop a worker, blame its current document, start a fresh one with the rest of the chunk."""
        if slot.process.is_alive():
            slot.process.kill()
        slot.process.join()
        rest = list(slot.chunk)
        if rest:
            seq, document = rest.pop(0)
            if why == "timeout":
                done[seq] = timeout_result(document, self.settings.timeout)
            else:
                code = slot.process.exitcode
                done[seq] = error_result(
                    document, "internal", f"{document.id}: internal error: the worker process died (exit code {code})"
                )
            logger.warning("%s: worker stopped (%s)", document.id, why)
        self.restart(slot, rest)

    def close(self, graceful: bool) -> None:
        """Let idle workers exit; kill the rest (an interrupted or abandoned run)."""
        for slot in self.slots:
            if graceful:
                try:
                    slot.conn.send(None)
                except (OSError, ValueError):
                    pass
            else:
                slot.process.kill()
        deadline = time.monotonic() + 2.0
        for slot in self.slots:
            slot.process.join(max(0.0, deadline - time.monotonic()))
            if slot.process.is_alive():
                slot.process.kill()
                slot.process.join()
            slot.conn.close()
        self.slots = []
