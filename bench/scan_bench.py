"""Benchmark of the numeric-mention scan: accuracy against e21dev gold, throughput on motley.

Usage (from the repository root):

    .venv/bin/python bench/scan_bench.py [--corpus ../shared/corpus] [--show-misses N]
                                         [--sample-mb 1] [--quantulum-mb 1]

Accuracy: a gold MONEY or PERCENT mention is found when a scanned mention of the
right kind (money or per_share for MONEY, percent for PERCENT) overlaps it with
the gold value (a range counts when the gold value lies inside its interval).
References: recall over the deduplicated gold mentions, precision over scanned
money/percent mentions whose text holds a currency or percent sign or word.
ASR: recall over gold mentions with ``match`` true, per engine and overall.

Throughput: MB/s of ``scan_text`` over the joined speeches of the motley calls,
of quantulum3 on a sample (when installed), and of one digit-run regex (the floor).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from auditor.claims.mention import Kind, Mention
from auditor.extraction.scan import scan_text

CLASS_KINDS = {"MONEY": (Kind.MONEY, Kind.PER_SHARE), "PERCENT": (Kind.PERCENT, Kind.PERCENTAGE_POINTS)}
UNIT_WORDS = re.compile(
    r"[$€£¥₹%]|\b(?:percent|per cent|dollars?|cents?|RMB|USD|yuan|euros?|bucks?)\b", re.IGNORECASE)


def matches(m: Mention, cls: str, value: Fraction, start: int, end: int) -> bool:
    if m.kind not in CLASS_KINDS[cls] or not (m.start < end and start < m.end):
        return False
    if abs(m.value) == abs(value):  # the gold keeps signs apart ("minus 60%" has value 60)
        return True
    return m.is_range and (m.interval.contains(value) or m.interval.contains(-value))


def to_fraction(value: Any) -> Fraction | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Fraction(str(value))
    return None


class Scanned:
    """Scans each file once."""

    def __init__(self) -> None:
        self.cache: dict[Path, tuple[str, list[Mention]]] = {}

    def get(self, path: Path) -> tuple[str, list[Mention]]:
        if path not in self.cache:
            text = path.read_text(encoding="utf-8-sig")
            self.cache[path] = (text, scan_text(text))
        return self.cache[path]


def accuracy(e21: Path, show: int) -> None:
    scanned = Scanned()
    refs: dict[str, tuple[Path, dict[str, Any]]] = {}
    asr: dict[str, list[tuple[Path, dict[str, Any]]]] = defaultdict(list)
    for gold_file in sorted(e21.glob("gold/*/*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        engine, file_id = gold["engine"], gold["file_id"]
        for g in gold["mentions"]:
            if g["entity_class"] not in CLASS_KINDS:
                continue
            refs.setdefault(g["mention_id"], (e21 / "ref" / f"{file_id}.txt", g))
            if g["match"] is True and g["asr_char"] is not None:
                asr[engine].append((e21 / "asr" / engine / f"{file_id}.txt", g))

    print("== Extraction accuracy (e21dev gold) ==")
    found: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses: list[str] = []
    gold_spans: dict[Path, list[tuple[str, Fraction, int, int]]] = defaultdict(list)
    for path, g in refs.values():
        text, mentions = scanned.get(path)
        value = to_fraction(g["ref_value"])
        start, end = g["ref_char"]
        cls = g["entity_class"]
        if value is None:
            continue
        gold_spans[path].append((cls, value, start, end))
        ok = any(matches(m, cls, value, start, end) for m in mentions)
        found[cls][0] += ok
        found[cls][1] += 1
        if not ok:
            near = [f"{m.text!r}:{m.kind.value}:{float(m.value):g}" for m in mentions
                    if m.start < end + 5 and start - 5 < m.end]
            misses.append(f"ref  {cls:7} {text[max(0, start - 30):end + 20]!r} gold={g['ref_text']!r}"
                          f"={g['ref_value']} scanned={near}")
    for cls, (hit, total) in sorted(found.items()):
        print(f"references recall  {cls:8} {hit / total:.3f}  ({hit}/{total})")

    correct = total_p = 0
    false_pos: list[str] = []
    for path, spans in gold_spans.items():
        text, mentions = scanned.get(path)
        for m in mentions:
            if m.kind not in (Kind.MONEY, Kind.PER_SHARE, Kind.PERCENT) or not UNIT_WORDS.search(m.text):
                continue
            total_p += 1
            cls = "PERCENT" if m.kind is Kind.PERCENT else "MONEY"
            if any(c == cls and matches(m, c, v, s, e) for c, v, s, e in spans):
                correct += 1
            else:
                false_pos.append(f"ref  FP {m.kind.value} {m.text!r}={float(m.value):g} in "
                                 f"{text[max(0, m.start - 30):m.end + 20]!r}")
    print(f"references precision (money+percent with a unit) {correct / max(total_p, 1):.3f}  ({correct}/{total_p})")

    overall: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for engine, items in sorted(asr.items()):
        per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for path, g in items:
            text, mentions = scanned.get(path)
            value = to_fraction(g["asr_value"])
            cls = g["entity_class"]
            if value is None:
                continue
            start, end = g["asr_char"]
            ok = any(matches(m, cls, value, start, end) for m in mentions)
            for bucket in (per[cls], overall[cls]):
                bucket[0] += ok
                bucket[1] += 1
            if not ok:
                near = [f"{m.text!r}:{m.kind.value}:{float(m.value):g}" for m in mentions
                        if m.start < end + 5 and start - 5 < m.end]
                misses.append(f"{engine[:6]:6} {cls:7} {text[max(0, start - 30):end + 20]!r} "
                              f"gold={g['asr_text']!r}={g['asr_value']} scanned={near}")
        cells = "  ".join(f"{c} {h / t:.3f} ({h}/{t})" for c, (h, t) in sorted(per.items()))
        print(f"ASR recall {engine:12} {cells}")
    cells = "  ".join(f"{c} {h / t:.3f} ({h}/{t})" for c, (h, t) in sorted(overall.items()))
    print(f"ASR recall {'overall':12} {cells}")
    if show:
        print(f"\n-- first {show} misses --")
        for line in misses[:show]:
            print(line)
        print(f"\n-- first {show} false positives --")
        for line in false_pos[:show]:
            print(line)


def motley_text(folder: Path, limit_mb: float | None) -> str:
    parts: list[str] = []
    size = 0
    for path in sorted(folder.glob("*.txt")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for section in ("prepared_remarks", "q_and_a"):
            for turn in data.get(section) or []:
                speech = turn.get("speech") or ""
                parts.append(speech)
                size += len(speech)
        if limit_mb is not None and size >= limit_mb * 1e6:
            break
    return "\n\n".join(parts)


def rate(label: str, fn: Callable[[str], object], chunks: list[str], note: str = "") -> float:
    """MB/s of ``fn`` over ``chunks``, by the wall clock (and by CPU time, which a busy machine disturbs less)."""
    size = sum(len(c.encode("utf-8")) for c in chunks) / 1e6
    began, began_cpu = time.perf_counter(), time.process_time()
    for chunk in chunks:
        fn(chunk)
    seconds, cpu = time.perf_counter() - began, time.process_time() - began_cpu
    mbps = size / seconds
    print(f"{label:28} {mbps:8.3f} MB/s  ({size:.1f} MB in {seconds:.1f} s; CPU time {size / cpu:.3f} MB/s){note}")
    return mbps


def throughput(motley: Path, sample_mb: float | None, quantulum_mb: float) -> None:
    print("\n== Throughput (one process, motley speeches) ==")
    text = motley_text(motley, sample_mb)
    chunks = [c for c in text.split("\n\n") if c]
    digits = re.compile(r"\d+(?:[.,]\d+)*")
    floor = rate("regex floor (digit runs)", lambda s: digits.findall(s), chunks)
    scan_text(chunks[0])  # build the parsers outside the timing
    ours = rate("auditor scan_text", scan_text, chunks)
    try:
        from quantulum3 import parser as q3  # type: ignore[import-not-found]
    except ImportError:
        print("quantulum3 not installed")
        q3rate = None
    else:
        sample: list[str] = []
        size = 0
        for c in chunks:
            sample.append(c)
            size += len(c)
            if size >= quantulum_mb * 1e6:
                break
        q3.parse(sample[0][:200])
        q3rate = rate("quantulum3", q3.parse, sample, note=f"  [sample: first {quantulum_mb:g} MB]")
    if q3rate:
        print(f"scan / quantulum3 = {ours / q3rate:.1f}x")
    print(f"regex floor / scan = {floor / ours:.1f}x")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--show-misses", type=int, default=0, metavar="N")
    parser.add_argument("--sample-mb", type=float, default=None, help="limit the motley text (default: all)")
    parser.add_argument("--quantulum-mb", type=float, default=1.0)
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument("--skip-accuracy", action="store_true")
    args = parser.parse_args()
    corpus: Path = args.corpus
    if not corpus.is_dir():
        print(f"corpus not found at {corpus}: nothing to benchmark")
        return 0
    if not args.skip_accuracy and (corpus / "e21dev").is_dir():
        accuracy(corpus / "e21dev", args.show_misses)
    if not args.skip_throughput and (corpus / "motley").is_dir():
        throughput(corpus / "motley", args.sample_mb, args.quantulum_mb)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
