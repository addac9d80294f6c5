"""Incremental reasoning after a write (registry.incremental_reasoning) equals reasoning over everything.

Random edits of the real catalog - type triples, property values between individuals, datatype values,
texts HermiT never sees - are applied to a store that holds the catalog and its inferred graph. For each
edit the incremental outcome must be the full outcome: the same consistency, and (when consistent) the
old inferred graph with the update applied equals the inferred graph of a full run. Small fixtures
cover the fallbacks to reasoning over everything.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

import pyoxigraph as ox
import pytest
from rdflib import OWL, RDF, XSD, Graph, Literal, URIRef

from registry.incremental_reasoning import in_fragment, reason_change, same_individuals_possible
from registry.namespaces import DG, INFERRED_GRAPH
from registry.reasoning import Vocabulary, reason
from registry.settings import Settings
from registry.sources import load_sources
from registry.store import fill
from registry.terms import to_graph

INFERRED = ox.NamedNode(str(INFERRED_GRAPH))
EDITS = 12
OTHER_VALUE = {
    XSD.boolean: "false",
    XSD.dateTime: "2030-01-01T09:00:00",
    XSD.double: "7.5",
    XSD.decimal: "7.5",
    XSD.float: "7.5",
    XSD.string: "zeven",
    XSD.anyURI: "https://example.org/zeven",
}


@dataclass
class Catalog:
    """The registry's ontology and data graphs in a store, with the inferred graph of a full run."""

    ontology: Graph
    store: ox.Store
    graphs: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph]
    inferred: Graph


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    loaded = load_sources(Settings())
    ontology = loaded.union(["ontology"])
    store = ox.Store()
    data = [s for s in loaded.sources if s.kind != "shapes"]
    fill(store, {s.graph_iri: s.graph for s in data})
    result = reason(ontology, loaded.union())
    assert result.consistent, result.causes
    fill(store, {INFERRED_GRAPH: result.inferred})
    graphs: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = [ox.NamedNode(str(s.graph_iri)) for s in data]
    return Catalog(ontology, store, graphs, result.inferred)


def copy(catalog: Catalog) -> ox.Store:
    store = ox.Store()
    store.extend(catalog.store.quads_for_pattern(None, None, None, None))
    return store


def data(catalog: Catalog, store: ox.Store) -> Graph:
    wanted = set(catalog.graphs)
    return to_graph(q.triple for q in store.quads_for_pattern(None, None, None) if q.graph_name in wanted)


def ox_triple(s: URIRef, p: URIRef, o: URIRef | Literal) -> ox.Triple:
    obj: ox.NamedNode | ox.Literal
    if isinstance(o, URIRef):
        obj = ox.NamedNode(str(o))
    elif o.datatype is not None:
        obj = ox.Literal(str(o), datatype=ox.NamedNode(str(o.datatype)))
    else:
        obj = ox.Literal(str(o), language=o.language)
    return ox.Triple(ox.NamedNode(str(s)), ox.NamedNode(str(p)), obj)


def apply(store: ox.Store, graph: ox.NamedNode, added: set[ox.Triple], removed: set[ox.Triple]) -> None:
    for t in removed:
        for quad in list(store.quads_for_pattern(t.subject, t.predicate, t.object)):
            store.remove(quad)
    for t in added:
        store.add(ox.Quad(t.subject, t.predicate, t.object, graph))


def random_edits(catalog: Catalog, seed: int) -> Iterator[tuple[str, set[ox.Triple], set[ox.Triple]]]:
    """Edits of what HermiT sees (and one of what it does not): (what, added, removed)."""
    rng = random.Random(seed)
    vocabulary = Vocabulary.of(catalog.ontology)
    everything = data(catalog, catalog.store)
    seen = sorted(t for t in everything if vocabulary.admits(*t))
    individuals = sorted({s for s, _, _ in seen})
    typed = [t for t in seen if t[1] == RDF.type]
    links = [t for t in seen if t[1] in vocabulary.object_properties]
    values = [t for t in seen if t[1] in vocabulary.datatype_properties]
    classes = sorted(c for c in vocabulary.classes if isinstance(c, URIRef))
    properties = sorted(p for p in vocabulary.object_properties if isinstance(p, URIRef))
    for _ in range(EDITS):
        kind = rng.choice(["retype", "untype", "link", "unlink", "relink", "revalue", "text"])
        if kind == "retype":
            yield kind, {ox_triple(rng.choice(individuals), RDF.type, rng.choice(classes))}, set()
        elif kind == "untype":
            yield kind, set(), {ox_triple(*rng.choice(typed))}
        elif kind == "link":
            triple = (rng.choice(individuals), rng.choice(properties), rng.choice(individuals))
            yield kind, {ox_triple(*triple)}, set()
        elif kind == "unlink":
            yield kind, set(), {ox_triple(*rng.choice(links))}
        elif kind == "relink":  # the same property, another individual
            s, p, o = rng.choice(links)
            yield kind, {ox_triple(s, p, rng.choice(individuals))}, {ox_triple(s, p, o)}
        elif kind == "revalue":
            s, p, o = rng.choice(values)
            assert isinstance(o, Literal)
            other = Literal(OTHER_VALUE.get(o.datatype, "7"), datatype=o.datatype)
            yield kind, {ox_triple(s, p, other)}, {ox_triple(s, p, o)}
        else:
            s = rng.choice(individuals)
            yield kind, {ox_triple(s, URIRef("http://purl.org/dc/terms/description"), Literal("Nieuw"))}, set()


def test_the_project_ontology_is_in_the_exact_fragment(catalog: Catalog) -> None:
    assert in_fragment(catalog.ontology)


@pytest.mark.parametrize(
    "axiom",
    [
        "dg:X owl:equivalentClass [ a owl:Restriction ; owl:onProperty dg:offeredBy ; owl:someValuesFrom dg:Y ] .",
        "dg:offeredBy a owl:TransitiveProperty .",
        "dg:offeredBy owl:propertyChainAxiom ( dg:a dg:b ) .",
        "<https://dienstengraaf.nl/def/> owl:imports <https://example.org/other> .",
        "dg:X owl:equivalentClass dg:Y .",
    ],
)
def test_an_ontology_outside_the_fragment_is_refused(catalog: Catalog, axiom: str) -> None:
    extended = Graph()
    extended += catalog.ontology
    extended.parse(data=f"@prefix dg: <{DG}> . @prefix owl: <{OWL}> . {axiom}", format="turtle")
    assert not in_fragment(extended)
    typed = ox_triple(URIRef("https://dienstengraaf.nl/id/test/a"), RDF.type, DG.Product)
    assert reason_change(catalog.store, extended, {"g": ({typed}, set())}, catalog.graphs, INFERRED) is None


@pytest.mark.parametrize("seed", [11])
def test_random_edits_give_the_outcome_of_reasoning_over_everything(catalog: Catalog, seed: int) -> None:
    outcomes = []
    for what, added, removed in random_edits(catalog, seed):
        store = copy(catalog)
        graph = catalog.graphs[-1]
        assert isinstance(graph, ox.NamedNode)
        apply(store, graph, added, removed)
        update = reason_change(store, catalog.ontology, {graph.value: (added, removed)}, catalog.graphs, INFERRED)
        full = reason(catalog.ontology, data(catalog, store))
        edit = f"{what}: +{sorted(map(str, added))} -{sorted(map(str, removed))}"
        if update is None:
            outcomes.append("full")
            continue
        assert update.result.consistent == full.consistent, edit
        if full.consistent:
            inferred = Graph()
            inferred += catalog.inferred
            for t in update.remove:
                inferred.remove(next(iter(to_graph([t]))))
            inferred += update.result.inferred
            assert set(inferred) == set(full.inferred), (
                f"{edit}: extra {set(inferred) - set(full.inferred)}, missing {set(full.inferred) - set(inferred)}"
            )
        outcomes.append("consistent" if full.consistent else "inconsistent")
    assert outcomes.count("consistent") >= 3, outcomes  # most edits are checked incrementally, not skipped


def test_a_second_value_of_a_functional_property_means_reasoning_over_everything(catalog: Catalog) -> None:
    store = copy(catalog)
    graph = catalog.graphs[-1]
    assert isinstance(graph, ox.NamedNode)
    step = next(iter(data(catalog, store).objects(None, DG.hasStep)))  # dg:stepOf is functional
    stated = {ox_triple(step, DG.stepOf, URIRef("https://dienstengraaf.nl/id/proces/ander"))}
    apply(store, graph, stated, set())
    assert reason_change(store, catalog.ontology, {graph.value: (stated, set())}, catalog.graphs, INFERRED) is None


def test_removing_what_made_two_individuals_one_means_reasoning_over_everything(catalog: Catalog) -> None:
    store = copy(catalog)
    graph = catalog.graphs[-1]
    assert isinstance(graph, ox.NamedNode)
    step = next(iter(data(catalog, store).subjects(RDF.type, DG.ProcessStep)))
    second = ox_triple(step, DG.stepOf, URIRef("https://dienstengraaf.nl/id/proces/ander"))
    # Before the change the step had two processes (HermiT: one individual); the change removes one.
    assert reason_change(store, catalog.ontology, {graph.value: (set(), {second})}, catalog.graphs, INFERRED) is None


def test_a_change_hermit_does_not_see_changes_nothing(catalog: Catalog) -> None:
    store = copy(catalog)
    graph = catalog.graphs[-1]
    assert isinstance(graph, ox.NamedNode)
    # A typed blank node is not an individual for HermiT, and an annotation is not read at all.
    text = {ox.Triple(ox.BlankNode("b"), ox.NamedNode(str(RDF.type)), ox.NamedNode(str(DG.Product)))}
    paspoort = URIRef("https://dienstengraaf.nl/id/product/paspoort")
    text.add(ox_triple(paspoort, OWL.versionInfo, Literal("2")))
    apply(store, graph, text, set())
    update = reason_change(store, catalog.ontology, {graph.value: (text, set())}, catalog.graphs, INFERRED)
    assert update is not None and update.result.consistent and not update.remove and not len(update.result.inferred)


SMALL_ONTOLOGY = """
@prefix ex: <https://example.org/> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:partOf a owl:ObjectProperty , owl:FunctionalProperty .
ex:chapterOf a owl:ObjectProperty ; rdfs:subPropertyOf ex:partOf .
ex:hasPart a owl:ObjectProperty ; owl:inverseOf ex:partOf .
ex:hasChapter a owl:ObjectProperty ; rdfs:subPropertyOf ex:hasPart .
ex:serial a owl:ObjectProperty , owl:InverseFunctionalProperty .
"""


@pytest.mark.parametrize(
    ("data", "found"),
    [
        ("ex:a ex:partOf ex:b .", False),
        ("ex:a ex:partOf ex:b , ex:c .", True),
        ("ex:a ex:chapterOf ex:b . ex:a ex:partOf ex:c .", True),  # a sub-property states a value too
        ("ex:a ex:partOf ex:b . ex:c ex:hasPart ex:a .", True),  # and an inverse, from the other side
        ("ex:a ex:partOf ex:b . ex:b ex:hasChapter ex:a .", False),  # the same value twice
        ("ex:a ex:partOf ex:b . ex:a ex:hasPart ex:c .", False),  # a has a part: no second whole
        ("ex:b ex:hasChapter ex:a . ex:c ex:hasChapter ex:a .", True),
        ("ex:a ex:serial ex:s . ex:b ex:serial ex:s .", True),  # inverse-functional: two subjects
        ("ex:a ex:serial ex:s , ex:t .", False),
        ('ex:a ex:partOf "b" , "c" .', False),  # literals are not individuals
    ],
)
def test_same_individual_candidates_follow_sub_properties_and_inverses(data: str, found: bool) -> None:
    """registry/queries/same-individual-candidates.rq on small graphs."""
    ontology = Graph().parse(data=SMALL_ONTOLOGY, format="turtle")
    store = ox.Store()
    store.load(f"@prefix ex: <https://example.org/> . {data}", format=ox.RdfFormat.TURTLE)
    assert same_individuals_possible(store, ontology, [ox.DefaultGraph()]) == found
