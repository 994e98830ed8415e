#!/usr/bin/env python3
"""Error and warning findings on human transcripts: how often auditor cries wolf.

Usage (from the repository root, with the project's venv):

    .venv/bin/python bench/human_findings.py [CORPUS] [--max-mb 10] [--skip N] [--jobs 2]

CORPUS is a folder of human-made transcripts (default: ../shared/corpus/motley/);
the first ``--max-mb`` MB of files in sorted order (after the first ``--skip`` files,
for another slice) are audited with
``auditor check --format json``. Human transcripts are nearly always right, so an
error finding is either a real slip of the speaker or a false alarm: the script
prints the counts by rule and severity and lists every error finding for judging
(reports/motley-judged.md holds one such judgement).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from support import MB, REPO, corpus_files, run_auditor

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "motley"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--max-mb", type=float, default=10.0, help="audit the first N MB of files (default: 10)")
    parser.add_argument("--skip", type=int, default=0,
                        help="start after the first N files in sorted order: another slice of the corpus (default: 0)")
    parser.add_argument("--jobs", type=int, default=2, help="auditor -j (default: 2)")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"bench: corpus folder {args.corpus} not found", file=sys.stderr)
        return 2
    files = corpus_files(args.corpus, args.max_mb, args.skip)
    size = sum(p.stat().st_size for p in files)
    documents = run_auditor(files, args.jobs)["documents"]
    counts: Counter[tuple[str, str]] = Counter()
    errors = []
    for doc in documents:
        for f in doc.get("findings", []):
            counts[(f["rule"], f["severity"])] += 1
            if f["severity"] == "error":
                errors.append((Path(doc["path"]).name, f["location"]["line"], f["rule"], f["message"]))
    where = f"{args.corpus}" + (f", after the first {args.skip} files" if args.skip else "")
    print(f"{len(documents)} human transcripts, {size / MB:.1f} MB, from {where}")
    print(f"errors {sum(n for (_, s), n in counts.items() if s == 'error')}, "
          f"warnings {sum(n for (_, s), n in counts.items() if s == 'warning')}, "
          f"infos {sum(n for (_, s), n in counts.items() if s == 'info')}")
    for (rule, severity), n in sorted(counts.items()):
        if severity != "info":
            print(f"  {rule} {severity:8s} {n}")
    print("\nerror findings (each is a real slip or a false alarm: judge them)")
    for name, line, rule, message in errors:
        print(f"  {name}:{line} {rule} {message[:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
