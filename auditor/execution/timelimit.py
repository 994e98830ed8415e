"""Interrupt pure-Python work that runs past a deadline.

Two mechanisms, chosen per call:

* in a process's main thread on POSIX, ``setitimer(ITIMER_REAL)``: ``SIGALRM``
  runs a handler between two bytecodes, which raises ``DocumentTimeout``;
* anywhere else (a Dask worker thread, Windows), a timer thread asks CPython to
  raise ``DocumentTimeout`` asynchronously in the working thread
  (``PyThreadState_SetAsyncExc``).

Both interrupt Python code only: a C call that never returns to the interpreter
is stopped by the local pool's watchdog, which kills the worker process.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class DocumentTimeout(BaseException):
    """A document ran past its time limit.

    A ``BaseException`` (like ``KeyboardInterrupt``) so that a broad ``except
    Exception`` inside the pipeline cannot swallow it.
    """


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ``DocumentTimeout`` inside the block once ``seconds`` have passed."""
    if seconds is None or seconds <= 0:
        yield
    elif hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
        with _alarm(seconds):
            yield
    else:
        with _async_raise_after(seconds):
            yield


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise DocumentTimeout()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _async_raise_after(seconds: float) -> Iterator[None]:
    import ctypes  # noqa: F401  # here, not in the timer thread; only this path needs it (2 ms)

    thread_id = threading.get_ident()
    lock = threading.Lock()
    state = {"active": True, "fired": False}

    def fire() -> None:
        with lock:
            if state["active"]:
                state["fired"] = True
                _set_async_exc(thread_id, DocumentTimeout)

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            state["active"] = False
            if state["fired"]:
                # The block may have finished before the exception was delivered:
                # clear it so it cannot surface later in unrelated code.
                _set_async_exc(thread_id, None)


def _set_async_exc(thread_id: int, exc: type[BaseException] | None) -> None:
    import ctypes

    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc else None)
