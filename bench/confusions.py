#!/usr/bin/env python3
"""Benchmark (not a test): how speech recognition confuses spoken numbers, on e21dev gold.

Usage (from the repository root):

    .venv/bin/python bench/confusions.py [CORPUS] [--examples N]

CORPUS is the corpus root (default: ../shared/corpus relative to the repository
root); the script reads CORPUS/e21dev/gold/ENGINE/ID.json (see CORPUS/README.md,
section "e21dev"). Only gold mismatches (``match`` false) are counted; "unknown"
alignments are left out. The gold alignment is about 9 in 10 right, so every
count below carries that noise.

It prints, as markdown tables (reports/confusions.md is written from them):

1. mismatches by gold ``category``, overall and per engine;
2. for each mismatch whose reference and ASR values are both single numbers,
   which generator of ``auditor/claims/confusions.py`` explains it. The ASR text
   is scanned with ``scan_text``; the mention taken is the one covering the whole
   ASR text, else the first money/percent one (skipped when none). A generator
   explains the error when one of its candidates, in base units, equals the
   reference value. Base units: ``candidate.number * mention.value /
   mention.number`` (this is ``number * scale``, except for cents, where the scan
   keeps the number as said, 37 for "37 cents", and the value in dollars);
   percent mentions are in percent and the gold ``ref_value`` of a "%" mention is
   in percentage points, so they compare directly. teen_ten is broken down by its
   reason (the words confused); errors no generator explains are grouped by gold
   category with examples;
3. the share of errors in a sentence with two or more other numbers
   (``sentence_other_numbers`` >= 2), by gold category and by generator.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from fractions import Fraction
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from auditor.claims.confusions import (
    Candidate,
    _split,
    digit_change,
    leading_added,
    leading_lost,
    lost_point,
    moved_point,
    scale_word,
    teen_ten,
)
from auditor.claims.mention import Kind, Mention
from auditor.extraction.scan import scan_text

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
CATEGORIES = ("wrong_digits", "decimal_point", "teen_ty", "scale", "dropped", "split", "unit", "other")
GENERATORS: tuple[tuple[str, Callable[[Mention], Iterator[Candidate]]], ...] = (
    ("teen_ten", teen_ten), ("lost_point", lost_point), ("scale_word", scale_word), ("digit_change", digit_change),
    ("leading_lost", leading_lost), ("leading_added", leading_added), ("moved_point", moved_point),
)
TEEN_WORDS = ("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
TEN_WORDS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def load(corpus: Path) -> list[tuple[str, str, dict[str, Any]]]:
    """(engine, file id, gold mention) for every gold mention of e21dev."""
    out = []
    for path in sorted((corpus / "e21dev" / "gold").glob("*/*.json")):
        doc = json.loads(path.read_text())
        for m in doc["mentions"]:
            out.append((path.parent.name, path.stem, m))
    return out


def is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def pick_mention(asr_text: str) -> Mention | None:
    """The mention covering the whole ASR text, else the first money/percent one."""
    mentions = [m for m in scan_text(asr_text) if not m.is_range]
    stripped = asr_text.strip().strip(".,;:?!")
    lo = asr_text.find(stripped) if stripped else 0
    hi = lo + len(stripped)
    for m in mentions:
        if m.start <= lo and m.end >= hi:
            return m
    for m in mentions:
        if m.kind in (Kind.MONEY, Kind.PERCENT):
            return m
    return None


def factor(mention: Mention) -> Fraction:
    """Base units per stated unit (scale, or 1/100 for cents)."""
    if mention.number:
        return mention.value / mention.number
    return Fraction(mention.scale)


def explaining(gen: Callable[[Mention], Iterator[Candidate]], mention: Mention, ref: Fraction) -> list[Candidate]:
    f = factor(mention)
    sign = -1 if mention.number < 0 else 1
    return [c for c in gen(mention) if c.number * sign * f == ref or c.number * f == ref]


def significant(x: Fraction) -> str:
    """The digits of |x| without point, leading or trailing zeros: 0.9 -> '9', 360 -> '36'."""
    x = abs(x)
    text = str(x.numerator // x.denominator)
    frac, digits = x - int(x), ""
    while frac and len(digits) < 12:
        frac *= 10
        digits += str(int(frac))
        frac -= int(frac)
    return (text + digits).strip("0") or "0"


def shape(ref: Fraction, heard: Fraction) -> str:
    """How the heard value's digits relate to the reference's."""
    a, b = significant(ref), significant(heard)
    if a == b:
        return "same digits, other magnitude (scale word, unit or point lost/added)"
    if b.endswith(a):
        return "digits added in front (7 -> 57, 0.9 -> 10.9, 7.9 -> 27.9)"
    if b.startswith(a):
        return "digits added at the end (35 -> 352, 60 -> 67)"
    if a.endswith(b):
        return "leading digits lost (360 -> 60, 81.4 -> 1.4)"
    if a.startswith(b):
        return "trailing digits lost (11.3 -> 11, 26.5 billion -> 26)"
    if len(a) == len(b):
        return f"same length, {sum(x != y for x, y in zip(a, b))} digits differ"
    return "other (length and digits differ)"


def cand_text(c: Candidate) -> str:
    """A candidate written as digit_change writes its text (integer part, point, c.decimals digits)."""
    integer = int(c.number)
    digits = str(round((c.number - integer) * 10**c.decimals)).rjust(c.decimals, "0") if c.decimals else ""
    return str(integer) + ("." + digits if digits else "")


def table(header: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(x) for x in row) + " |" for row in rows]
    return "\n".join(lines)


def pct(a: int, b: int) -> str:
    return f"{a}/{b} ({100 * a / b:.0f}%)" if b else "0/0"


def short(m: dict[str, Any]) -> str:
    return f"{m['ref_text']!r} -> {m['asr_text']!r}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--examples", type=int, default=10, help="examples per unexplained category (default 10)")
    args = ap.parse_args()

    gold = load(args.corpus)
    errors = [(e, f, m) for e, f, m in gold if m["match"] is False]
    engines = sorted({e for e, _, _ in gold})
    print(f"# e21dev: {len(gold)} gold mentions, {len(errors)} mismatches (match false), "
          f"{sum(m['match'] == 'unknown' for _, _, m in gold)} unknown (left out)\n")

    # 1. categories ------------------------------------------------------------------
    by_cat = Counter(m["category"] for _, _, m in errors)
    by_eng = Counter((e, m["category"]) for e, _, m in errors)
    n_eng = Counter(e for e, _, _ in gold)
    print("## 1. Mismatches by gold category\n")
    rows = [[c, by_cat[c], *(by_eng[(e, c)] for e in engines)] for c in CATEGORIES]
    rows.append(["**total**", len(errors), *(sum(by_eng[(e, c)] for c in CATEGORIES) for e in engines)])
    rows.append(["(mentions)", len(gold), *(n_eng[e] for e in engines)])
    print(table(["category", "all", *engines], rows) + "\n")

    # 2. generators -------------------------------------------------------------------
    numeric = [(e, f, m) for e, f, m in errors if is_number(m["ref_value"]) and is_number(m["asr_value"])]
    scanned: list[tuple[str, str, dict[str, Any], Mention]] = []
    skipped = []
    for e, f, m in numeric:
        mention = pick_mention(m["asr_text"])
        if mention is None:
            skipped.append(m)
        else:
            scanned.append((e, f, m, mention))
    print("## 2. Which generator explains the error\n")
    print(f"Mismatches with a single number on both sides: {len(numeric)}; the scan found no usable mention "
          f"in the ASR text for {len(skipped)}"
          + (f" ({'; '.join(short(m) for m in skipped[:5])}{' ...' if len(skipped) > 5 else ''})" if skipped else "")
          + f"; examined: {len(scanned)}.\n")

    # sanity: units (percent vs percentage points, cents) as seen by the scan
    print("Unit check (first mismatch of each ASR mention kind, cents apart; ref value vs scanned value in base units):\n")
    seen: set[tuple[Kind, bool]] = set()
    rows = []
    for _, _, m, mention in scanned:
        key = (mention.kind, factor(mention) < 1)
        if key not in seen:
            seen.add(key)
            rows.append([mention.kind.value, repr(m["ref_text"]), m["ref_value"], m["ref_unit"] or "-",
                         repr(m["asr_text"]), float(mention.value), mention.scale, float(factor(mention))])
    print(table(["ASR kind", "ref_text", "ref_value", "ref_unit", "asr_text", "scanned value", "scale", "factor"],
                rows) + "\n")

    explained: dict[str, list[tuple[str, dict[str, Any], Mention, list[Candidate]]]] = defaultdict(list)
    per_error: list[tuple[str, dict[str, Any], Mention, set[str]]] = []
    scan_right = []
    for e, _, m, mention in scanned:
        ref = Fraction(str(m["ref_value"]))
        if mention.value == ref or -mention.value == ref:
            scan_right.append(m)  # the scan reads the garble right: no confusion to explain
            continue
        hits = set()
        for name, gen in GENERATORS:
            cands = explaining(gen, mention, ref)
            if cands:
                hits.add(name)
                explained[name].append((e, m, mention, cands))
        per_error.append((e, m, mention, hits))
    if scan_right:
        print(f"The scan itself reads the reference value in {len(scan_right)} of them (a garble the gold "
              f"valued otherwise; left out below, which counts {len(per_error)} errors): "
              f"{'; '.join(short(m) for m in scan_right[:5])}\n")

    rows = []
    for name, _ in GENERATORS:
        hits = explained[name]
        cats = Counter(m["category"] for _, m, _, _ in hits)
        only = sum(1 for _, _, _, h in per_error if h == {name})
        rows.append([name, len(hits), only, ", ".join(f"{c} {n}" for c, n in cats.most_common())])
    anyhit = sum(1 for *_, h in per_error if h)
    strong = sum(1 for *_, h in per_error if h - {"digit_change", "leading_lost", "leading_added", "moved_point"})
    rows.append(["any strong (teen_ten, lost_point, scale_word)", strong, "", ""])
    rows.append(["any", anyhit, "", ""])
    rows.append(["none", len(per_error) - anyhit, "", ""])
    print(table(["generator", "explains", "only this one", "by gold category"], rows) + "\n")

    # per engine
    rows = []
    for eng in engines:
        mine = [h for e, _, _, h in per_error if e == eng]
        rows.append([eng, len(mine), *(sum(1 for h in mine if name in h) for name, _ in GENERATORS),
                     sum(1 for h in mine if not h)])
    print("Per engine (examined errors, explained by each generator, by none):\n")
    print(table(["engine", "examined", *(n for n, _ in GENERATORS), "none"], rows) + "\n")

    print("By reason (an error counts once per distinct reason of the candidates that explain it):\n")
    rows = []
    for name, _ in GENERATORS:
        if name == "teen_ten":
            continue  # broken down below
        by_reason: dict[str, list[str]] = defaultdict(list)
        for e, m, _, cands in explained[name]:
            for reason in sorted({c.reason for c in cands}):
                by_reason[reason].append(f"{e}: {short(m)}")
        for reason, ex in sorted(by_reason.items(), key=lambda kv: -len(kv[1])):
            rows.append([name, reason, len(ex), "; ".join(ex[:args.examples])])
    print(table(["generator", "reason", "errors", "examples"], rows) + "\n")
    where = Counter()
    for _, _, mention, cands in explained["digit_change"]:
        integer, digits = _split(mention)
        text = str(integer) + ("." + digits if digits else "")
        for c in cands:
            if c.reason == "a digit misheard":
                i = next(i for i, (x, y) in enumerate(zip(text, cand_text(c))) if x != y)
                where["leading digit" if i == 0 else "last digit" if i == len(text) - 1 else "inner digit"] += 1
                break
    print("digit_change 'a digit misheard', by the position of the digit in the ASR figure: "
          + ", ".join(f"{k} {n}" for k, n in where.most_common()) + "\n")

    # teen_ten breakdown
    print("### teen_ten by the words confused (as the generator words it: said 'X' heard as 'Y')\n")
    reasons: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    for e, m, mention, cands in explained["teen_ten"]:
        for reason in sorted({c.reason for c in cands}):
            reasons[reason] += 1
            examples[reason].append(f"{e}: {short(m)}")
    rows = [[r, n, "; ".join(sorted(set(examples[r]))[:4])] for r, n in reasons.most_common()]
    print(table(["confusion", "errors", "examples"], rows) + "\n")
    possible = [f"'{TEEN_WORDS[d - 1]}' heard as '{TEN_WORDS[d - 2]}'" for d in range(2, 10)]
    possible += [f"'{TEN_WORDS[d - 2]}' heard as '{TEEN_WORDS[d - 1]}'" for d in range(3, 10)]
    never = [p for p in possible if p not in reasons]
    print(f"teen/ty word pairs the generator offers that never explain an error: {', '.join(never) or 'none'}; "
          f"plus every 'TEEN point U' heard as 'TY U' case not listed above.\n")

    # 12 <-> 20 and 11 <-> ? independently of the generator: word or digit forms in the mismatch itself
    print("### twelve/twenty and eleven in the mismatches (independent of the generator)\n")

    def last_two(v: Any) -> int | None:
        if not is_number(v):
            return None
        x = Fraction(str(v))
        while x.denominator == 1 and x >= 1000 and x % 1000 == 0:
            x /= 1000  # 12 million -> 12
        return int(x) % 100 if x.denominator == 1 else None

    pairs = Counter()
    rows = []
    for e, _, m in errors:
        a, b = last_two(m["ref_value"]), last_two(m["asr_value"])
        words = f"{m['ref_text']} {m['asr_text']}".lower()
        if {a, b} & {11, 12} or re.search(r"\b(eleven|twelve)\b", words):
            pairs[(a, b)] += 1
            rows.append([e, m["category"], repr(m["ref_text"]), repr(m["asr_text"])])
    print(table(["engine", "category", "ref_text", "asr_text"], rows) + "\n" if rows else "none\n")
    order = [11, 12, 20, *range(13, 20), *range(30, 100, 10)]
    base = Counter(last_two(m["ref_value"]) for _, _, m in gold)
    print("How often each value (last two digits, after removing thousands) is SAID in the references, "
          "all engines' gold rows (6 per mention):\n")
    print(table([str(v) for v in order], [[base[v] for v in order]]) + "\n")

    # unexplained
    print(f"### Errors no generator explains, by gold category ({args.examples} examples each)\n")
    none_by_cat: dict[str, list[str]] = defaultdict(list)
    for e, m, _, h in per_error:
        if not h:
            none_by_cat[m["category"]].append(f"{e}: {short(m)}")
    for e, _, m in errors:  # not examined at all: dropped, split, no mention
        if not (is_number(m["ref_value"]) and is_number(m["asr_value"])) or m in skipped:
            none_by_cat[m["category"] + " (not examined)"].append(f"{e}: {short(m)}")
    rows = [[c, len(v), "; ".join(v[: args.examples])]
            for c, v in sorted(none_by_cat.items(), key=lambda kv: -len(kv[1]))]
    print(table(["category", "errors", "examples"], rows) + "\n")
    print("Examined errors no generator explains, by shape (significant digits of the reference vs the ASR "
          "value: 0.9 -> '9', 360 -> '36', 20 million -> '2'):\n")
    shapes: dict[str, list[str]] = defaultdict(list)
    for e, m, mention, h in per_error:
        if not h:
            shapes[shape(Fraction(str(m["ref_value"])), mention.value)].append(f"{e}: {short(m)}")
    rows = [[k, len(v), "; ".join(v[: args.examples])] for k, v in sorted(shapes.items(), key=lambda kv: -len(kv[1]))]
    print(table(["shape", "errors", "examples"], rows) + "\n")
    front = Counter()
    for _, m, mention, h in per_error:
        a, b = significant(Fraction(str(m["ref_value"]))), significant(mention.value)
        if not h and a != b and b.endswith(a):
            front[b[: len(b) - len(a)]] += 1
    print("Digits added in front, by the added digits ('2' is typically 'to' or 'twenty', '4' 'for'): "
          + ", ".join(f"'{k}' {n}" for k, n in front.most_common()) + "\n")
    strong_none = Counter(m["category"] for _, m, _, h in per_error if not (h - {"digit_change", "leading_lost", "leading_added", "moved_point"}))
    print("Examined errors no strong generator explains (digit_change aside), by category: "
          + ", ".join(f"{c} {n}" for c, n in strong_none.most_common()) + "\n")

    # 3. sentences with two or more other numbers -------------------------------------
    print("## 3. Errors in a sentence with two or more other numbers\n")
    rows = []
    for c in CATEGORIES:
        mine = [m for _, _, m in errors if m["category"] == c]
        rows.append([c, pct(sum(m["sentence_other_numbers"] >= 2 for m in mine), len(mine))])
    rows.append(["**all**", pct(sum(m["sentence_other_numbers"] >= 2 for _, _, m in errors), len(errors))])
    print(table(["gold category", ">= 2 other numbers"], rows) + "\n")
    rows = []
    for name, _ in GENERATORS:
        mine = [m for _, m, _, _ in explained[name]]
        rows.append([name, pct(sum(m["sentence_other_numbers"] >= 2 for m in mine), len(mine))])
    mine = [m for _, m, _, h in per_error if not h]
    rows.append(["none", pct(sum(m["sentence_other_numbers"] >= 2 for m in mine), len(mine))])
    print(table(["explained by", ">= 2 other numbers"], rows) + "\n")


if __name__ == "__main__":
    main()
