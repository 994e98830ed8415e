"""What a run asks of each document: kept apart from the pipeline (auditor.runner), so that
the process that only dispatches documents to workers does not import the pipeline."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RunOptions:
    mode: str = "check"  # "check" or "scan"
    rules: tuple[str, ...] = ()  # user rule packs (--rules), loaded after the bundled ones


__all__ = ["RunOptions"]
