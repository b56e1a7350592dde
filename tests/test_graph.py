"""The instrument graph (`cat.graph`): built from the instruments' relations, nothing hard-coded."""

from __future__ import annotations

import subprocess
import sys

import networkx as nx
import pytest

import ratify
from ratify import RelationKind

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
