#!/usr/bin/env python3
"""Injected errors (``relations.py inject``) split by whether auditor reads the relation at all.

Usage (from the repository root, with the project's venv):

    .venv/bin/python bench/inject_breakdown.py [--tools ../shared/tools]

``../shared/tools/relations.py inject`` corrupts one figure of each annotated relation
that holds and scores ``auditor check``. A figure can only be blamed when the engine
reads the relation it sits in, so this script first audits the untouched documents
with ``--show-passed`` and calls a relation READ when one relation the engine
evaluates covers every figure of the annotation. It then makes the same injected
cases as ``relations.py`` (its own functions, imported) and prints detected, located
and suggested for read and unread relations apart: the first measures diagnosis,
the second what the claims grammar and the vocabulary do not yet reach.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from support import REPO, run_auditor


def overlaps(a: tuple[int, int], span: dict[str, Any]) -> bool:
    return span["start"] < a[1] and a[0] < span["end"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tools", type=Path, default=REPO.parent / "shared" / "tools",
                        help="folder of relations.py (default: ../shared/tools)")
    args = parser.parse_args(argv)
    if not (args.tools / "relations.py").is_file():
        print(f"bench: {args.tools / 'relations.py'} not found", file=sys.stderr)
        return 2
    sys.path.insert(0, str(args.tools))
    import relations as rel_tool  # the shared tool: its corruptions and scoring, not a copy

    work = Path(tempfile.mkdtemp(prefix="inject-breakdown-"))
    docs = rel_tool.load()
    originals = []
    for ann, text in docs:
        path = work / f"orig-{ann['source']}-{ann['file']}"
        path.write_text(text, encoding="utf-8")
        originals.append(path)
    report = run_auditor(originals, options=("--show-passed",))
    by_path = {str(Path(d["path"]).resolve()): d for d in report["documents"]}

    cases: list[dict[str, Any]] = []
    for (ann, text), path in zip(docs, originals):
        evaluated = by_path.get(str(path.resolve()), {}).get("relations", [])
        for rel in ann["relations"]:
            if not rel.get("holds", True):
                continue
            rows = rel_tool.spans_of(rel)
            spans = [r[2] for r in rows]
            read = any(all(any(overlaps(sp, f) for f in r["figures"]) for sp in spans) for r in evaluated)
            for role in rel_tool.TARGET_ROLE.get(rel["type"], []):
                target = next((r for r in rows if r[0] == role), None)
                if not target:
                    continue
                _, idx, (s, e), t = target
                options = rel_tool.corruptions(t)
                turn = len(cases) % max(len(options), 1)
                for kind, new in options[turn:] + options[:turn]:
                    mutated = json.loads(json.dumps(rel))
                    if role == "parts":
                        mutated["texts"]["parts"][idx] = new
                    else:
                        mutated["texts"][role] = new
                    try:
                        if rel_tool.holds(mutated, rel_tool.figure_intervals(mutated)):
                            continue
                    except (ValueError, ZeroDivisionError):
                        continue
                    name = f"{ann['source']}-{Path(ann['file']).stem}-{rel.get('id', 'r')}-{role}{idx}-{kind}.txt"
                    (work / name).write_text(text[:s] + new + text[e:], encoding="utf-8")
                    cases.append({"file": work / name, "type": rel["type"], "kind": kind, "read": read,
                                  "span": (s, s + len(new)), "orig_value": rel_tool.value_of(t)})
                    break

    audited = run_auditor([c["file"] for c in cases])
    results = {str(Path(d["path"]).resolve()): d for d in audited["documents"]}
    tally: dict[str, Counter[str]] = defaultdict(Counter)
    for c in cases:
        finds = rel_tool.severe(results.get(str(c["file"].resolve()), {}))
        detected = any(rel_tool.touches(f, c["span"]) for f in finds)
        located = [f for f in finds if f.get("severity") == "error" and rel_tool.touches(f, c["span"], locate_only=True)]
        suggested = any((v := rel_tool.value_of(json.dumps(f.get("suggestion") or ""))) is not None
                        and c["orig_value"] is not None and abs(v - c["orig_value"]) < 1e-9 for f in located)
        group = "read" if c["read"] else "not read"
        for key in ("all", group, f"{group}, {c['type']}"):
            tally[key].update(n=1, detected=detected, located=bool(located), suggested=suggested)
    print("| cases | n | detected | located | suggested |")
    print("|---|---:|---:|---:|---:|")
    for key in sorted(tally, key=lambda k: (k != "all", not k.startswith("read"), k)):
        t = tally[key]
        n = t["n"]
        print(f"| {key} | {n} | {t['detected'] / n:.2f} | {t['located'] / n:.2f} | {t['suggested'] / n:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
