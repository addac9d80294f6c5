"""Read as CPSV-AP, the catalog conforms to the official CPSV-AP 3.2.0 SHACL shapes."""

from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
from rdflib import RDF, Graph, URIRef

from registry.build import load_upl
from registry.cpsv import cpsv_ap_view
from registry.namespaces import CPSV, CV, DCT
from registry.settings import Settings
from registry.sources import load_sources

OFFERING = URIRef("https://dienstengraaf.nl/id/aanbod/utrecht-paspoort")


@pytest.fixture(scope="module")
def view() -> Graph:
    settings = Settings()
    loaded = load_sources(settings)
    return cpsv_ap_view(
        loaded.union(["vocabulary", "catalog", "example"]), loaded.union(["ontology"]), load_upl(settings)
    )


def test_catalog_conforms_to_the_official_cpsv_ap_shapes(view: Graph, shared: Path) -> None:
    official = Graph().parse(shared / "data/cpsv-ap/3.2.0/cpsv-ap-SHACL.ttl")
    conforms, _, text = pyshacl.validate(view, shacl_graph=official, inference="none")
    assert conforms, text[:3000]


def test_the_official_shapes_see_our_services(view: Graph) -> None:
    services = set(view.subjects(RDF.type, CPSV.PublicService))
    assert len(services) >= 60 + 12  # products and national services, plus offerings
    assert OFFERING in services


def test_offerings_inherit_from_their_standard(view: Graph) -> None:
    assert view.value(OFFERING, DCT.title) is not None
    assert view.value(OFFERING, CV.hasCompetentAuthority) == URIRef("https://dienstengraaf.nl/id/gemeente/utrecht")


def test_a_non_conforming_service_is_caught(view: Graph, shared: Path) -> None:
    official = Graph().parse(shared / "data/cpsv-ap/3.2.0/cpsv-ap-SHACL.ttl")
    broken = Graph()
    broken += view
    broken.remove((OFFERING, DCT.title, None))
    broken.remove((OFFERING, DCT.description, None))
    conforms, _, _ = pyshacl.validate(broken, shacl_graph=official, inference="none")
    assert not conforms


def test_local_cost_wins_over_the_inherited_one(view: Graph) -> None:
    costs = {str(c).rsplit("/", 1)[-1] for c in view.objects(OFFERING, CV.hasCost)}
    assert costs == {"utrecht-paspoort-18-plus", "utrecht-paspoort-jonger-dan-18"}
