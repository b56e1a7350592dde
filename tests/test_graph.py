"""The instrument graph (`cat.graph`): built from the instruments' relations, nothing hard-coded."""

from __future__ import annotations

import random
import subprocess
import sys

import attrs
import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ratify
from ratify import Relation, RelationKind
from ratify.query.graph import Relations, in_order, related, relations_of

cat = ratify.load()
G = cat.graph


def test_graph_is_a_cached_digraph_of_every_instrument():
    assert isinstance(G, nx.DiGraph)
    assert cat.graph is G
    assert set(G.nodes) == {i.id for i in cat.instruments}
    for inst in cat.instruments:
        assert G.nodes[inst.id]["instrument"] is inst


def test_every_relation_of_the_data_is_an_edge_and_nothing_else():
    pairs = {(inst.id, rel.target) for inst in cat.instruments for rel in inst.relations}
    assert set(G.edges) == pairs
    for inst in cat.instruments:
        for rel in inst.relations:
            data = G.edges[inst.id, rel.target]
            assert rel in data["relations"]
            assert rel.kind in data["kinds"]
            assert data["basis"][rel.kind] == rel.basis


def test_palermo_protocols_require_untoc_art_37_2():
    for protocol in ("trafficking-protocol-2000", "smuggling-protocol-2000"):
        data = G.edges[protocol, "untoc-2000"]
        assert set(data["kinds"]) == {RelationKind.PROTOCOL_TO, RelationKind.REQUIRES_PARTY_TO}
        assert data["basis"][RelationKind.REQUIRES_PARTY_TO] == "UNTOC art. 37(2)"
        assert "Organized Crime Convention" in data["note"][RelationKind.REQUIRES_PARTY_TO].en


def test_1967_protocol_is_independent_of_the_1951_convention():
    data = G.edges["refugees-protocol-1967", "refugees-1951"]
    assert data["kinds"] == (RelationKind.INDEPENDENT_OF,)
    assert "independent" in data["note"][RelationKind.INDEPENDENT_OF].en
    assert data["note"][RelationKind.INDEPENDENT_OF].ru


def test_almaty_declaration_recommends_with_its_paragraph():
    edges = G.out_edges("almaty-declaration-2011", data=True)
    basis = {t: d["basis"][RelationKind.RECOMMENDS] for _, t, d in edges}
    assert basis["refugees-1951"] == "para. 4"
    assert basis["stateless-persons-1954"] == "para. 4"
    assert basis["icrmw-1990"] == "para. 4"
    assert basis["untoc-2000"] == "para. 5"
    assert basis["trafficking-protocol-2000"].startswith("para. 5")
    binding = {i.id for i in cat.instruments if i.binding}
    # paragraphs 4 and 5 name the ten instruments of the Declaration; the core human-rights treaties
    # bundled since are not named by it (nor is any recommendation invented for them)
    core = {i.id for i in cat.instruments if i.mtdsg and i.mtdsg.startswith("IV-")} - {"icescr-1966", "iccpr-1966",
                                                                                        "icrmw-1990"}
    assert len(core) == 15 and binding - set(basis) == core
    assert len(set(basis) & binding) == 10


def test_recommendations_2012_supplement_the_declaration():
    data = G.edges["almaty-recommendations-2012", "almaty-declaration-2011"]
    assert data["kinds"] == (RelationKind.SUPPLEMENTS,)


def test_prerequisites_form_no_cycle():
    req = nx.DiGraph([(s, t) for s, t, d in G.edges(data=True)
                      if RelationKind.REQUIRES_PARTY_TO in d["kinds"]])
    assert nx.is_directed_acyclic_graph(req)


@pytest.mark.parametrize("module", ["networkx", "jinja2"])
def test_import_ratify_stays_light(module):
    code = f"import sys, ratify; sys.exit(1 if {module!r} in sys.modules else 0)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# -- the networkx-free index the queries read (`relations_of`): the same edges, in the same order ----------

def nx_related(node: str, kind: RelationKind, incoming: bool) -> list[tuple[str, object]]:
    edges = G.in_edges(node, data=True) if incoming else G.out_edges(node, data=True)
    return [(s if incoming else t, rel) for s, t, d in edges for rel in d["relations"] if rel.kind is kind]


@pytest.mark.parametrize("incoming", [False, True])
@pytest.mark.parametrize("kind", list(RelationKind))
def test_the_index_gives_the_graphs_edges_in_its_order(kind: RelationKind, incoming: bool) -> None:
    index = relations_of(cat)
    assert relations_of(cat) is index  # built once per catalogue
    for inst in cat.instruments:
        assert list(related(index, inst.id, kind, incoming=incoming)) == nx_related(inst.id, kind, incoming)


def test_the_index_is_built_once_per_catalogue_and_holds_the_graphs_edges() -> None:
    assert relations_of(cat) is cat.relations is relations_of(cat)
    edges = {(a, b) for a, targets in cat.relations.out.items() for b in targets}
    assert edges == set(cat.graph.edges)
    assert {(a, b) for b, sources in cat.relations.into.items() for a in sources} == edges


ids = [i.id for i in cat.instruments]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(ids), unique=True), st.randoms(use_true_random=False))
def test_in_order_is_networkxs_lexicographical_topological_sort(chosen: list[str], rnd: random.Random) -> None:
    rank = {i: rnd.randrange(3) for i in chosen}  # ties on purpose: broken by the order given
    deps = nx.DiGraph()
    deps.add_nodes_from(chosen)
    for node in chosen:
        for target, _ in nx_related(node, RelationKind.REQUIRES_PARTY_TO, incoming=False):
            if target in deps and target != node:
                deps.add_edge(target, node)
    expected = list(nx.lexicographical_topological_sort(deps, key=rank.__getitem__))
    assert in_order(relations_of(cat), chosen, key=rank.__getitem__) == expected


def test_in_order_falls_back_to_the_key_on_a_cycle() -> None:
    a, b = (attrs.evolve(cat.instruments[0], id="a"), attrs.evolve(cat.instruments[1], id="b"))
    a = attrs.evolve(a, relations=(Relation(target="b", kind=RelationKind.REQUIRES_PARTY_TO),))
    b = attrs.evolve(b, relations=(Relation(target="a", kind=RelationKind.REQUIRES_PARTY_TO),))
    assert in_order(Relations([a, b]), ["b", "a"], key={"a": 1, "b": 0}.__getitem__) == ["b", "a"]
    assert in_order(Relations([a, b]), ["b", "a"], key={"a": 0, "b": 1}.__getitem__) == ["a", "b"]
