"""A progress bar on standard error (tqdm) when a person is watching.

Silent unless standard error is a terminal and ``--quiet`` is off. The total is
unknown while ingest streams; a background thread counts the documents (a
second, reading-only pass, only when the bar shows and the sources can be read
twice) so that the bar gains its ETA as soon as the count is known.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from auditor.errors import AuditorError

T = TypeVar("T")


def wants_progress(quiet: bool, stream: Any = None) -> bool:
    stream = sys.stderr if stream is None else stream
    isatty = getattr(stream, "isatty", None)
    return not quiet and callable(isatty) and bool(isatty())


def with_progress(results: Iterable[T], enabled: bool, count: Callable[[], int] | None = None,
                  unit: str = "doc") -> Iterator[T]:
    """Yield ``results`` unchanged, ticking a bar per item when ``enabled``."""
    if not enabled:
        yield from results
        return
    from tqdm import tqdm  # type: ignore[import-untyped]  # no stubs shipped

    bar = tqdm(total=None, unit=unit, file=sys.stderr, dynamic_ncols=True, leave=False,
               desc="auditing", smoothing=0.1)
    if count is not None:
        threading.Thread(target=_set_total, args=(bar, count), daemon=True, name="auditor-count").start()
    try:
        for item in results:
            bar.update(1)
            yield item
    finally:
        bar.close()


def _set_total(bar: Any, count: Callable[[], int]) -> None:
    try:
        total = count()
    except (AuditorError, OSError, ValueError):  # a count is a nicety; the run reports real problems
        return
    bar.total = total
    bar.refresh()
