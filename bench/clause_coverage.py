#!/usr/bin/env python3
"""How many clauses with a metric and a figure the claim grammar reads whole, and the
most frequent shapes it does not: where to extend grammar/claims.lark next.

Usage (from the repository root, with the project's venv):

    .venv/bin/python bench/clause_coverage.py [PATH ...] [--top 30]

PATHs are transcripts or folders (default: the e21dev references and e22dev calls of
../shared/corpus). A clause's shape is its token codes (see grammar/claims.lark); a
clause that parses only in part gives its claims up to where the grammar stops.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from auditor.engine.check import _lexicon, own_period
from auditor.extraction.claim_tokens import (
    FIGURE_CODES,
    ClaimToken,
    sentence_spans,
    tokenize_sentence,
    without_retracted,
)
from auditor.extraction.claims import _parse_codes, parsed_length
from auditor.extraction.scan import scan_text
from auditor.ingest import Document, SourceOptions, iter_documents
from auditor.runner import vocabulary_for

CORPUS = REPO.parent / "shared" / "corpus"
DEFAULT_PATHS = (CORPUS / "e21dev" / "ref", CORPUS / "e22dev")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, default=list(DEFAULT_PATHS))
    parser.add_argument("--top", type=int, default=30, help="shapes to list (default: 30)")
    args = parser.parse_args(argv)
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        print(f"bench: not found: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    vocabulary = vocabulary_for(())
    figures = set(FIGURE_CODES.values())
    total = whole = 0
    failing: Counter[str] = Counter()
    example: dict[str, str] = {}
    for doc in iter_documents([str(p) for p in args.paths], SourceOptions(include=("*.txt",))):
        if not isinstance(doc, Document):
            continue
        text = doc.text
        lexicon = _lexicon(vocabulary, vocabulary.profiles_for(text))
        mentions = without_retracted(text, scan_text(text), lexicon)
        current = own_period(text)
        for start, end, found, _ in sentence_spans(text, mentions):
            for clause in tokenize_sentence(text, start, end, found, lexicon, current, mentions):
                codes = "".join(t.code for t in clause)
                if "m" not in codes or not figures & set(codes):
                    continue
                total += 1
                if _reads_whole(clause):
                    whole += 1
                    continue
                failing[codes] += 1
                example.setdefault(codes, text[clause[0].span.start:clause[-1].span.end][:140].replace("\n", " "))
    print(f"clauses with a metric and a figure: {total}; read whole: {whole} ({whole / max(total, 1):.0%})")
    print("\nmost frequent shapes not read whole (codes: grammar/claims.lark)")
    for codes, n in failing.most_common(args.top):
        print(f"{n:5d}  {codes:16s} {example[codes]}")
    return 0


def _reads_whole(clause: list[ClaimToken]) -> bool:
    """Whether the grammar structures every token of the clause (not only a prefix)."""
    tree = _parse_codes("".join(t.code for t in clause))
    return tree is not None and parsed_length(tree) == len(clause)


if __name__ == "__main__":
    sys.exit(main())
