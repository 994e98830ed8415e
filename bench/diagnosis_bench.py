#!/usr/bin/env python3
"""How well does the diagnosis find, blame and correct one speech-recognition slip?

Usage (from the repository root, with the project's venv):

    .venv/bin/python bench/diagnosis_bench.py [--n 2000] [--start 0] [--jobs N] [--show K]

Each case is one consistent call from tests/properties/generate.py (seed = start +
case number, skipping seeds whose call has no figure the slip applies to) with
exactly one figure corrupted the way speech recognition garbles spoken numbers:

  teen/ten        "17.3%" -> "70.3%", "seventy" -> "seventeen" (30..90 <-> 13..19), and
                  "seventeen point three" -> "seventy three" ("17.3%" -> "73%")
  teen/ten >=100  the same in the last two digits of a larger number ("617.4" -> "670.4")
  decimal point   "sixty point six" -> "sixty six" ("60.6" -> "66")
  point >=100     the same in a larger number ("160.6" -> "166")
  scale           "million" -> "billion" (and back)
  wrong digit     one digit replaced by another
  swapped digits  two adjacent digits swapped

The corrupted figure is drawn among the figures the slip applies to that take part in
at least one relation the generator states (a figure in none cannot be checked).
For each kind the table gives:

  cases       corrupted calls
  detected    some warning or error finding touches the corrupted figure (its location
              or related figures)
  blamed      an error finding's location is the corrupted figure
  suggested   that finding's suggestion's first number equals the original figure's
  value ok    that suggestion, read back by the scan, has the original value (a scale
              correction written "2,350 million" for "2.35 billion" counts here, not above)
  collateral  calls with an error that neither touches the corrupted figure nor sits on
              a figure of its relations (a false alarm the slip set off elsewhere)

and the same split by whether the corrupted figure sits in one or in two or more of
the generator's relations, then by how many relations with the figure the engine
actually evaluates on the clean call (the generator states some relations in words
the engine does not read yet: see the known gaps in tests/properties/). Targets (from the issue): blamed >= 90% where the figure is
in 2+ relations; suggested >= 70% for teen/ten, decimal point and scale. This prints
figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import re
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from auditor.engine.severity import Severity
from auditor.extraction.scan import scan_text
from auditor.ingest.document import Document
from auditor.runner import audit_document
from tests.properties.generate import Figure, GeneratedCall, generate
from tests.support.audit import audit_text, first_number

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
KINDS = ("teen/ten", "teen/ten >=100", "decimal point", "point >=100", "scale", "wrong digit", "swapped digits")
TARGETS = {"teen/ten", "decimal point", "scale"}


# -- corruptions: text of a figure -> garbled text, or None when the slip does not apply --


def _parts(number: str) -> tuple[int, str, bool]:
    """Integer part, decimal digits, and whether the integer part was grouped with commas."""
    whole, _, decimals = number.partition(".")
    return int(whole.replace(",", "")), decimals, "," in whole


def _number(integer: int, decimals: str, grouped: bool) -> str:
    text = f"{integer:,}" if grouped else str(integer)
    return text + ("." + decimals if decimals else "")


def _replace_number(text: str, make: Callable[[str], str | None]) -> str | None:
    m = NUMBER.search(text)
    if m is None:
        return None
    new = make(m.group())
    if new is None or new == m.group():
        return None
    return text[:m.start()] + new + text[m.end():]


def teen_ten(large: bool, rng: random.Random) -> Callable[[str], str | None]:
    def make(number: str) -> str | None:
        integer, decimals, grouped = _parts(number)
        if (integer >= 100) != large:
            return None
        head, last2 = divmod(integer, 100)
        if 13 <= last2 <= 19:
            d = last2 - 10
            if not large and len(decimals) == 1 and decimals != "0" and rng.random() < 0.3:
                return str(d * 10 + int(decimals))       # "seventeen point three" -> "seventy three"
            return _number(head * 100 + d * 10, decimals, grouped)   # "seventeen" -> "seventy"
        if last2 in (30, 40, 50, 60, 70, 80, 90):
            return _number(head * 100 + 10 + last2 // 10, decimals, grouped)  # "seventy" -> "seventeen"
        return None
    return make


def lost_point(large: bool) -> Callable[[str], str | None]:
    def make(number: str) -> str | None:
        integer, decimals, grouped = _parts(number)
        if (integer >= 100) != large:
            return None
        head, last2 = divmod(integer, 100)
        if last2 in (20, 30, 40, 50, 60, 70, 80, 90) and len(decimals) == 1 and decimals != "0":
            return _number(head * 100 + last2 + int(decimals), "", grouped)  # "sixty point six" -> "sixty six"
        return None
    return make


def wrong_digit(rng: random.Random) -> Callable[[str], str | None]:
    def make(number: str) -> str | None:
        positions = [i for i, ch in enumerate(number) if ch.isdigit()]
        i = rng.choice(positions)
        choices = [d for d in "0123456789" if d != number[i] and not (i == positions[0] and d == "0")]
        return number[:i] + rng.choice(choices) + number[i + 1:]
    return make


def swapped_digits(rng: random.Random) -> Callable[[str], str | None]:
    def make(number: str) -> str | None:
        positions = [i for i, ch in enumerate(number) if ch.isdigit()]
        pairs = [(a, b) for a, b in itertools.pairwise(positions) if number[a] != number[b]
                 and not (a == positions[0] and number[b] == "0")]
        if not pairs:
            return None
        a, b = rng.choice(pairs)
        chars = list(number)
        chars[a], chars[b] = chars[b], chars[a]
        return "".join(chars)
    return make


def corrupt(kind: str, figure: Figure, rng: random.Random) -> str | None:
    """The figure's text after the slip, or None when this slip does not apply to it."""
    text = figure.text
    if kind == "scale":
        if figure.stated.kind != "money":
            return None
        if text.endswith(" million"):
            return text[: -len("million")] + "billion"
        if text.endswith(" billion"):
            return text[: -len("billion")] + "million"
        return None
    make = {
        "teen/ten": lambda: teen_ten(False, rng),
        "teen/ten >=100": lambda: teen_ten(True, rng),
        "decimal point": lambda: lost_point(False),
        "point >=100": lambda: lost_point(True),
        "wrong digit": lambda: wrong_digit(rng),
        "swapped digits": lambda: swapped_digits(rng),
    }[kind]()
    return _replace_number(text, make)


# -- one case -----------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    kind: str
    seed: int
    name: str
    original: str
    garbled: str
    relations: int      # the generator's relations the figure is in
    read: int           # relations the engine evaluated (and passed) with this figure on the clean call
    detected: bool
    blamed: bool
    suggested: bool
    value_ok: bool
    collateral: bool
    suggestion: str | None
    blamed_on: str | None


def pick(call: GeneratedCall, kind: str, rng: random.Random) -> tuple[Figure, str] | None:
    candidates = []
    for f in call.figures:
        if not f.relations:
            continue
        garbled = corrupt(kind, f, random.Random(rng.random()))
        if garbled is not None and garbled != f.text:
            candidates.append((f, garbled))
    return rng.choice(candidates) if candidates else None


def _value(text: str) -> Fraction | None:
    mentions = scan_text(text)
    return mentions[0].value if len(mentions) == 1 else None


def run_case(kind: str, seed: int) -> Outcome | None:
    call = generate(seed)
    rng = random.Random(f"{kind}/{seed}")
    chosen = pick(call, kind, rng)
    if chosen is None:
        return None
    figure, garbled = chosen
    text = call.text[:figure.start] + garbled + call.text[figure.end:]
    span = (figure.start, figure.start + len(garbled))
    shift = len(garbled) - len(figure.text)

    def overlaps(start: int, end: int) -> bool:
        return start < span[1] and span[0] < max(end, start + 1)

    partners = {n for r in figure.relations for n in call.relations[r]} - {figure.name}
    partner_spans = []
    for f in call.figures:
        if f.name in partners:
            s = f.start + (shift if f.start > figure.start else 0)
            partner_spans.append((s, s + len(f.text)))

    findings = audit_text(text)
    severe = [f for f in findings if f.severity >= Severity.WARNING]
    detected = any(overlaps(f.location.start, f.location.end) or any(overlaps(r.start, r.end) for r in f.related)
                   for f in severe)
    blamed = [f for f in findings if f.severity is Severity.ERROR and overlaps(f.location.start, f.location.end)]
    with_suggestion = [f for f in blamed if f.suggestion is not None]
    suggestion = with_suggestion[0].suggestion.replacement if with_suggestion else None  # type: ignore[union-attr]
    suggested = suggestion is not None and first_number(suggestion) == figure.stated.number
    original_value = _value(figure.text)
    value_ok = suggestion is not None and original_value is not None and _value(suggestion) == original_value
    collateral = any(
        f.severity is Severity.ERROR
        and not any(overlaps(x.start, x.end) for x in (f.location, *f.related))
        and not any(s < f.location.end and f.location.start < e for s, e in partner_spans)
        for f in findings)
    clean = audit_document(Document(id="clean", path="clean.txt", text=call.text))
    read = len({frozenset((x.start, x.end) for x in r.figures) for r in clean.relations  # one per figure set
                if r.rule != "AUD202" and r.status.value == "passed"
                and any(x.start == figure.start and x.end == figure.end for x in r.figures)})
    blamed_on = next((f.location.text for f in findings if f.severity is Severity.ERROR
                      and any(overlaps(r.start, r.end) for r in f.related)), None)
    return Outcome(kind, seed, figure.name, figure.text, garbled, len(figure.relations), read, detected,
                   bool(blamed), suggested, value_ok, collateral, suggestion, blamed_on)


def run_kind(args: tuple[str, int, int]) -> list[Outcome]:
    kind, start, n = args
    out: list[Outcome] = []
    seed = start
    while len(out) < n:
        outcome = run_case(kind, seed)
        seed += 1
        if outcome is not None:
            out.append(outcome)
    return out


# -- report -------------------------------------------------------------------------


def pct(part: int, whole: int) -> str:
    return "-" if whole == 0 else f"{100 * part / whole:5.1f}%"


def table(outcomes: list[Outcome], title: str) -> str:
    header = f"{'kind':16} {'cases':>6} {'detected':>9} {'blamed':>9} {'suggested':>10} {'value ok':>9} {'collateral':>11}"
    lines = [title, header, "-" * len(header)]
    for kind in (*KINDS, "all"):
        rows = [o for o in outcomes if kind == "all" or o.kind == kind]
        n = len(rows)
        lines.append(f"{kind:16} {n:6} {pct(sum(o.detected for o in rows), n):>9} "
                     f"{pct(sum(o.blamed for o in rows), n):>9} {pct(sum(o.suggested for o in rows), n):>10} "
                     f"{pct(sum(o.value_ok for o in rows), n):>9} {pct(sum(o.collateral for o in rows), n):>11}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="corrupted calls in all (spread over the kinds)")
    parser.add_argument("--start", type=int, default=0, help="first generator seed")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--show", type=int, default=0, help="print up to K misses (not blamed) per kind")
    args = parser.parse_args(argv)

    per_kind = [args.n // len(KINDS) + (1 if i < args.n % len(KINDS) else 0) for i in range(len(KINDS))]
    chunks: list[tuple[str, int, int]] = []
    for kind, count in zip(KINDS, per_kind):
        step = 100
        for k, at in enumerate(range(0, count, step)):
            # disjoint seed ranges per chunk; seeds are skipped when the slip does not apply
            chunks.append((kind, args.start + 1_000_000 * KINDS.index(kind) + 10_000 * k, min(step, count - at)))
    began = time.perf_counter()
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        outcomes = [o for batch in pool.map(run_kind, chunks) for o in batch]
    elapsed = time.perf_counter() - began

    print(f"diagnosis bench: {len(outcomes)} corrupted calls from tests/properties/generate.py, "
          f"{elapsed:.1f} s with {args.jobs} job(s)\n")
    print(table(outcomes, "All cases"))
    print()
    print(table([o for o in outcomes if o.relations == 1], "Corrupted figure in exactly 1 relation"))
    print()
    print(table([o for o in outcomes if o.relations >= 2], "Corrupted figure in 2 or more relations"))
    print()
    print(table([o for o in outcomes if o.read == 0], "Engine reads no relation with the figure (on the clean call)"))
    print()
    print(table([o for o in outcomes if o.read == 1], "Engine reads exactly 1 relation with the figure"))
    print()
    print(table([o for o in outcomes if o.read >= 2], "Engine reads 2 or more relations with the figure"))
    print()
    two = [o for o in outcomes if o.relations >= 2]
    read2 = [o for o in outcomes if o.read >= 2]
    print(f"target: blamed >= 90% where the figure is in 2+ relations: "
          f"{pct(sum(o.blamed for o in two), len(two)).strip()} (generator's count), "
          f"{pct(sum(o.blamed for o in read2), len(read2)).strip()} (relations the engine reads)")
    for kind in sorted(TARGETS, key=KINDS.index):
        rows = [o for o in outcomes if o.kind == kind]
        print(f"target: suggested >= 70% for {kind}: {pct(sum(o.suggested for o in rows), len(rows)).strip()}")
    if args.show:
        for kind in KINDS:
            misses = [o for o in outcomes if o.kind == kind and not (o.blamed and o.suggested)][: args.show]
            if misses:
                print(f"\n{kind}: cases not blamed and corrected")
            for o in misses:
                print(f"  seed {o.seed:8} {o.name:24} {o.original!r} -> {o.garbled!r} rel={o.relations} read={o.read} "
                      f"detected={o.detected} blamed={o.blamed} suggestion={o.suggestion!r} "
                      f"(blamed instead: {o.blamed_on!r})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
