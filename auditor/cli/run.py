"""Running ``check`` and ``scan`` once the arguments are parsed."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable

from auditor.cli.main import CHECK_FORMATS, EXIT_FINDINGS, EXIT_OK, SCAN_FORMATS
from auditor.engine.severity import Severity
from auditor.execution.dispatch import ExecutionOptions, execute
from auditor.execution.guard import WorkerSettings
from auditor.execution.progress import wants_progress, with_progress
from auditor.ingest import SourceOptions, iter_documents
from auditor.results import AuditResult
from auditor.run_options import RunOptions


def execution_options(args: argparse.Namespace) -> ExecutionOptions:
    return ExecutionOptions(
        jobs=args.jobs,
        engine=args.engine,
        scheduler=args.scheduler,
        settings=WorkerSettings(timeout=args.timeout_per_document, stall_hooks=args.debug_stall_hooks),
    )


def reporter(module: str, name: str) -> Callable[[AuditResult], str]:
    render: Callable[[AuditResult], str] = getattr(importlib.import_module(module), name)
    return render


def run(args: argparse.Namespace) -> int:
    sources = SourceOptions(text_field=args.text_field, include=tuple(args.include), exclude=tuple(args.exclude))
    rules = tuple(getattr(args, "rules", ()))
    if rules:
        # the pipeline is imported here only: a run that dispatches to workers never loads it
        from auditor.runner import vocabulary_for

        vocabulary_for(rules)  # a malformed pack is a usage error (exit 2), before any document is read
    options = RunOptions(mode=args.command, rules=rules)
    results = execute(iter_documents(args.paths, sources), options, execution_options(args))
    count = None if "-" in args.paths else (lambda: sum(1 for _ in iter_documents(args.paths, sources)))
    shown = with_progress(results, wants_progress(args.quiet), count)
    # Results carry no text, so keeping them for the report is cheap; documents never pile up.
    result = AuditResult(tuple(shown), show_passed=getattr(args, "show_passed", False))
    if args.command == "scan":
        rendered = reporter(SCAN_FORMATS[args.format], "render_scan")(result)
        status = EXIT_OK
    else:
        rendered = reporter(CHECK_FORMATS[args.format], "render")(result)
        status = EXIT_FINDINGS if result.findings_at_least(Severity.from_label(args.fail_on)) else EXIT_OK
    if result.errors():
        status = max(status, EXIT_FINDINGS)
    write(rendered, args.output)
    return status


def write(rendered: str, output: str | None) -> None:
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(rendered)
    else:
        sys.stdout.write(rendered)
