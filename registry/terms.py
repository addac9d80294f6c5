"""Conversion of RDF terms and triples from pyoxigraph to rdflib."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node


@lru_cache(maxsize=1 << 18)
def to_rdflib(term: object) -> Node:
    """The rdflib equivalent of a pyoxigraph term (IRI, blank node or literal). Remembered: the same
    predicates, types and code-list values come back in every result, and rdflib checks each IRI."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"not an RDF term: {term!r}")


def distinct_triples(triples: Iterable[ox.Triple]) -> list[tuple[Node, Node, Node]]:
    """The given pyoxigraph triples as rdflib terms, each triple once (as in a graph)."""
    seen: set[ox.Triple] = set()
    result = []
    for t in triples:
        if t not in seen:
            seen.add(t)
            result.append((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return result


def to_graph(triples: Iterable[ox.Triple]) -> Graph:
    """An rdflib graph holding the given pyoxigraph triples (e.g. a CONSTRUCT result)."""
    graph = Graph()
    graph.addN((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object), graph) for t in triples)
    return graph
