"""The SHACL-SPARQL constraints of node shapes, evaluated in bulk for a full validation.

pySHACL runs a constraint's SELECT query once per focus node on rdflib's SPARQL engine; at national
size (20,000 offerings) that is most of the validation time. Here each such constraint runs once, in
Oxigraph, over the whole data graph, with `$this` free: the rows name the focus nodes that violate
it. pySHACL then evaluates the constraint for those nodes only, so messages, values and their lexical
forms are exactly pySHACL's (Oxigraph writes numbers in canonical form). In a valid registry no node
is suspect and the second step is empty.

Only constraints whose result cannot depend on how they are reached are taken out: a SELECT
constraint of a node shape (no `sh:path`) that no other shape refers to (`sh:node`, `sh:property`,
logical lists, ...), so it is only ever evaluated for the shape's own targets. Every other SPARQL
constraint stays with pySHACL as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from registry.incremental import focus_nodes
from registry.reach import Reach, read_shapes
from registry.terms import to_rdflib
from registry.validation import run_shacl

Triple = tuple[Node, Node, Node]


@dataclass(frozen=True)
class BulkConstraint:
    """A SPARQL constraint that is evaluated in bulk: its shape, its node and its query text."""

    shape: Node
    constraint: Node
    query: str


def bulk_constraints(shapes: Graph) -> list[BulkConstraint]:
    """The SPARQL constraints of the shapes graph that can be evaluated in bulk (see the module)."""
    found = []
    for shape, constraint in sorted(shapes.subject_objects(SH.sparql), key=str):
        select = shapes.value(constraint, SH.select)
        if (
            select is None
            or (shape, SH.path, None) in shapes
            or any(p not in (RDF.type,) for _, p in shapes.subject_predicates(shape))
            or shapes.value(constraint, SH.deactivated) == Literal(True)
            or shapes.value(shape, SH.deactivated) == Literal(True)
        ):
            continue
        found.append(BulkConstraint(shape, constraint, _prologue(shapes, constraint) + str(select)))
    return found


def _prologue(shapes: Graph, constraint: Node) -> str:
    """PREFIX declarations from the constraint's `sh:prefixes` (their `sh:declare` entries)."""
    lines = []
    for owner in shapes.objects(constraint, SH.prefixes):
        for declaration in shapes.objects(owner, SH.declare):
            prefix, namespace = shapes.value(declaration, SH.prefix), shapes.value(declaration, SH.namespace)
            if prefix is not None and namespace is not None:
                lines.append(f"PREFIX {prefix}: <{namespace}>\n")
    return "".join(sorted(set(lines)))


def without_bulk(shapes: Graph, constraints: Iterable[BulkConstraint]) -> Graph:
    """A copy of the shapes graph in which the given constraints are no longer attached to their shapes."""
    links = {(c.shape, SH.sparql, c.constraint) for c in constraints}
    copy = Graph()
    for triple in shapes:
        if triple not in links:
            copy.add(triple)
    return copy


def only_bulk(shapes: Graph, constraints: Iterable[BulkConstraint], nodes: dict[Node, set[Node]]) -> Graph:
    """A shapes graph with just the given constraints, each on its own shape targeting `nodes[shape]`:
    the shape's severity and messages, the constraint's triples and the prefix declarations."""
    graph = Graph()
    kept = [c for c in constraints if nodes.get(c.shape)]
    for c in kept:
        graph.add((c.shape, RDF.type, SH.NodeShape))
        graph.add((c.shape, SH.sparql, c.constraint))
        for p in (SH.severity, SH.message):
            for o in shapes.objects(c.shape, p):
                graph.add((c.shape, p, o))
        for node in nodes[c.shape]:
            graph.add((c.shape, SH.targetNode, node))
        _copy_description(shapes, c.constraint, graph)
    return graph


def _copy_description(shapes: Graph, node: Node, into: Graph) -> None:
    """The triples of a node and, recursively, of its blank nodes and prefix declarations."""
    todo, seen = [node], set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        for _, p, o in shapes.triples((current, None, None)):
            into.add((current, p, o))
            if isinstance(o, BNode) or p in (SH.prefixes, SH.declare):
                todo.append(o)


def suspects(data: Graph, reach: Reach, constraints: list[BulkConstraint]) -> dict[Node, set[Node]]:
    """Per shape, the focus nodes for which one of its bulk constraints returns a row."""
    if not constraints:
        return {}
    store, back = _to_oxigraph(data)
    hits: dict[Node, set[Node]] = {}
    for c in constraints:
        if c.shape in reach.targets:
            rows = store.query(c.query)
            assert isinstance(rows, ox.QuerySolutions)
            hits.setdefault(c.shape, set()).update(back(row["this"]) for row in rows if row["this"] is not None)
    found = {shape: nodes & focus_nodes(data, reach.targets[shape]) for shape, nodes in hits.items() if nodes}
    return {shape: nodes for shape, nodes in found.items() if nodes}


def _to_oxigraph(data: Graph) -> tuple[ox.Store, Callable[[object], Node]]:
    """The data graph in an in-memory Oxigraph store, and a function from its terms back to rdflib.
    Blank nodes keep their identity through a table (Oxigraph may not accept every rdflib label)."""
    blanks: dict[BNode, ox.BlankNode] = {}
    back_blanks: dict[str, BNode] = {}

    def term(node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        if isinstance(node, URIRef):
            return ox.NamedNode(str(node))
        if isinstance(node, BNode):
            if node not in blanks:
                blanks[node] = ox.BlankNode()
                back_blanks[blanks[node].value] = node
            return blanks[node]
        assert isinstance(node, Literal)
        try:
            if node.language:
                return ox.Literal(str(node), language=node.language)
            if node.datatype is not None:
                return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
        except ValueError:  # a language tag or datatype IRI Oxigraph refuses: compared as plain text
            pass
        return ox.Literal(str(node))

    store = ox.Store()
    store.bulk_extend(ox.Quad(term(s), term(p), term(o)) for s, p, o in data)  # type: ignore[arg-type]

    def back(node: object) -> Node:
        if isinstance(node, ox.BlankNode) and node.value in back_blanks:
            return back_blanks[node.value]
        return to_rdflib(node)

    return store, back


def full_results(data: Graph, shapes: Graph) -> Graph:
    """pySHACL's results for the whole data graph, with the bulk constraints evaluated in bulk."""
    constraints = bulk_constraints(shapes)
    results = run_shacl(data, without_bulk(shapes, constraints) if constraints else shapes)
    results += suspect_results(data, shapes, constraints)
    return results


def suspect_results(data: Graph, shapes: Graph, constraints: list[BulkConstraint], reach: Reach | None = None) -> Graph:
    """pySHACL's results of the bulk constraints, evaluated only for the nodes Oxigraph found
    (`reach` is `read_shapes(shapes)` when the caller has it already)."""
    nodes = suspects(data, reach or read_shapes(shapes), constraints)
    return run_shacl(data, only_bulk(shapes, constraints, nodes)) if nodes else Graph()
