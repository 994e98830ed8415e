#!/usr/bin/env python3
"""Benchmark (not a test): auditor's findings on speech-recognition transcripts, scored against gold.

Usage (from the repository root):

    .venv/bin/python bench/asr_bench.py [CORPUS] [--list N] [--context CHARS]
                                        [--engine NAME ...] [--audit-json FILE]

CORPUS is the corpus root (default: ../shared/corpus relative to the repository
root); the benchmark reads CORPUS/e21dev/asr/ENGINE/ID.txt and the gold
CORPUS/e21dev/gold/ENGINE/ID.json (see CORPUS/README.md). All transcripts are
audited by ONE run of the real CLI (``auditor check --format json -q -j 2 ...``,
``-j 2`` only when ``auditor check --help`` offers it) and the JSON is parsed.

Scoring. A gold mention is a numeric mention of the reference with its span
``asr_char`` [start, end) in the ASR text and ``match``: true (transcribed right),
false (a transcription error), "unknown" (could not be aligned). Spans overlap
when they share a character; a zero-width gold span (a number the engine dropped
without trace) at position p is overlapped by a finding span [s, e) with s <= p < e.

* A finding's ``location`` (the figure it blames) is RIGHT when it overlaps a
  gold mention with match == false; otherwise UNCLEAR when it overlaps a
  match == "unknown" mention; otherwise WRONG, either "on a correct figure"
  (it overlaps a match == true mention) or "off gold" (it overlaps no gold
  mention at all: a word such as "improved", or a number the gold does not list).
  "(irregular)" counts the wrong findings on a correct figure that the engine
  wrote in an irregular form (gold ``asr_irregular_format``, e.g. "300 and $29.3
  million" for $329.3 million): the value was heard right, so they stay wrong.
  Precision = right / (right + wrong); unclear findings are left out of it.
  Error- and warning-level findings are scored separately; info is ignored.
* A gold error (match == false) is CAUGHT when the location of some error- or
  warning-level finding overlaps it, TOUCHED when the location or a ``related``
  span of such a finding does. Errors in a sentence with two or more other
  numbers (``sentence_other_numbers`` >= 2) are the ones a consistency check has
  a chance to catch; their count, how many were caught and the share are printed.

``--list N`` prints N wrong findings (error level first, then warning) with
CHARS characters of context around the blamed span (default 100: 50 either side),
so that a developer can read them. ``--audit-json FILE`` scores a saved audit
instead of running the CLI (it must cover the same transcripts).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from support import run_auditor

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
SCORED = ("error", "warning")
CATEGORIES = (
    "wrong_digits",
    "decimal_point",
    "teen_ty",
    "scale",
    "split",
    "unit",
    "dropped",
    "other",
)


# --------------------------------------------------------------------------- CLI


# ------------------------------------------------------------------------ scoring


def overlaps(s: int, e: int, a: int, b: int) -> bool:
    """Finding span [s, e) against gold span [a, b); a zero-width gold span is a point."""
    if b <= a:
        return s <= a < e
    return s < b and a < e


@dataclass
class Doc:
    engine: str
    call: str
    path: Path
    text: str
    mentions: list[dict[str, Any]]


@dataclass
class Scored:
    doc: Doc
    finding: dict[str, Any]
    verdict: str  # right | unclear | wrong_true | wrong_none
    gold: list[dict[str, Any]]  # gold mentions the location overlaps

    @property
    def irregular(self) -> bool:
        """Wrong on a correct figure that the engine wrote in an irregular form (gold flag)."""
        return self.verdict == "wrong_true" and any(
            m.get("asr_irregular_format") for m in self.gold
        )


@dataclass
class Tally:
    docs: int = 0
    findings: dict[str, Counter] = field(
        default_factory=lambda: {sev: Counter() for sev in SCORED}
    )
    gold_errors: int = 0
    caught: int = 0
    touched: int = 0
    son2: int = 0
    son2_caught: int = 0
    son2_touched: int = 0
    # category -> Counter(gold, son2, caught, touched)
    categories: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))


def classify(
    loc: dict[str, Any], mentions: list[dict[str, Any]]
) -> tuple[str, list[dict[str, Any]]]:
    hit = [m for m in mentions if overlaps(loc["start"], loc["end"], *m["asr_char"])]
    matches = [m["match"] for m in hit]
    if False in matches:
        return "right", hit
    if "unknown" in matches:
        return "unclear", hit
    if True in matches:
        return "wrong_true", hit
    return "wrong_none", hit


def load_docs(corpus: Path, engines: list[str] | None) -> list[Doc]:
    e21 = corpus / "e21dev"
    docs = []
    for gold_path in sorted((e21 / "gold").glob("*/*.json")):
        engine, call = gold_path.parent.name, gold_path.stem
        if engines and engine not in engines:
            continue
        asr = e21 / "asr" / engine / f"{call}.txt"
        if not asr.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = asr.read_text(encoding="utf-8-sig")
        docs.append(Doc(engine, call, asr, text, gold["mentions"]))
    return docs


def score(
    docs: list[Doc], report: dict[str, Any]
) -> tuple[dict[str, Tally], list[Scored], dict[str, int]]:
    by_path = {d.path.resolve(): d for d in docs}
    tallies: dict[str, Tally] = defaultdict(Tally)
    scored: list[Scored] = []
    problems = Counter()
    seen = set()
    for entry in report.get("documents", []):
        doc = by_path.get(Path(entry["path"]).resolve())
        if doc is None:
            problems["documents in the audit not in the gold"] += 1
            continue
        seen.add(doc.path.resolve())
        if entry.get("error"):
            problems["documents the auditor could not read"] += 1
        findings = [f for f in entry.get("findings", []) if f.get("severity") in SCORED]
        doc_scored = []
        for f in findings:
            loc = f["location"]
            if doc.text[loc["start"] : loc["end"]] != loc.get(
                "text", doc.text[loc["start"] : loc["end"]]
            ):
                problems[
                    "locations whose text differs from the file at their offsets"
                ] += 1
            verdict, hit = classify(loc, doc.mentions)
            doc_scored.append(Scored(doc, f, verdict, hit))
        scored.extend(doc_scored)
        errors = [m for m in doc.mentions if m["match"] is False]
        for key in (doc.engine, "ALL"):
            t = tallies[key]
            t.docs += 1
            for s in doc_scored:
                t.findings[s.finding["severity"]][s.verdict] += 1
                t.findings[s.finding["severity"]]["irregular"] += s.irregular
        for m in errors:
            a, b = m["asr_char"]
            caught = any(
                overlaps(f["location"]["start"], f["location"]["end"], a, b)
                for f in findings
            )
            touched = caught or any(
                overlaps(r["start"], r["end"], a, b)
                for f in findings
                for r in f.get("related") or []
            )
            son2 = (m.get("sentence_other_numbers") or 0) >= 2
            for key in (doc.engine, "ALL"):
                t = tallies[key]
                t.gold_errors += 1
                t.caught += caught
                t.touched += touched
                t.son2 += son2
                t.son2_caught += caught and son2
                t.son2_touched += touched and son2
                cat = t.categories[m.get("category") or "none"]
                cat["gold"] += 1
                cat["son2"] += son2
                cat["caught"] += caught
                cat["touched"] += touched
    missing = len(by_path) - len(seen)
    if missing:
        problems["transcripts missing from the audit"] += missing
    return tallies, scored, problems


# ------------------------------------------------------------------------- output


def pct(num: int, den: int) -> str:
    return f"{100 * num / den:5.1f}%" if den else "    -"


def table(header: list[str], rows: list[list[Any]]) -> str:
    cells = [header] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    fmt = lambda r: "  ".join(
        c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))
    )
    return "\n".join(
        [fmt(cells[0]), fmt(["-" * w for w in widths]), *map(fmt, cells[1:])]
    )


def findings_rows(
    tallies: dict[str, Tally], keys: list[str], severity: str
) -> list[list[Any]]:
    rows = []
    for key in keys:
        c = tallies[key].findings[severity]
        right, unclear = c["right"], c["unclear"]
        wrong = c["wrong_true"] + c["wrong_none"]
        rows.append(
            [
                key,
                tallies[key].docs,
                right + wrong + unclear,
                right,
                wrong,
                c["wrong_true"],
                c["irregular"],
                c["wrong_none"],
                unclear,
                pct(right, right + wrong),
            ]
        )
    return rows


def context(text: str, start: int, end: int, chars: int) -> str:
    half = chars // 2
    before = text[max(0, start - half) : start]
    after = text[end : end + half]
    flat = lambda s: " ".join(s.split())
    return (
        ("…" if start - half > 0 else "")
        + flat(before)
        + " ⟦"
        + flat(text[start:end])
        + "⟧ "
        + flat(after)
        + ("…" if end + half < len(text) else "")
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "corpus",
        nargs="?",
        type=Path,
        default=DEFAULT_CORPUS,
        help="corpus root holding e21dev/ (default: %(default)s)",
    )
    ap.add_argument(
        "--list",
        type=int,
        default=0,
        metavar="N",
        help="print N wrong findings with context",
    )
    ap.add_argument(
        "--context",
        type=int,
        default=100,
        metavar="CHARS",
        help="characters of context around a listed finding (default: 100)",
    )
    ap.add_argument(
        "--engine",
        action="append",
        metavar="NAME",
        help="only this engine (repeatable)",
    )
    ap.add_argument(
        "--audit-json",
        type=Path,
        metavar="FILE",
        help="score this saved audit instead of running auditor",
    )
    args = ap.parse_args(argv)

    e21 = args.corpus / "e21dev"
    if not (e21 / "asr").is_dir() or not (e21 / "gold").is_dir():
        sys.exit(
            f"asr_bench: no e21dev corpus at {e21} (expected asr/ and gold/ in it); "
            "pass the corpus root as the first argument"
        )
    docs = load_docs(args.corpus, args.engine)
    if not docs:
        sys.exit(f"asr_bench: no transcripts with gold under {e21}")

    if args.audit_json:
        report = json.loads(args.audit_json.read_text(encoding="utf-8"))
    else:
        report = run_auditor([d.path for d in docs])
    tallies, scored, problems = score(docs, report)

    engines = sorted(k for k in tallies if k != "ALL")
    keys = engines + ["ALL"]
    print(
        f"auditor on {len(docs)} ASR transcripts of {e21} "
        f"({len({d.call for d in docs})} calls x {len(engines)} engines)\n"
    )

    head = [
        "engine",
        "docs",
        "findings",
        "right",
        "wrong",
        "on-correct",
        "(irregular)",
        "off-gold",
        "unclear",
        "precision",
    ]
    for severity in SCORED:
        print(
            f"{severity.upper()}-level findings (location vs gold: right = blames a mistranscribed number)"
        )
        print(table(head, findings_rows(tallies, keys, severity)))
        print()

    print(
        "Gold errors (match false) caught: location overlaps the error; touched: location or related"
    )
    rows = []
    for key in keys:
        t = tallies[key]
        rows.append(
            [
                key,
                t.gold_errors,
                t.caught,
                pct(t.caught, t.gold_errors),
                t.touched,
                t.son2,
                t.son2_caught,
                pct(t.son2_caught, t.son2),
                t.son2_touched,
            ]
        )
    print(
        table(
            [
                "engine",
                "gold errors",
                "caught",
                "recall",
                "touched",
                "in sent>=2 other",
                "caught there",
                "share",
                "touched there",
            ],
            rows,
        )
    )
    print()

    print("Caught by category (all engines)")
    cats = tallies["ALL"].categories
    order = [c for c in CATEGORIES if c in cats] + sorted(
        c for c in cats if c not in CATEGORIES
    )
    rows = [
        [
            c,
            cats[c]["gold"],
            cats[c]["son2"],
            cats[c]["caught"],
            cats[c]["touched"],
            pct(cats[c]["caught"], cats[c]["gold"]),
        ]
        for c in order
    ]
    print(
        table(
            [
                "category",
                "gold errors",
                "in sent>=2 other",
                "caught",
                "touched",
                "recall",
            ],
            rows,
        )
    )
    print()

    print("Findings by rule (all engines)")
    by_rule: dict[tuple[str, str, str], Counter] = defaultdict(Counter)
    for s in scored:
        by_rule[(s.finding["rule"], s.finding.get("name", ""), s.finding["severity"])][
            s.verdict
        ] += 1
        by_rule[(s.finding["rule"], s.finding.get("name", ""), s.finding["severity"])][
            "irregular"
        ] += s.irregular
    rows = []
    for (rule, name, sev), c in sorted(by_rule.items()):
        wrong = c["wrong_true"] + c["wrong_none"]
        rows.append(
            [
                f"{rule} {name}",
                sev,
                c["right"] + wrong + c["unclear"],
                c["right"],
                wrong,
                c["irregular"],
                c["unclear"],
                pct(c["right"], c["right"] + wrong),
            ]
        )
    print(
        table(
            [
                "rule",
                "severity",
                "findings",
                "right",
                "wrong",
                "(irregular)",
                "unclear",
                "precision",
            ],
            rows,
        )
    )
    print(
        "(irregular): wrong findings on a correctly valued figure the engine wrote in an irregular form\n"
        "(gold asr_irregular_format, e.g. '300 and $29.3 million'); counted wrong, as the gold value is right."
    )
    distinct = {
        (id(s.doc), s.finding["location"]["start"], s.finding["location"]["end"])
        for s in scored
    }
    print(
        f"\n{len(scored)} error/warning findings blame {len(distinct)} distinct spans."
    )
    for what, n in problems.items():
        print(f"note: {n} {what}")

    if args.list:
        wrong = [s for s in scored if s.verdict.startswith("wrong")]
        wrong.sort(
            key=lambda s: (
                SCORED.index(s.finding["severity"]),
                s.doc.engine,
                s.doc.call,
                s.finding["location"]["start"],
            )
        )
        print(f"\n{min(args.list, len(wrong))} of {len(wrong)} wrong findings")
        for i, s in enumerate(wrong[: args.list], 1):
            f, loc = s.finding, s.finding["location"]
            if s.verdict == "wrong_true":
                gold = "; ".join(f"correct: ref {m['ref_text']!r}" for m in s.gold)
                gold += ", irregular ASR form" if s.irregular else ""
            else:
                gold = "no gold mention here"
            print(
                f"\n{i}. {s.doc.engine}/{s.doc.call}.txt:{loc.get('line')}:{loc.get('column')} "
                f"{f['rule']} {f.get('name', '')} [{f['severity']}] blames {loc.get('text')!r} ({gold})"
            )
            print(f"   message: {f.get('message', '')[:300]}")
            related = ", ".join(repr(r.get("text")) for r in f.get("related") or [])
            if related:
                print(f"   related: {related}")
            print(
                f"   context: {context(s.doc.text, loc['start'], loc['end'], args.context)}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
