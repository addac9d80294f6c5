"""OWL reasoning with owlready2/HermiT: inconsistencies are found and explained; inferred triples
(superclasses, inverse and super-property values) are produced for the inferred graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, XSD, Graph, Literal, URIRef

from registry.namespaces import CPSV, CV, DG
from registry.reasoning import property_entailments, reason, reasoner_input

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
PRODUCT = URIRef("https://dienstengraaf.nl/id/product/paspoort")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ROOT / "ontology" / "dienstengraaf.ttl")


@pytest.fixture(scope="module")
def catalog() -> Graph:
    graph = Graph()
    for path in sorted((ROOT / "ontology" / "vocabularies").glob("*.ttl")):
        graph.parse(path)
    for path in sorted((ROOT / "catalog").rglob("*.ttl")):
        graph.parse(path)
    return graph


@pytest.mark.parametrize("fixture", ["inconsistent.ttl", "inconsistent-functional.ttl"])
def test_inconsistent_fixture_is_found_and_explained(ontology: Graph, fixture: str) -> None:
    data = Graph().parse(FIXTURES / fixture)
    result = reason(ontology, data)
    assert not result.consistent
    assert result.causes, "an inconsistency comes with a likely cause"
    assert any("test/" in cause for cause in result.causes)


def test_the_catalog_is_consistent_and_gets_inferred_triples(ontology: Graph, catalog: Graph) -> None:
    result = reason(ontology, catalog)
    assert result.consistent, result.causes
    inferred = result.inferred
    assert (PRODUCT, RDF.type, CPSV.PublicService) in inferred  # superclass from HermiT
    step = URIRef("https://dienstengraaf.nl/id/stap/paspoort-1")
    assert (step, DG.stepOf, URIRef("https://dienstengraaf.nl/id/proces/paspoort")) in inferred  # inverse
    upl = URIRef("http://standaarden.overheid.nl/owms/terms/paspoort")
    assert (PRODUCT, CV.isClassifiedBy, upl) in inferred  # super-property
    assert not set(inferred) & set(catalog), "only new triples go to the inferred graph"


def test_reasoner_input_leaves_out_what_hermit_cannot_read(ontology: Graph) -> None:
    data = Graph()
    data.add((PRODUCT, RDF.type, DG.Product))
    data.add((PRODUCT, URIRef("http://purl.org/dc/terms/modified"), Literal("2026-01-01", datatype=XSD.date)))
    data.add((PRODUCT, DG.sensitive, Literal(True)))
    graph = reasoner_input(ontology, data)
    assert (PRODUCT, DG.sensitive, Literal(True)) in graph
    assert not [o for o in graph.objects(PRODUCT, None) if isinstance(o, Literal) and o.datatype == XSD.date]


def test_property_entailments_query_on_a_small_graph() -> None:
    graph = Graph().parse(
        data="""
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix ex: <http://example.org/> .
        ex:has owl:inverseOf ex:of . ex:sub rdfs:subPropertyOf ex:mid . ex:mid rdfs:subPropertyOf ex:top .
        ex:a ex:has ex:b . ex:c ex:sub ex:d .
    """,
        format="turtle",
    )
    ex = "http://example.org/"
    inferred = {tuple(str(t) for t in triple) for triple in property_entailments(graph)}
    assert inferred == {
        (ex + "b", ex + "of", ex + "a"),
        (ex + "c", ex + "mid", ex + "d"),
        (ex + "c", ex + "top", ex + "d"),
    }
