"""Executors: map the per-document function over a lazy stream of documents.

``dispatch.execute`` yields one ``DocumentResult`` per input item, in input
order, whatever the engine or the number of jobs: ``-j 1`` in this process,
``-j N`` on a local process pool (``pool``), ``engine="dask"`` on a Dask
distributed cluster (``dask_cluster``). Importing this package itself is cheap:
the CLI reads ``default_jobs`` for its help without loading the pipeline.
"""

from __future__ import annotations

import os

__all__ = ["default_jobs"]


def default_jobs() -> int:
    """The CPUs this process may use (``os.process_cpu_count`` where Python has it)."""
    counter = getattr(os, "process_cpu_count", None)
    if counter is not None:
        return int(counter() or 1)
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1
