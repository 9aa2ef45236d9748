"""Independent parts of the problem, solved one at a time.

Doctors cover only the specialties they are competent in, so the pairs (doctor, slot group)
fall apart into components that share no doctor and no slot group. Every level of the
objective is a sum over components (fairness is a maximum, which is smallest when each
component's is), so solving them separately is exact and much faster than one large model.
"""

from __future__ import annotations

from solver.candidates import CandidateSet


class _Roots:
    """Union-find over doctors and slot groups."""

    def __init__(self) -> None:
        self._parent: dict[object, object] = {}

    def find(self, node: object) -> object:
        parent = self._parent.setdefault(node, node)
        if parent != node:
            parent = self._parent[node] = self.find(parent)
        return parent

    def union(self, a: object, b: object) -> None:
        self._parent[self.find(a)] = self.find(b)


def split_components(found: CandidateSet) -> list[CandidateSet]:
    """The candidate set cut into independent parts, smallest first (they finish quickly and
    leave their time to the large ones); the smallest are batched together.

    Slot groups nobody can cover belong to no part: they are gaps whatever is decided.
    Elective sessions of doctors with no candidate pair are never worth cancelling.
    """
    roots = _Roots()
    for cand in found.candidates:
        roots.union(("doctor", cand.person.key), ("group", cand.group.key))
    parts: dict[object, CandidateSet] = {}

    def part_of(node: object) -> CandidateSet:
        root = roots.find(node)
        if root not in parts:
            parts[root] = CandidateSet(groups=[], turned_away=found.turned_away, need=found.need)
        return parts[root]

    for cand in found.candidates:
        part_of(("doctor", cand.person.key)).candidates.append(cand)
    covered_groups = {c.group.key for c in found.candidates}
    for group in found.groups:
        if group.key in covered_groups:
            part_of(("group", group.key)).groups.append(group)
    for session in found.sessions:
        if session.person_key in found.items_by_person:
            part_of(("doctor", session.person_key)).sessions.append(session)
    for person_key, items in found.items_by_person.items():
        part_of(("doctor", person_key)).items_by_person[person_key] = items
    return _batched(sorted(parts.values(), key=lambda p: len(p.candidates)))


SMALL_PART = 300  # candidate pairs: smaller parts are solved together, one model for many


def _batched(parts: list[CandidateSet]) -> list[CandidateSet]:
    """Many tiny parts cost more in per-solve overhead than in search: join them in batches."""
    batches: list[CandidateSet] = []
    for part in parts:
        last = batches[-1] if batches else None
        if last is not None and len(last.candidates) + len(part.candidates) <= SMALL_PART:
            last.candidates += part.candidates
            last.groups += part.groups
            last.sessions += part.sessions
            last.items_by_person.update(part.items_by_person)
        else:
            batches.append(part)
    return batches
