"""The instrument graph: one node per instrument, one edge per related pair, built from the data.

An edge runs from the instrument whose `relations` name the other (a protocol to its convention, a
declaration to what it recommends). It carries `kinds` (the RelationKinds between the pair, in data
order), `relations` (the Relation records), and `basis` and `note`, each a dict keyed by kind.
Nothing here knows any instrument by name: every rule comes from the edges.

The edges are indexed once (`Relations`, `Catalog.relations`); the rules (gaps, prerequisites,
simulation, the order of steps) read that index, and `Catalog.graph` is the same edges as a networkx
DiGraph for analysis. Importing networkx costs a few tenths of a second (it loads every algorithm), so
a status answer or a brief, which need only the edges, does not wait for it.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from ratify.model.enums import RelationKind
from ratify.model.records import Instrument, Relation

if TYPE_CHECKING:
    import networkx as nx

    from ratify.query.catalog import Catalog

__all__ = ["Relations", "build_graph", "in_order", "related", "relations_of"]


def build_graph(instruments: Iterable[Instrument]) -> nx.DiGraph:
    """A DiGraph of `instruments` (node attribute `instrument`), with an edge per related pair: the edges
    of `Relations`, as networkx has them."""
    import networkx as nx

    instruments = tuple(instruments)
    g = nx.DiGraph()
    for inst in instruments:
        g.add_node(inst.id, instrument=inst)
    for source, targets in Relations(instruments).out.items():
        for target, rels in targets.items():
            kinds = tuple(dict.fromkeys(rel.kind for rel in rels))
            basis: dict[RelationKind, Any] = {}
            note: dict[RelationKind, Any] = {}
            for rel in rels:
                basis.setdefault(rel.kind, rel.basis)
                note.setdefault(rel.kind, rel.note)
            g.add_edge(source, target, kinds=kinds, relations=tuple(rels), basis=basis, note=note)
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


def relations_of(cat: Catalog) -> Relations:
    """The `Relations` of the catalogue's instruments (`Catalog.relations`: built once, on first use)."""
    relations: Relations = cat.relations
    return relations


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
