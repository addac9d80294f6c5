"""Conversion from pyoxigraph to rdflib terms."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from registry.terms import distinct_triples

EX = "https://example.org/"
INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


def test_each_triple_once_as_rdflib_terms() -> None:
    # A remote store's CONSTRUCT answer may repeat a triple (one per graph in the union); a graph
    # holds it once, and so does the reader's index.
    named = ox.Triple(ox.NamedNode(EX + "s"), ox.NamedNode(EX + "p"), ox.Literal("x", language="nl"))
    blank = ox.Triple(ox.BlankNode("b"), ox.NamedNode(EX + "p"), ox.Literal("1", datatype=INTEGER))
    triples = distinct_triples([named, blank, named])
    assert triples[0] == (URIRef(EX + "s"), URIRef(EX + "p"), Literal("x", lang="nl"))
    assert len(triples) == 2 and isinstance(triples[1][0], BNode) and triples[1][2] == Literal(1)
