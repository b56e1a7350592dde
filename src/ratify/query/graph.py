"""The instrument graph: one node per instrument, one edge per related pair, built from the data.

An edge runs from the instrument whose `relations` name the other (a protocol to its convention, a
declaration to what it recommends). It carries `kinds` (the RelationKinds between the pair, in data
order), `relations` (the Relation records), and `basis` and `note`, each a dict keyed by kind.
Nothing here knows any instrument by name: every rule comes from the edges.

networkx is imported only when a graph is built, so `import ratify` stays light. The queries
(gaps, prerequisites, simulation) read the same edges from `relations_of(cat)`, an index that needs no
networkx: a status answer or a brief does not wait a tenth of a second for it to load.
"""

from __future__ import annotations

import heapq
import weakref
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from ratify.model.enums import RelationKind
from ratify.model.records import Instrument, Relation

if TYPE_CHECKING:
    import networkx as nx

    from ratify.query.catalog import Catalog

__all__ = ["Relations", "build_graph", "in_order", "related", "relations_of"]


def build_graph(instruments: Iterable[Instrument]) -> nx.DiGraph:
    """A DiGraph of `instruments` (node attribute `instrument`), with an edge per related pair."""
    import networkx as nx

    g = nx.DiGraph()
    for inst in instruments:
        g.add_node(inst.id, instrument=inst)
    for inst in instruments:
        for rel in inst.relations:
            if rel.target not in g:
                continue  # validation reports unknown targets; the graph holds only known instruments
            if not g.has_edge(inst.id, rel.target):
                g.add_edge(inst.id, rel.target, kinds=(), relations=(), basis={}, note={})
            data = g.edges[inst.id, rel.target]
            if rel.kind not in data["kinds"]:
                data["kinds"] += (rel.kind,)
            data["relations"] += (rel,)
            data["basis"].setdefault(rel.kind, rel.basis)
            data["note"].setdefault(rel.kind, rel.note)
    return g


class Relations:
    """The edges of the instrument graph, indexed both ways, without networkx: for each instrument, the
    instruments its relations name (out) and those whose relations name it (into), each with the Relation
    records, in the order the graph's `out_edges` and `in_edges` give them."""

    __slots__ = ("into", "out")

    def __init__(self, instruments: Iterable[Instrument]) -> None:
        instruments = tuple(instruments)
        known = {inst.id for inst in instruments}
        self.out: dict[str, dict[str, list[Relation]]] = {}
        self.into: dict[str, dict[str, list[Relation]]] = {}
        for inst in instruments:
            for rel in inst.relations:
                if rel.target in known:  # as the graph: only edges between instruments of the catalogue
                    self.out.setdefault(inst.id, {}).setdefault(rel.target, []).append(rel)
                    self.into.setdefault(rel.target, {}).setdefault(inst.id, []).append(rel)


_RELATIONS: dict[int, Relations] = {}  # by id() of a live catalogue; an entry leaves with its catalogue


def relations_of(cat: Catalog) -> Relations:
    """The `Relations` of the catalogue's instruments, built on first use (a catalogue never changes)."""
    found = _RELATIONS.get(id(cat))
    if found is None:
        found = _RELATIONS[id(cat)] = Relations(cat.instruments)
        weakref.finalize(cat, _RELATIONS.pop, id(cat), None)
    return found


def related(relations: Relations, node: str, kind: RelationKind, *,
            incoming: bool = False) -> tuple[tuple[str, Relation], ...]:
    """(other instrument, relation) pairs of `kind` leaving `node` (or arriving at it, if `incoming`)."""
    edges = (relations.into if incoming else relations.out).get(node, {})
    return tuple((other, rel) for other, rels in edges.items() for rel in rels if rel.kind is kind)


def in_order(relations: Relations, ids: Iterable[str], key: Callable[[str], Any]) -> list[str]:
    """`ids` with every `requires_party_to` target before the instruments that require it; ties by `key`
    (the smallest first, as networkx's lexicographical topological sort).

    Should the data ever hold a cycle of requirements, the order falls back to `key` alone.
    """
    chosen = list(dict.fromkeys(ids))
    position = {node: i for i, node in enumerate(chosen)}
    after: dict[str, dict[str, None]] = {node: {} for node in chosen}  # prerequisite → what requires it
    waiting = dict.fromkeys(chosen, 0)
    for node in chosen:
        for target, _ in related(relations, node, RelationKind.REQUIRES_PARTY_TO):
            if target in position and target != node and node not in after[target]:
                after[target][node] = None  # the prerequisite comes first
                waiting[node] += 1
    ready = [(key(node), position[node], node) for node in chosen if not waiting[node]]
    heapq.heapify(ready)
    out: list[str] = []
    while ready:
        _, _, node = heapq.heappop(ready)
        out.append(node)
        for child in after[node]:
            waiting[child] -= 1
            if not waiting[child]:
                heapq.heappush(ready, (key(child), position[child], child))
    return out if len(out) == len(chosen) else sorted(chosen, key=key)
