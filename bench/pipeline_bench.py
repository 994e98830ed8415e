#!/usr/bin/env python3
"""End-to-end throughput, parallel speed-up, memory and cold start of ``auditor``.

Usage (from the repository root, with the project's venv):

    .venv/bin/python bench/pipeline_bench.py [CORPUS] [--max-mb N] [--sample-mb N] [--runs N]
                                             [--no-dask] [--no-quantulum]

CORPUS is a folder of transcripts (default: ../shared/corpus/motley/ relative to
the repository root). Measured, each in a fresh subprocess of the real CLI:

* ``auditor check -q -o FILE`` over the corpus with ``-j 1``, ``-j 2`` and
  ``--engine dask -j 2`` (a Dask LocalCluster of 2 worker processes, its start-up
  included): MB/s (10^6 bytes of input files per wall-clock second), documents/s,
  and peak resident memory, sampled with psutil every 20 ms over the whole
  process tree (the CLI, its forkserver and workers, Dask's nannies and
  workers): the largest single process and the largest simultaneous total;
  and the CPU seconds the tree used, which shows how much of the machine a
  run actually got when other processes compete for it.
  Without psutil, ``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`` gives the
  largest process that was waited for (workers reaped by a forkserver may be
  missed), and the total is not available.
* cold start: ``auditor --version`` and a one-document ``check``, the median of
  ``--runs`` runs, in milliseconds; the check twice: as this environment runs it,
  and with bytecode cached in a private ``PYTHONPYCACHEPREFIX`` (what a wheel
  install gives: pip compiles the package; an editable install under
  ``PYTHONDONTWRITEBYTECODE`` recompiles every module at every start).
* in-process on a sample (the first ``--sample-mb`` MB of documents in sorted
  order): quantulum3's ``parse`` (the ``bench`` extra) against auditor's
  ``scan_text`` on the same texts, and the ratio of their throughputs.
  quantulum3 is slow (a few kB/s), so it stops after the document that passes
  ``--quantulum-seconds``; auditor is then timed on exactly the documents
  quantulum3 finished.

The corpus is never copied and the report goes to a temporary file.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from support import MB, auditor_command, corpus_files

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "motley"

TARGET_CHECK_MBS = 1.0
TARGET_SPEEDUP = 1.7
TARGET_COLD_MS = 300.0
TARGET_PEAK_MB = 300.0


@dataclass(frozen=True)
class Run:
    label: str
    seconds: float
    status: int
    peak_process_mb: float
    peak_total_mb: float | None  # None when psutil is missing
    cpu_seconds: float | None  # user + system of the whole tree (psutil, last sample per process)


class PeakSampler:
    """Peak resident memory of a process tree, sampled with psutil."""

    def __init__(self, pid: int) -> None:
        import psutil

        self.psutil = psutil
        self.root = psutil.Process(pid)
        self.peak_process = 0
        self.peak_total = 0
        self.cpu: dict[int, float] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.loop, daemon=True)
        self.thread.start()

    def loop(self) -> None:
        while not self.stop.is_set():
            try:
                tree = [self.root, *self.root.children(recursive=True)]
            except self.psutil.Error:
                return
            sizes = []
            for proc in tree:
                try:
                    sizes.append(proc.memory_info().rss)
                    times = proc.cpu_times()
                    self.cpu[proc.pid] = times.user + times.system
                except self.psutil.Error:
                    pass
            if sizes:
                self.peak_process = max(self.peak_process, max(sizes))
                self.peak_total = max(self.peak_total, sum(sizes))
            self.stop.wait(0.02)

    def finish(self) -> tuple[float, float, float]:
        self.stop.set()
        self.thread.join()
        return self.peak_process / MB, self.peak_total / MB, sum(self.cpu.values())


def measure(label: str, argv: Sequence[str]) -> Run:
    """Run ``argv`` once, timing it and sampling its memory."""
    try:
        import psutil  # noqa: F401
        have_psutil = True
    except ImportError:
        have_psutil = False
    start = time.perf_counter()
    if have_psutil:
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        sampler = PeakSampler(proc.pid)
        _, err = proc.communicate()
        seconds = time.perf_counter() - start
        peak_process, peak_total, cpu = sampler.finish()
        status = proc.returncode
    else:  # a wrapper process reports the largest of its waited-for children
        wrapper = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL,"
                   " stderr=subprocess.PIPE); sys.stderr.buffer.write(r.stderr);"
                   " print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(r.returncode)")
        done = subprocess.run([sys.executable, "-c", wrapper, *argv], check=False, capture_output=True)
        seconds = time.perf_counter() - start
        err, status = done.stderr, done.returncode
        peak_process, peak_total = int(done.stdout.split()[-1]) * 1024 / MB, None  # ru_maxrss is in KiB on Linux
        cpu = None
    if status not in (0, 1):
        sys.stderr.write(err.decode("utf-8", "replace")[-2000:])
        raise SystemExit(f"bench: {label} failed with exit status {status}")
    return Run(label, seconds, status, peak_process, peak_total, cpu)


def median_ms(argv: Sequence[str], runs: int, env: dict[str, str] | None = None) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def read_sample(files: list[Path], sample_mb: float) -> list[str]:
    texts, size = [], 0
    for path in files:
        if size >= sample_mb * MB:
            break
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            continue
        texts.append(text)
        size += len(text.encode("utf-8"))
    return texts


def throughput(texts: list[str], parse: Callable[[str], object],
               budget: float = float("inf")) -> tuple[float, list[str]]:
    """MB/s of ``parse`` over ``texts`` and the texts it finished within ``budget`` seconds.

    One warm-up call on a short text first, so grammar building is not counted.
    """
    parse("Revenue grew 12% to $58.0 million.")
    done: list[str] = []
    start = time.perf_counter()
    for text in texts:
        parse(text)
        done.append(text)
        if time.perf_counter() - start > budget:
            break
    size = sum(len(t.encode("utf-8")) for t in done)
    return size / MB / (time.perf_counter() - start), done


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def bytecode_note() -> str | None:
    """A warning when every start compiles the package from source (no bytecode cache is written or found).

    An editable install has no ``.pyc`` files until Python writes them, and with
    ``PYTHONDONTWRITEBYTECODE`` set it never does: each cold start then pays for
    compiling ~70 modules (about 70 ms on the reference machine), which a wheel
    install (pip compiles on install) or one ``compileall`` does not.
    """
    if not os.environ.get("PYTHONDONTWRITEBYTECODE") or os.environ.get("PYTHONPYCACHEPREFIX"):
        return None
    if any((REPO / "auditor").rglob("__pycache__/*.pyc")):
        return None
    return ("(PYTHONDONTWRITEBYTECODE is set and auditor/ has no __pycache__: every start above compiled the "
            "package from source; `python -m compileall -q auditor` once, or a wheel install, avoids that)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS,
                        help=f"folder of transcripts (default: {DEFAULT_CORPUS})")
    parser.add_argument("--max-mb", type=float, help="audit only the first N MB of files (sorted by path)")
    parser.add_argument("--sample-mb", type=float, default=1.0,
                        help="MB of text for the quantulum3 comparison (default: 1)")
    parser.add_argument("--quantulum-seconds", type=float, default=60.0,
                        help="stop quantulum3 after the document that passes this time (default: 60)")
    parser.add_argument("--runs", type=int, default=7, help="runs per cold-start median (default: 7)")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask LocalCluster run")
    parser.add_argument("--no-quantulum", action="store_true", help="skip the quantulum3 comparison")
    args = parser.parse_args(argv)

    corpus: Path = args.corpus
    if not corpus.is_dir():
        print(f"bench: corpus folder {corpus} not found; pass a folder of transcripts as the first argument",
              file=sys.stderr)
        return 2
    files = corpus_files(corpus, args.max_mb)
    if not files:
        print(f"bench: {corpus} holds no files", file=sys.stderr)
        return 2
    size_mb = sum(p.stat().st_size for p in files) / MB
    sources = [str(corpus)] if args.max_mb is None else [str(p) for p in files]
    auditor = auditor_command()
    from tabulate import tabulate

    print(f"corpus: {corpus} ({len(files)} documents, {size_mb:.1f} MB); CPUs: {os.cpu_count()}; "
          f"python {sys.version.split()[0]}; auditor: {' '.join(auditor)}")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
          "(other processes on the machine slow every figure below, the -j 2 speed-up most)")
    print("memory: " + ("psutil, process tree sampled every 20 ms" if _has("psutil")
                        else "resource.getrusage(RUSAGE_CHILDREN).ru_maxrss (largest waited-for process)"))

    with tempfile.TemporaryDirectory() as tmp:
        report = str(Path(tmp) / "report.txt")
        runs = [measure(f"check -j {j}", [*auditor, "check", "-q", "-j", str(j), "-o", report, *sources])
                for j in (1, 2)]
        if not args.no_dask:
            if _has("distributed"):
                runs.append(measure("check --engine dask -j 2 (LocalCluster, 2 workers)",
                                    [*auditor, "check", "-q", "--engine", "dask", "-j", "2", "-o", report, *sources]))
            else:
                print("bench: Dask not installed (pip install 'transcript-auditor[dask]'): skipping the Dask run")
        rows = [[r.label, f"{r.seconds:.2f}", f"{size_mb / r.seconds:.2f}", f"{len(files) / r.seconds:.1f}",
                 f"{r.peak_process_mb:.0f}", "n/a" if r.peak_total_mb is None else f"{r.peak_total_mb:.0f}",
                 "n/a" if r.cpu_seconds is None else f"{r.cpu_seconds:.1f}",
                 "n/a" if r.cpu_seconds is None else f"{r.cpu_seconds / r.seconds:.2f}"]
                for r in runs]
        print()
        print(tabulate(rows, headers=["end to end", "seconds", "MB/s", "docs/s", "peak MB/process", "peak MB total",
                                     "CPU s", "CPUs busy"],
                       colalign=("left", *["right"] * 7)))
        print("(CPUs busy = CPU seconds of the process tree / wall seconds: how much of the machine the run got;"
              " sampled every 20 ms, so the last moments of short-lived processes are missed)")

        one_doc = min(files, key=lambda p: p.stat().st_size)
        one_check = [*auditor, "check", "-q", "-o", report, str(one_doc)]
        version_ms = median_ms([*auditor, "--version"], args.runs)
        one_ms = median_ms(one_check, args.runs)
        # as after a wheel install (pip compiles the package): bytecode written once to a
        # private cache, so the checkout is not touched, then every start reads it
        installed = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        installed["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        median_ms(one_check, 1, installed)
        cached_ms = median_ms(one_check, args.runs, installed)
    print()
    print(tabulate([["auditor --version", f"{version_ms:.0f}"],
                    [f"auditor check (one document, {one_doc.stat().st_size / 1000:.0f} kB)", f"{one_ms:.0f}"],
                    ["the same, bytecode cached (as after a wheel install)", f"{cached_ms:.0f}"]],
                   headers=[f"cold start (median of {args.runs})", "ms"], colalign=("left", "right")))
    note = bytecode_note()
    if note:
        print(note)

    ratio = None
    if not args.no_quantulum:
        texts = read_sample(files, args.sample_mb)
        from auditor.extraction.scan import scan_text

        rows2 = []
        if _has("quantulum3"):
            import warnings

            with warnings.catch_warnings():  # "Classifier dependencies not installed": measured without them
                warnings.simplefilter("ignore")
                from quantulum3 import parser as quantulum

            q_mbs, texts = throughput(texts, quantulum.parse, args.quantulum_seconds)
        else:
            print("bench: quantulum3 not installed (pip install 'transcript-auditor[bench]'): no comparison")
        sample_mb = sum(len(t.encode("utf-8")) for t in texts) / MB
        scan_mbs, _ = throughput(texts, scan_text)
        rows2.append([f"auditor scan_text (in process, {len(texts)} docs, {sample_mb:.2f} MB)", f"{scan_mbs:.3f}"])
        if _has("quantulum3"):
            ratio = scan_mbs / q_mbs
            rows2.append(["quantulum3 parse (same texts)", f"{q_mbs:.3f}"])
            rows2.append(["ratio auditor / quantulum3", f"{ratio:.0f}x"])
        print()
        print(tabulate(rows2, headers=["extraction on a sample", "MB/s"], colalign=("left", "right")))

    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    j1, j2 = runs[0], runs[1]
    speedup = j1.seconds / j2.seconds
    peak = max(r.peak_process_mb for r in runs)
    print()
    print(tabulate([
        [f"check -j 1 >= {TARGET_CHECK_MBS} MB/s", f"{size_mb / j1.seconds:.2f} MB/s",
         verdict(size_mb / j1.seconds >= TARGET_CHECK_MBS)],
        [f"-j 2 >= {TARGET_SPEEDUP}x -j 1", f"{speedup:.2f}x", verdict(speedup >= TARGET_SPEEDUP)],
        [f"cold start < {TARGET_COLD_MS:.0f} ms (bytecode cached)", f"{max(version_ms, cached_ms):.0f} ms",
         verdict(max(version_ms, cached_ms) < TARGET_COLD_MS)],
        [f"cold start < {TARGET_COLD_MS:.0f} ms (compiled at every start)", f"{max(version_ms, one_ms):.0f} ms",
         verdict(max(version_ms, one_ms) < TARGET_COLD_MS)],
        [f"peak memory < {TARGET_PEAK_MB:.0f} MB per process", f"{peak:.0f} MB", verdict(peak < TARGET_PEAK_MB)],
    ], headers=["target", "measured", ""]))
    return 0


def _has(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


if __name__ == "__main__":
    raise SystemExit(main())
