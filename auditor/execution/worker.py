"""The loop a local pool worker process runs (kept small: the forkserver preloads it)."""

from __future__ import annotations

import signal
from multiprocessing.connection import Connection

from auditor.execution.guard import WorkerSettings, run_guarded, warm_up
from auditor.run_options import RunOptions

READY = "ready"


def worker_main(conn: Connection, options: RunOptions, settings: WorkerSettings) -> None:
    """Warm up and say ``READY``; then receive chunks of ``(seq, document)`` and send one
    ``(seq, result)`` per document, in order.

    One message per document lets the parent know which document is running
    (the first one of the chunk without a result) and since when.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    warm_up(options)
    conn.send(READY)
    while True:
        try:
            chunk = conn.recv()
        except EOFError:
            return
        if chunk is None:
            return
        for seq, document in chunk:
            conn.send((seq, run_guarded(document, options, settings)))
