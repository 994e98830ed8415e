#!/usr/bin/env python3
"""Benchmark (not a test): every error- and warning-level finding on the human reference transcripts.

Usage (from the repository root):

    .venv/bin/python bench/reference_findings.py [CORPUS] [--output FILE | --no-save]
                                                 [--context CHARS]

CORPUS is the corpus root (default: ../shared/corpus relative to the repository
root). The human references are CORPUS/e21dev/ref/*.txt and CORPUS/e22dev/*.txt.
Human transcripts are mostly right, so an error-level finding on them is either
a real slip of the speaker or a false alarm: each one has to be read.

All references are audited by ONE run of the real CLI (``auditor check --format
json -q -j 2 ...``, ``-j 2`` only when ``auditor check --help`` offers it). For
each error- and warning-level finding the script prints the file, the rule, the
located text, the message (trimmed to 200 characters), the related figures, and
CHARS characters of context around the location (default 160: 80 either side,
the location marked ⟦...⟧); then totals by rule and severity.

The same markdown is written to FILE (default: reports/reference-findings.md)
as a list with an empty "Judgement:" line per finding, for a developer to fill
in. When FILE already exists, judgements already written there are carried over
to the findings that are still reported (matched by file, rule and span, or else
by file, rule and located text), so re-running after a change keeps them; the
judgements of findings that disappeared are listed at the end of the file.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from support import run_auditor

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
DEFAULT_OUTPUT = REPO / "reports" / "reference-findings.md"
LISTED = ("error", "warning")
SEVERITIES = ("error", "warning", "info")
KEY_RE = re.compile(r"<!-- key: (.*?) \| alt: (.*?) -->")
JUDGEMENT_RE = re.compile(r"^\s*- \*\*Judgement:\*\*[ \t]?(.*)$")


def flat(s: str) -> str:
    return " ".join(s.split())


def trim(s: str, n: int) -> str:
    s = flat(s)
    return s if len(s) <= n else s[: n - 1] + "…"


def context(text: str, start: int, end: int, chars: int) -> str:
    half = chars // 2
    return (
        ("…" if start - half > 0 else "")
        + flat(text[max(0, start - half) : start])
        + " ⟦"
        + flat(text[start:end])
        + "⟧ "
        + flat(text[end : end + half])
        + ("…" if end + half < len(text) else "")
    )


def code(s: str) -> str:
    """Markdown inline code that survives backticks in ``s``."""
    return f"`` {s} ``" if "`" in s else f"`{s}`"


def old_judgements(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Non-empty judgements of an existing report by span key, and the span key of each text key."""
    by_key, by_alt = {}, {}
    if not path.exists():
        return by_key, by_alt
    key = alt = None
    for line in path.read_text(encoding="utf-8").splitlines():
        m = KEY_RE.search(line)
        if m:
            key, alt = m.group(1), m.group(2)
            continue
        j = JUDGEMENT_RE.match(line)
        if j and key and j.group(1).strip():
            by_key[key] = j.group(1).strip()
            by_alt.setdefault(alt, key)
            key = alt = None
    return by_key, by_alt


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "corpus",
        nargs="?",
        type=Path,
        default=DEFAULT_CORPUS,
        help="corpus root holding e21dev/ref/ and e22dev/ (default: %(default)s)",
    )
    ap.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        metavar="FILE",
        help="markdown report to write (default: reports/reference-findings.md)",
    )
    ap.add_argument("--no-save", action="store_true", help="print only, write no file")
    ap.add_argument(
        "--context",
        type=int,
        default=160,
        metavar="CHARS",
        help="characters of context around a location (default: 160)",
    )
    args = ap.parse_args(argv)

    corpus = args.corpus
    sets = {"e21dev/ref": corpus / "e21dev" / "ref", "e22dev": corpus / "e22dev"}
    missing = [str(d) for d in sets.values() if not d.is_dir()]
    if missing:
        sys.exit(
            f"reference_findings: no reference transcripts at {', '.join(missing)}; "
            "pass the corpus root (holding e21dev/ and e22dev/) as the first argument"
        )
    files: dict[Path, str] = {}
    for name, folder in sets.items():
        for path in sorted(folder.glob("*.txt")):
            files[path.resolve()] = f"{name}/{path.name}"
    if not files:
        sys.exit(
            f"reference_findings: no .txt files under {', '.join(map(str, sets.values()))}"
        )

    report = run_auditor(list(files))
    by_key, by_alt = old_judgements(args.output)
    used = set()

    listed: list[str] = []
    totals: dict[tuple[str, str], Counter] = defaultdict(Counter)
    per_set: dict[str, Counter] = defaultdict(Counter)
    notes: list[str] = []
    n = 0
    for entry in report.get("documents", []):
        rel = files.get(Path(entry["path"]).resolve(), entry["path"])
        if entry.get("error"):
            notes.append(f"{rel}: not audited ({entry['error']})")
            continue
        text = Path(entry["path"]).read_text(encoding="utf-8-sig")
        for f in entry.get("findings", []):
            sev = f.get("severity", "?")
            totals[(f["rule"], f.get("name", ""))][sev] += 1
            per_set[rel.split("/")[0]][sev] += 1
            if sev not in LISTED:
                continue
            n += 1
            loc = f["location"]
            s, e = loc["start"], loc["end"]
            if text[s:e] != loc.get("text", text[s:e]):
                notes.append(
                    f"{rel}: location text {loc.get('text')!r} differs from the file at {s}:{e} "
                    f"({text[s:e]!r})"
                )
            key = f"{rel}:{f['rule']}:{s}-{e}"
            alt = f"{rel}:{f['rule']}:{flat(loc.get('text', ''))}"
            old_key = key if key in by_key else by_alt.get(alt)
            judgement = by_key.get(old_key, "") if old_key else ""
            if old_key:
                used.add(old_key)
            speaker = f", {loc['speaker']}" if loc.get("speaker") else ""
            related = ", ".join(
                code(flat(r.get("text", ""))) for r in f.get("related") or []
            )
            lines = [
                (
                    f"{n}. **{rel}:{loc.get('line')}:{loc.get('column')}**{speaker} — "
                    f"{f['rule']} {f.get('name', '')} [{sev}] on {code(flat(loc.get('text', '')))}"
                ),
                f"   <!-- key: {key} | alt: {alt} -->",
                f"   - message: {trim(f.get('message', ''), 200)}",
            ]
            if related:
                lines.append(f"   - related: {related}")
            if f.get("suggestion"):
                lines.append(
                    f"   - suggestion: {code(str(f['suggestion'].get('replacement')))}"
                )
            lines += [
                f"   - context: {code(context(text, s, e, args.context))}",
                f"   - **Judgement:** {judgement}",
            ]
            listed.append("\n".join(lines))

    intro = (
        f"`auditor check` over {len(files)} human reference transcripts "
        f"({sum(1 for r in files.values() if r.startswith('e21dev'))} e21dev/ref, "
        f"{sum(1 for r in files.values() if r.startswith('e22dev'))} e22dev) of the shared corpus. "
        "Human transcripts are mostly right: an error here is a real slip of the speaker or a false alarm. "
        "Write a judgement on each (e.g. `false alarm: ...` or `real slip: ...`); "
        "`bench/reference_findings.py` keeps them when it is run again."
    )
    out = [
        "# Findings on the human reference transcripts",
        "",
        intro,
        "",
        "## Totals",
        "",
        "| rule | error | warning | info |",
        "|---|---:|---:|---:|",
    ]
    for (rule, name), c in sorted(totals.items()):
        out.append(f"| {rule} {name} | {c['error']} | {c['warning']} | {c['info']} |")
    all_sev = Counter()
    for c in totals.values():
        all_sev.update(c)
    out.append(
        f"| **all** | {all_sev['error']} | {all_sev['warning']} | {all_sev['info']} |"
    )
    out += ["", "| set | files | error | warning | info |", "|---|---:|---:|---:|---:|"]
    for name in ("e21dev", "e22dev"):
        nfiles = sum(1 for r in files.values() if r.startswith(name))
        c = per_set[name]
        out.append(
            f"| {name} | {nfiles} | {c['error']} | {c['warning']} | {c['info']} |"
        )
    out += ["", f"## Error- and warning-level findings ({n})", ""]
    out += listed if listed else ["(none)"]
    if notes:
        out += ["", "## Notes", ""] + [f"- {x}" for x in notes]
    orphans = sorted(k for k in by_key if k not in used)
    if orphans:
        out += ["", "## Judgements of findings no longer reported", ""]
        out += [f"- {k}: {by_key[k]}" for k in orphans]
    markdown = "\n".join(out) + "\n"

    print(markdown, end="")
    if not args.no_save:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(markdown, encoding="utf-8")
        print(f"\n(written to {args.output})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
