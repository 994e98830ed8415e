"""--engine dask on a real local cluster gives the same report as the local engine."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.cli import main

distributed = pytest.importorskip("distributed")

pytestmark = pytest.mark.slow
MIXED = Path(__file__).resolve().parent / "fixtures" / "dataset" / "mixed"


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        yield cluster.scheduler_address


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(MIXED, folder)
    for i in range(12):
        lines = [f"Segment {j} sales rose {i + j}% to ${40 + j}.5 million from ${38 + j}.0 million." for j in range(i % 3)]
        lines += ["Customers in every region kept ordering through the quarter."] * (i * 7 % 60)
        (folder / f"call-{i:02d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def report(argv: list[str], out: Path) -> tuple[int, bytes]:
    status = main([*argv, "-o", str(out)])
    return status, out.read_bytes()


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_dask_matches_local(fmt: str, scheduler: str, corpus: Path, tmp_path: Path) -> None:
    """Same inputs, same bytes: the Dask engine gathers results in input order, bad documents included."""
    local = report(["check", "--format", fmt, "-j", "1", str(corpus)], tmp_path / "local")
    dask = report(["check", "--format", fmt, "--engine", "dask", "--scheduler", scheduler, str(corpus)],
                  tmp_path / "dask")
    assert local == dask
    assert local[0] == 1  # the mixed fixture's bad documents


def test_dask_scan_matches_local(scheduler: str, corpus: Path, tmp_path: Path) -> None:
    """scan runs on the cluster too."""
    local = report(["scan", "--format", "json", "-j", "2", str(corpus)], tmp_path / "local")
    dask = report(["scan", "--format", "json", "--engine", "dask", "--scheduler", scheduler, str(corpus)],
                  tmp_path / "dask")
    assert local == dask


def test_dask_timeout(scheduler: str, tmp_path: Path) -> None:
    """A document stuck in Python on a Dask worker thread becomes a timeout entry; the run finishes."""
    (tmp_path / "a.txt").write_text("Orders rose 4%.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Stuck @@auditor-stall-spin@@ here.\n", encoding="utf-8")
    status, out = report(["check", "--format", "json", "--engine", "dask", "--scheduler", scheduler,
                          "--debug-stall-hooks", "--timeout-per-document", "0.5", str(tmp_path)], tmp_path / "o.json")
    assert status == 1
    kinds = [d["error"]["kind"] if d["error"] else None for d in json.loads(out)["documents"]]
    assert kinds == [None, "timeout"]


def test_dask_without_scheduler_starts_a_local_cluster(tmp_path: Path) -> None:
    """--engine dask alone starts (and stops) its own LocalCluster."""
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text(f"Item {name} cost $3 million.\n", encoding="utf-8")
    status, out = report(["check", "--format", "json", "--engine", "dask", "-j", "1", str(tmp_path)],
                         tmp_path / "o.json")
    assert status == 0
    assert [Path(d["path"]).name for d in json.loads(out)["documents"]] == ["a.txt", "b.txt", "c.txt"]
