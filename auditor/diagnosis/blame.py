"""Error localisation: the fewest figures whose change makes every relation hold.

The Fellegi-Holt principle of official-statistics data editing, greedily: for
each figure in a failed relation, solve every relation it takes part in for it
(passed ones must keep holding, and a figure keeps its sign); the figure whose
single new value repairs the most failed relations is blamed, that value is
assumed, and the search repeats on what still fails. When several figures repair
the same relations equally well, the blame is shared: the finding names the
relation's own stated figure and lists the others as alternatives.

Cost is bounded: at most MAX_FAILED failed relations are localised jointly
(past that, each failed relation is blamed on its own stated figure, and the
finding says so), and each solve is a fixed number of interval evaluations.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from auditor.claims.interval import Interval
from auditor.diagnosis.solve import solve
from auditor.engine.figures import Env, Figure
from auditor.engine.relation import Relation

MAX_FAILED = 40


@dataclass(frozen=True)
class Blame:
    relation: Relation
    figure: Figure                 # the figure the finding points at
    repair: Interval | None        # values of that figure that repair what it explains
    alternatives: tuple[Figure, ...] = ()
    shared: bool = False           # equally good explanations exist
    fallback: bool = False         # past the joint-localisation bound


def _intersect_all(sets: Sequence[list[Interval]]) -> list[Interval]:
    current = [Interval(None, None)]
    for options in sets:
        nxt: list[Interval] = []
        for a in current:
            for b in options:
                both = a.intersect(b)
                if both is not None:
                    nxt.append(both)
        current = nxt
        if not current:
            break
    return current


def _best_point(allowed: list[Interval], failed_sets: list[tuple[Relation, list[Interval]]]) -> tuple[list[Relation], Interval | None]:
    """The interval inside ``allowed`` that repairs the most failed relations."""
    best: tuple[list[Relation], Interval | None] = ([], None)
    pieces: list[tuple[Interval, list[Relation]]] = [(a, []) for a in allowed]
    for relation, options in failed_sets:
        grown: list[tuple[Interval, list[Relation]]] = []
        for piece, covered in pieces:
            grown.append((piece, covered))
            for option in options:
                both = piece.intersect(option)
                if both is not None:
                    grown.append((both, [*covered, relation]))
        pieces = sorted(grown, key=lambda p: -len(p[1]))[:64]
    for piece, covered in pieces:
        if len(covered) > len(best[0]):
            best = (covered, piece)
    return best


def _sign_range(figure: Figure) -> Interval:
    mid = figure.value.midpoint() or Fraction(0)
    return Interval(Fraction(0), None) if mid >= 0 else Interval(None, Fraction(0))


def localise(relations: Sequence[Relation], passed: Sequence[bool], env: Env,
             plausible: dict[int, bool] | None = None, slips: dict[int, bool] | None = None) -> list[Blame]:
    """One Blame per failed relation. Between figures that repair as much, one that a strong
    confusion explains (``plausible``) is blamed first, then one that a single digit slip
    explains (``slips``)."""
    env = dict(env)
    status = list(passed)
    failed_idx = [i for i, ok in enumerate(status) if not ok]
    if len(failed_idx) > MAX_FAILED:
        return [Blame(relations[i], _own(relations[i]), None, fallback=True) for i in failed_idx]
    plausible = plausible or {}
    slips = slips or {}
    blames: dict[int, Blame] = {}
    while True:
        open_idx = [i for i, ok in enumerate(status) if not ok and i not in blames]
        if not open_idx:
            break
        candidates: dict[int, Figure] = {}
        for i in open_idx:
            for f in relations[i].figures:
                candidates.setdefault(f.id, f)
        # (repairs, strong confusion, digit slip, bounded repair, -anchors, own figure, figure, repaired, repair)
        scored: list[tuple[int, int, int, int, int, int, Figure, list[Relation], Interval | None]] = []
        for fid, figure in candidates.items():
            involved = [(i, r) for i, r in enumerate(relations) if any(f.id == fid for f in r.figures)]
            keep = [solve(r, figure, env) for i, r in involved if status[i]]
            allowed = _intersect_all([[_sign_range(figure)], *keep])
            if not allowed:
                continue
            failed_sets = [(r, solve(r, figure, env)) for i, r in involved if not status[i] and i in open_idx]
            covered, repair = _best_point(allowed, failed_sets)
            if not covered:
                continue
            n_passed = sum(1 for i, _ in involved if status[i])
            own = sum(1 for r in covered if _own(r).id == fid)
            bounded = int(repair is not None and repair.is_bounded)
            scored.append((len(covered), int(plausible.get(fid, False)), int(slips.get(fid, False)), bounded,
                           -n_passed, own, figure, covered, repair))
        if not scored:
            for i in open_idx:
                blames[i] = Blame(relations[i], _own(relations[i]), None, shared=True)
            break
        scored.sort(key=lambda s: s[:6], reverse=True)
        top = scored[0]
        ties = [s for s in scored if s[:5] == top[:5] and s[6].id != top[6].id
                and {id(r) for r in s[7]} == {id(r) for r in top[7]}]
        figure, covered, repair = top[6], top[7], top[8]
        for relation in covered:
            i = relations.index(relation)
            blames[i] = Blame(relation, figure, repair, tuple(s[6] for s in ties), shared=bool(ties))
        if repair is not None:
            mid = repair.midpoint()
            if mid is not None:
                env[figure.id] = Interval(mid, mid)
                status = [r.holds(env) for r in relations]
    return [blames[i] for i in failed_idx if i in blames]


def _own(relation: Relation) -> Figure:
    return relation.stated.figures[0]
