"""Argument parsing, dispatch and exit codes.

Only the standard library is imported here, so ``auditor --version`` and
``--help`` start fast; the pipeline loads when a command runs (``cli.run``).
"""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from collections.abc import Callable, Sequence

from auditor import __version__
from auditor.errors import AuditorError
from auditor.execution import default_jobs

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2

# format name -> reporter module (imported when used); each has render() / render_scan()
CHECK_FORMATS = {
    "text": "auditor.reporting.text",
    "json": "auditor.reporting.json",
    "sarif": "auditor.reporting.sarif",
    "junit": "auditor.reporting.junit",
    "markdown": "auditor.reporting.markdown",
    "html": "auditor.reporting.html",
}
SCAN_FORMATS = {"table": "auditor.reporting.text", "json": "auditor.reporting.json"}


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected at least 1, got {value}")
    return value


def positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {text!r}") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"expected a positive number of seconds, got {text!r}")
    return value


def add_sources(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="files, folders (recursive), globs, JSON Lines data sets, or - for standard input")
    p.add_argument("--text-field", metavar="NAME", help="JSON field that holds the transcript text")
    p.add_argument("--include", action="append", default=[], metavar="GLOB",
                   help="only files whose path matches GLOB (repeatable)")
    p.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                   help="skip files whose path matches GLOB (repeatable)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of standard output")
    p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    run = p.add_argument_group("execution")
    run.add_argument("-j", "--jobs", type=positive_int, default=default_jobs(), metavar="N",
                     help="documents audited in parallel (default: all %(default)s CPUs of this machine; "
                          "1 runs in this process without a pool; the output is the same for any N)")
    run.add_argument("--engine", choices=["local", "dask"], default="local",
                     help="local: a process pool on this machine (default); dask: a Dask distributed "
                          "cluster, see --scheduler (needs: pip install 'transcript-auditor[dask]')")
    run.add_argument("--scheduler", metavar="ADDRESS",
                     help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (with --engine dask; "
                          "without it, --engine dask starts a LocalCluster of -j worker processes)")
    run.add_argument("--timeout-per-document", type=positive_seconds, metavar="SECONDS",
                     help="give up on a document after SECONDS: it gets an error entry of kind "
                          "'timeout' and the run goes on (default: no limit)")
    run.add_argument("-q", "--quiet", action="store_true",
                     help="no progress bar (it shows only when standard error is a terminal)")
    run.add_argument("--debug-stall-hooks", action="store_true", help=argparse.SUPPRESS)  # tests only


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="auditor",
        description="Audit earnings-call transcripts for numbers that do not add up.",
        epilog="Examples:\n  auditor check call.txt\n  auditor check --format json calls/ > audit.json\n"
               "  auditor check -j 8 --exclude '*draft*' 'calls/**/*.txt' data.jsonl\n"
               "  auditor scan --format table call.txt",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"auditor {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logging")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="audit documents and report what does not add up",
                           description="Audit documents: find numeric claims, cross-check them, report discrepancies.")
    add_sources(check)
    check.add_argument("--format", choices=sorted(CHECK_FORMATS), default="text",
                       help="text (default), json (the stable contract), sarif or junit (CI), "
                            "markdown or html (a standalone report)")
    check.add_argument("--fail-on", choices=["error", "warning", "info"], default="error",
                       help="exit 1 when a finding at or above this severity exists (default: error)")
    check.add_argument("--show-passed", action="store_true", help="also list every relation evaluated")
    check.add_argument("--rules", action="append", default=[], metavar="PATH",
                       help="a rule pack (.toml) or a folder of them, loaded after the bundled ones (repeatable)")

    scan = sub.add_parser("scan", help="list the numeric mentions found in documents",
                          description="List numeric mentions: location, surface text, kind, value, interval, currency.")
    add_sources(scan)
    scan.add_argument("--format", choices=sorted(SCAN_FORMATS), default="table")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command is not None and args.scheduler and args.engine != "dask":
            parser.error("--scheduler needs --engine dask")
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help/--version
        return int(exc.code) if isinstance(exc.code, int) else EXIT_ERROR
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING, format="auditor: %(message)s")
    run = import_pipeline()
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


def import_pipeline() -> Callable[[argparse.Namespace], int]:
    """``cli.run.run``, the first time with the garbage collector paused while the pipeline imports.

    The import makes some hundred thousand objects (modules, classes, functions,
    patterns) that all live until exit: a collection during it finds nothing, and
    every later full collection would walk them again for nothing, so once imported
    they are frozen out of the collector's view (``gc.freeze``). About 15 ms of a
    300 ms one-document check.
    """
    if "auditor.cli.run" in sys.modules or not gc.isenabled():
        from auditor.cli.run import run

        return run
    gc.disable()
    try:
        from auditor.cli.run import run
    finally:
        gc.freeze()
        gc.enable()
    return run
