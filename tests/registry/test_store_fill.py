"""Loading rdflib graphs into Oxigraph: the bulk load of a fresh store equals the transactional one."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

from registry.store import bulk_fill, fill


def test_bulk_fill_keeps_graphs_and_texts_with_line_ends() -> None:
    first, second = Graph(), Graph()
    s, p = URIRef("https://dienstengraaf.nl/id/x"), URIRef("https://dienstengraaf.nl/def/p")
    first.add((s, p, Literal("Regel één .\nRegel twee .", lang="nl")))
    first.add((s, p, BNode()))
    second.add((s, p, Literal(' .\n<a> "b" .', lang="en")))
    graphs = {URIRef("urn:g:1"): first, URIRef("urn:g:2"): second}
    plain, bulk = ox.Store(), ox.Store()
    fill(plain, graphs)
    bulk_fill(bulk, graphs)

    def shape(store: ox.Store) -> set[tuple[str, str, str]]:
        return {
            (str(q.graph_name), str(q.predicate), q.object.value if isinstance(q.object, ox.Literal) else "_")
            for q in store
        }

    assert len(bulk) == len(plain) == 3
    assert shape(bulk) == shape(plain)
    assert ox.Literal("Regel één .\nRegel twee .", language="nl") in {q.object for q in bulk}
