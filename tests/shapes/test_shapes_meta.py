"""The shapes themselves: valid SHACL (SHACL-for-SHACL), readable IRIs, a Dutch message on every
constraint, one node shape per class of the ontology."""

from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
from rdflib import OWL, RDF, BNode, Graph, URIRef
from rdflib.namespace import SH

ROOT = Path(__file__).resolve().parents[2]
DG = "https://dienstengraaf.nl/def/"


@pytest.fixture(scope="module")
def shapes() -> Graph:
    graph = Graph()
    for path in sorted((ROOT / "shapes").glob("*.shapes.ttl")):
        graph.parse(path)
    return graph


def test_shapes_conform_to_shacl_for_shacl(shapes: Graph, shared: Path) -> None:
    shacl_shacl = Graph().parse(shared / "data/w3c/shacl/tests/core/complex/shacl-shacl.ttl")
    conforms, _, text = pyshacl.validate(shapes, shacl_graph=shacl_shacl)
    assert conforms, text


def test_every_file_is_named_shapes_ttl() -> None:
    assert all(p.name.endswith(".shapes.ttl") for p in (ROOT / "shapes").glob("*.ttl"))


def _constraint_shapes(shapes: Graph) -> list:
    """Property shapes and SPARQL constraints (the things that produce results)."""
    found = list(shapes.subjects(SH.path, None))
    found += list(shapes.objects(None, SH.sparql))
    return found


def test_every_constraint_has_a_dutch_message(shapes: Graph) -> None:
    missing = []
    for node in _constraint_shapes(shapes):
        owner_messages = list(shapes.objects(node, SH.message))
        if isinstance(node, BNode) and not owner_messages:
            # An anonymous SPARQL constraint inside a property shape uses the property shape's message.
            parent = next(shapes.subjects(SH.sparql, node), None)
            owner_messages = list(shapes.objects(parent, SH.message)) if parent is not None else []
        if not any(getattr(m, "language", None) == "nl" for m in owner_messages):
            missing.append(node)
    assert missing == []


def test_shapes_that_produce_results_have_readable_iris(shapes: Graph) -> None:
    for node_shape in set(shapes.subjects(SH.targetClass, None)):
        assert str(node_shape).startswith("https://dienstengraaf.nl/shapes/")
        for property_shape in shapes.objects(node_shape, SH.property):
            assert isinstance(property_shape, URIRef), f"anonymous property shape in {node_shape}"
        for constraint in shapes.objects(node_shape, SH.sparql):
            assert isinstance(constraint, URIRef), f"anonymous SPARQL constraint in {node_shape}"


def test_one_node_shape_per_class_of_the_ontology(shapes: Graph) -> None:
    ontology = Graph().parse(ROOT / "ontology" / "dienstengraaf.ttl")
    classes = {c for c in ontology.subjects(RDF.type, OWL.Class) if str(c).startswith(DG)}
    classes.discard(URIRef(DG + "Build"))  # written by the build into the meta graph, not authored
    targeted = list(shapes.objects(None, SH.targetClass))
    for cls in classes:
        assert targeted.count(cls) == 1, f"{cls} has {targeted.count(cls)} node shapes"


def test_texts_have_language_constraints(shapes: Graph) -> None:
    """Every shape on a text property (datatype rdf:langString) restricts the languages."""
    for shape in shapes.subjects(SH.datatype, RDF.langString):
        assert (shape, SH.languageIn, None) in shapes, shape


def test_severities_are_used(shapes: Graph) -> None:
    severities = set(shapes.objects(None, SH.severity))
    assert {SH.Warning, SH.Info} <= severities
