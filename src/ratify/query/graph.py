"""The instrument graph: one node per instrument, one edge per related pair, built from the data.

An edge runs from the instrument whose `relations` name the other (a protocol to its convention, a
declaration to what it recommends). It carries `kinds` (the RelationKinds between the pair, in data
order), `relations` (the Relation records), and `basis` and `note`, each a dict keyed by kind.
Nothing here knows any instrument by name: every rule comes from the edges.

networkx is imported only when a graph is built, so `import ratify` stays light.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from ratify.model.enums import RelationKind
from ratify.model.records import Instrument, Relation

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["build_graph", "in_order", "related"]


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


def related(graph: nx.DiGraph, node: str, kind: RelationKind, *,
            incoming: bool = False) -> tuple[tuple[str, Relation], ...]:
    """(other instrument, relation) pairs of `kind` leaving `node` (or arriving at it, if `incoming`)."""
    if node not in graph:
        return ()
    edges = graph.in_edges(node, data=True) if incoming else graph.out_edges(node, data=True)
    out = []
    for source, target, data in edges:
        other = source if incoming else target
        out += [(other, rel) for rel in data["relations"] if rel.kind is kind]
    return tuple(out)


def in_order(graph: nx.DiGraph, ids: Iterable[str], key: Callable[[str], Any]) -> list[str]:
    """`ids` with every `requires_party_to` target before the instruments that require it; ties by `key`.

    Should the data ever hold a cycle of requirements, the order falls back to `key` alone.
    """
    import networkx as nx

    chosen = list(dict.fromkeys(ids))
    deps = nx.DiGraph()
    deps.add_nodes_from(chosen)
    for node in chosen:
        for target, _ in related(graph, node, RelationKind.REQUIRES_PARTY_TO):
            if target in deps and target != node:
                deps.add_edge(target, node)  # the prerequisite comes first
    try:
        return list(nx.lexicographical_topological_sort(deps, key=key))
    except nx.NetworkXUnfeasible:
        return sorted(chosen, key=key)
