"""Argument parsing, dispatch and exit codes."""

from __future__ import annotations

import argparse
import logging
import sys
from typing import Sequence

from auditor import __version__
from auditor.engine.severity import Severity
from auditor.errors import AuditorError
from auditor.ingest import SourceOptions, iter_documents
from auditor.reporting import json as json_report
from auditor.reporting import text as text_report
from auditor.results import AuditResult
from auditor.runner import RunOptions, run_one

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2

CHECK_FORMATS = {"text": text_report.render, "json": json_report.render}
SCAN_FORMATS = {"table": text_report.render_scan, "json": json_report.render_scan}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="auditor",
        description="Audit earnings-call transcripts for numbers that do not add up.",
        epilog="Examples:\n  auditor check call.txt\n  auditor check --format json calls/ > audit.json\n"
               "  auditor scan --format table call.txt",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"auditor {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logging")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add_sources(p: argparse.ArgumentParser) -> None:
        p.add_argument("paths", nargs="+", metavar="PATH",
                       help="files, folders (recursive), globs, JSON Lines data sets, or - for standard input")
        p.add_argument("--text-field", metavar="NAME", help="JSON field that holds the transcript text")
        p.add_argument("--include", action="append", default=[], metavar="GLOB",
                       help="only files whose path matches GLOB (repeatable)")
        p.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                       help="skip files whose path matches GLOB (repeatable)")
        p.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of standard output")
        p.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)

    check = sub.add_parser("check", help="audit documents and report what does not add up",
                           description="Audit documents: find numeric claims, cross-check them, report discrepancies.")
    add_sources(check)
    check.add_argument("--format", choices=sorted(CHECK_FORMATS), default="text")
    check.add_argument("--fail-on", choices=["error", "warning", "info"], default="error",
                       help="exit 1 when a finding at or above this severity exists (default: error)")
    check.add_argument("--show-passed", action="store_true", help="also list every relation evaluated")

    scan = sub.add_parser("scan", help="list the numeric mentions found in documents",
                          description="List numeric mentions: location, surface text, kind, value, interval, currency.")
    add_sources(scan)
    scan.add_argument("--format", choices=sorted(SCAN_FORMATS), default="table")
    return parser


def run(args: argparse.Namespace) -> int:
    sources = SourceOptions(text_field=args.text_field, include=tuple(args.include), exclude=tuple(args.exclude))
    options = RunOptions(mode=args.command)
    results = tuple(run_one(item, options) for item in iter_documents(args.paths, sources))
    result = AuditResult(results, show_passed=getattr(args, "show_passed", False))
    if args.command == "scan":
        rendered = SCAN_FORMATS[args.format](result)
        status = EXIT_OK
    else:
        rendered = CHECK_FORMATS[args.format](result)
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help/--version
        return int(exc.code) if isinstance(exc.code, int) else EXIT_ERROR
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING, format="auditor: %(message)s")
    try:
        return run(args)
    except AuditorError as exc:
        if args.debug:
            raise
        print(f"auditor: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("auditor: interrupted", file=sys.stderr)
        return EXIT_ERROR
