"""The ontology and its code lists: OWL header with version IRI and changelog entry, SKOS code lists,
ordered assurance levels with eIDAS mappings, and the alignment with CPSV-AP."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, URIRef

from registry.namespaces import CPSV, CV, DG

ROOT = Path(__file__).resolve().parents[2]
NIVEAU = "https://dienstengraaf.nl/id/betrouwbaarheidsniveau/"


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ROOT / "ontology" / "dienstengraaf.ttl")


@pytest.fixture(scope="module")
def levels() -> Graph:
    return Graph().parse(ROOT / "ontology" / "vocabularies" / "betrouwbaarheidsniveau.ttl")


def test_header_has_version_iri_in_the_changelog(ontology: Graph) -> None:
    header = URIRef("https://dienstengraaf.nl/def")
    version = ontology.value(header, OWL.versionInfo)
    assert ontology.value(header, OWL.versionIRI) == URIRef(f"https://dienstengraaf.nl/def/{version}")
    assert f"## {version}" in (ROOT / "ontology" / "CHANGELOG.md").read_text(encoding="utf-8")


def test_extends_cpsv_ap(ontology: Graph) -> None:
    assert (DG.Product, RDFS.subClassOf, CPSV.PublicService) in ontology
    assert (DG.MunicipalOffering, RDFS.subClassOf, CPSV.PublicService) in ontology
    assert (DG.Municipality, RDFS.subClassOf, CV.PublicOrganisation) in ontology
    assert (DG.IdentityRequirement, RDFS.subClassOf, CV.Requirement) in ontology


def test_every_code_list_file_is_a_concept_scheme() -> None:
    for path in sorted((ROOT / "ontology" / "vocabularies").glob("*.ttl")):
        graph = Graph().parse(path)
        assert set(graph.subjects(RDF.type, SKOS.ConceptScheme)), path
        for concept in graph.subjects(RDF.type, SKOS.Concept):
            assert graph.value(concept, SKOS.inScheme) is not None, concept


def test_channel_types_cover_the_required_channels() -> None:
    graph = Graph().parse(ROOT / "ontology" / "vocabularies" / "kanaaltype.ttl")
    notations = {str(n) for n in graph.objects(None, SKOS.notation)}
    assert {"balie", "telefoon", "website", "e-mail", "chat", "post", "huisbezoek", "app", "videobellen"} <= notations


@pytest.mark.parametrize(
    ("collection", "expected"),
    [
        ("volgorde-digid", ["digid-basis", "digid-midden", "digid-substantieel", "digid-hoog"]),
        ("volgorde-eherkenning", ["eh2", "eh2plus", "eh3", "eh4"]),
        ("volgorde-eidas", ["eidas-laag", "eidas-substantieel", "eidas-hoog"]),
    ],
)
def test_assurance_levels_are_ordered(levels: Graph, collection: str, expected: list[str]) -> None:
    head = levels.value(URIRef(NIVEAU + collection), SKOS.memberList)
    members = [str(m).rsplit("/", 1)[-1] for m in levels.items(head)]
    assert members == expected
    ranks = [levels.value(URIRef(NIVEAU + m), DG.rank).toPython() for m in members]
    assert ranks == sorted(ranks) and len(set(ranks)) == len(ranks)


@pytest.mark.parametrize(
    ("level", "eidas"),
    [
        ("digid-basis", "eidas-laag"),
        ("digid-midden", "eidas-laag"),
        ("digid-substantieel", "eidas-substantieel"),
        ("digid-hoog", "eidas-hoog"),
        ("eh2", "eidas-laag"),
        ("eh2plus", "eidas-laag"),
        ("eh3", "eidas-substantieel"),
        ("eh4", "eidas-hoog"),
    ],
)
def test_assurance_levels_map_to_eidas(levels: Graph, level: str, eidas: str) -> None:
    assert levels.value(URIRef(NIVEAU + level), DG.eidasLevel) == URIRef(NIVEAU + eidas)


def test_local_overrides_are_declared_in_the_ontology(ontology: Graph) -> None:
    local = {str(p).rsplit("/", 1)[-1] for p in ontology.subjects(DG.localOverride, None)}
    assert {"hasCost", "webPage", "appointmentUrl", "hasChannel", "localCondition"} <= local
    assert "description" not in local
