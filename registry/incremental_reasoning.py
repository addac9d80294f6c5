"""Reasoning after a write over only what the write can affect, with the outcome of reasoning over the
whole graph (`registry.reasoning.reason`): consistent or not, and the same inferred graph.

It is exact for an ontology in this part of OWL: named classes with `rdfs:subClassOf` and disjointness;
object and datatype properties with sub-properties, inverses, domains, ranges, and (inverse-)functional
ones; annotations. There, as long as no individual has two values of a functional object property (or
two subjects of an inverse-functional one, which would make them one individual):

- the classes HermiT infers for an individual follow from its own type triples and the property triples
  it is the subject or object of, and an inferred property value follows from one stated value between
  the same two individuals;
- a clash (disjoint classes, two values of a functional datatype property, a value outside its range)
  lies on one individual.

So only the individuals of a changed triple that HermiT sees ("touched") can get other inferences or a
new clash, and the graph before the write was consistent. HermiT reasons over the ontology plus every
triple that mentions a touched individual (the module); their old inferences are replaced by the
module's. `reason_change` returns None, and the caller reasons over everything, for another ontology,
possible same individuals before or after the change, or no inferred graph yet. A change to the ontology
itself or to the inferred graph is the caller's to see (`registry.writes` reasons over everything then).
tests/registry/test_incremental_reasoning.py compares it with full reasoning on random edits.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.term import Node

from registry.reasoning import ReasoningResult, Vocabulary, reason
from registry.store import in_memory
from registry.terms import to_graph, to_rdflib

Triple = tuple[Node, Node, Node]
GraphName = ox.NamedNode | ox.BlankNode | ox.DefaultGraph
CANDIDATES = Path(__file__).parent / "queries" / "same-individual-candidates.rq"
_BEFORE = URIRef("urn:dienstengraaf:before-the-change")

# The ontology's vocabulary this module is exact for (see the module docstring).
_TYPES = {
    OWL.Class, RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.Ontology,
    OWL.FunctionalProperty, OWL.InverseFunctionalProperty, OWL.AllDisjointClasses, RDFS.Datatype,
}  # fmt: skip
_AXIOMS = {RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range, OWL.inverseOf, OWL.disjointWith}
_ANNOTATIONS = {
    RDFS.label, RDFS.comment, RDFS.seeAlso, RDFS.isDefinedBy, OWL.versionInfo, OWL.versionIRI, OWL.priorVersion,
    OWL.deprecated, OWL.backwardCompatibleWith, OWL.incompatibleWith,
}  # fmt: skip
_RESERVED = (str(RDF), str(RDFS), str(OWL))


@dataclass
class InferenceUpdate:
    """What a change does to the inferred graph: the outcome, whose `inferred` holds the triples to put
    in, and the inferred triples to take out (both about touched individuals)."""

    result: ReasoningResult
    remove: set[ox.Triple] = field(default_factory=set)


def in_fragment(ontology: Graph) -> bool:
    """Whether the ontology stays within the part of OWL this module is exact for."""
    list_nodes: set[Node] = set(ontology.objects(None, OWL.members))
    for node in list(list_nodes):
        list_nodes.update(n for n in ontology.transitive_objects(node, RDF.rest) if n is not None)
    for s, p, o in ontology:
        if p == RDF.type:
            if o not in _TYPES and (not isinstance(o, URIRef) or str(o).startswith(_RESERVED)):
                return False
        elif p in _AXIOMS:
            if not (isinstance(s, URIRef) and isinstance(o, URIRef)):
                return False
        elif p == OWL.members:
            if (s, RDF.type, OWL.AllDisjointClasses) not in ontology:
                return False
        elif p in (RDF.first, RDF.rest):
            if s not in list_nodes or (p == RDF.first and not isinstance(o, URIRef)):
                return False
        elif str(p).startswith(_RESERVED) and p not in _ANNOTATIONS:
            return False
    return True


def reason_change(
    store: ox.Store,
    ontology: Graph,
    changes: Mapping[str, tuple[set[ox.Triple], set[ox.Triple]]],
    data_graphs: Sequence[GraphName],
    inferred_graph: ox.NamedNode,
) -> InferenceUpdate | None:
    """Reason over what `changes` (added and removed triples per data graph, already applied to `store`)
    can affect; None when only reasoning over everything is sure to be right."""
    if not in_fragment(ontology) or not store.contains_named_graph(inferred_graph):
        return None
    vocabulary = Vocabulary.of(ontology)
    added = _seen(vocabulary, (t for plus, _ in changes.values() for t in plus))
    removed = _seen(vocabulary, (t for _, minus in changes.values() for t in minus))
    added, removed = added - removed, removed - added
    changed = added | removed
    touched = {s for s, _, _ in changed} | {o for _, p, o in changed if p != RDF.type and isinstance(o, URIRef)}
    if not touched:
        return InferenceUpdate(ReasoningResult(True))  # HermiT's input is the same as before
    if same_individuals_possible(store, ontology, data_graphs):
        return None
    module = _module(store, touched, data_graphs)
    before = Graph()
    for triple in (set(module) - added) | removed:
        before.add(triple)
    if same_individuals_possible(in_memory({_BEFORE: before}), ontology, [ox.NamedNode(str(_BEFORE))]):
        return None
    result = reason(ontology, module)
    if not result.consistent:
        return InferenceUpdate(result)
    about_touched = Graph()
    for s, p, o in result.inferred:
        if s in touched or (p != RDF.type and o in touched):
            about_touched.add((s, p, o))
    result.inferred = about_touched
    return InferenceUpdate(result, _about(store, touched, inferred_graph))


def _seen(vocabulary: Vocabulary, triples: Iterable[ox.Triple]) -> set[Triple]:
    """The triples HermiT is given (as rdflib terms)."""
    converted = ((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)) for t in triples)
    return {t for t in converted if vocabulary.admits(*t)}


def _module(store: ox.Store, touched: set[Node], data_graphs: Sequence[GraphName]) -> Graph:
    """Every data triple that mentions a touched individual."""
    wanted = set(data_graphs)
    quads: list[ox.Quad] = []
    for individual in touched:
        node = ox.NamedNode(str(individual))
        quads += store.quads_for_pattern(node, None, None)
        quads += store.quads_for_pattern(None, None, node)
    return to_graph(q.triple for q in quads if q.graph_name in wanted)


def _about(store: ox.Store, touched: set[Node], inferred_graph: ox.NamedNode) -> set[ox.Triple]:
    """The inferred triples about touched individuals (as subject, or as object of a property value)."""
    found: set[ox.Triple] = set()
    for individual in touched:
        node = ox.NamedNode(str(individual))
        found.update(q.triple for q in store.quads_for_pattern(node, None, None, inferred_graph))
        found.update(
            q.triple
            for q in store.quads_for_pattern(None, None, node, inferred_graph)
            if q.predicate.value != str(RDF.type)
        )
    return found


def same_individuals_possible(store: ox.Store, ontology: Graph, data_graphs: Sequence[GraphName]) -> bool:
    """Whether some individual in `data_graphs` has two values of a functional object property (or two
    subjects of an inverse-functional one): HermiT would make those values one individual."""
    rows = _value_rows(ontology)
    if not rows:
        return False
    values = " ".join(f"(<{f}> {_bool(kind)} <{p}> {_bool(side)})" for f, kind, p, side in sorted(rows))
    head = "VALUES (?property ?functional ?p ?subject_side) { }"
    template = CANDIDATES.read_text(encoding="utf-8")
    assert head in template, f"{CANDIDATES.name}: the VALUES line to fill in is missing"
    text = template.replace(head, f"{head[:-3]} {{ {values} }}")
    return any(True for _ in store.query(text, default_graph=list(data_graphs)))  # type: ignore[union-attr]


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _value_rows(ontology: Graph) -> set[tuple[URIRef, bool, URIRef, bool]]:
    """(property f, f functional (else inverse-functional), property p, subject side): a triple `a p b`
    states a value of f for a (subject side) or for b, through p's super-properties and inverses (an odd
    number of inverses swaps the sides)."""
    objects = {p for p in ontology.subjects(RDF.type, OWL.ObjectProperty) if isinstance(p, URIRef)}
    functional = set(ontology.subjects(RDF.type, OWL.FunctionalProperty)) & objects
    inverse_functional = set(ontology.subjects(RDF.type, OWL.InverseFunctionalProperty)) & objects
    rows: set[tuple[URIRef, bool, URIRef, bool]] = set()
    for p in objects:
        reached: set[tuple[Node, bool]] = {(p, True)}
        todo: list[tuple[Node, bool]] = [(p, True)]
        while todo:
            q, same = todo.pop()
            inverses = set(ontology.objects(q, OWL.inverseOf)) | set(ontology.subjects(OWL.inverseOf, q))
            steps = [(s, same) for s in ontology.objects(q, RDFS.subPropertyOf)] + [(r, not same) for r in inverses]
            for step in steps:
                if step not in reached:
                    reached.add(step)
                    todo.append(step)
        for f, same in reached:
            if f in functional:
                rows.add((URIRef(str(f)), True, p, same))
            if f in inverse_functional:
                rows.add((URIRef(str(f)), False, p, not same))
    return rows
