"""Bulk evaluation of SHACL-SPARQL constraints (registry.sparql_constraints): which constraints are
taken out of pySHACL, and a full validation that finds exactly what pySHACL alone finds."""

from __future__ import annotations

import pytest
from rdflib import Graph

from registry.build import load_upl
from registry.reach import read_shapes
from registry.settings import Settings
from registry.sources import LoadedSources, load_sources
from registry.sparql_constraints import bulk_constraints, suspects
from registry.validation import data_graph, focus_findings, run_shacl, validate
from tests.registry.findings import catalog_with, counted

SH = "https://dienstengraaf.nl/shapes/"

# Breaks bulk constraints in ways whose results show lexical forms, paths and blank nodes: a local
# fee above the national maximum written as "99.50" (Oxigraph would write 99.5), a national property
# set on an offering, another municipality's channel, a blank-node phone channel without a number, and
# a second offering of the same product by the same municipality.
BROKEN = """
@prefix aanbod: <https://dienstengraaf.nl/id/aanbod/> .
@prefix kanaal: <https://dienstengraaf.nl/id/kanaal/> .
@prefix kosten: <https://dienstengraaf.nl/id/kosten/> .
@prefix kanaaltype: <https://dienstengraaf.nl/id/kanaaltype/> .
@prefix gemeente: <https://dienstengraaf.nl/id/gemeente/> .
kosten:utrecht-paspoort-18-plus cv:hasValue "99.50"^^xsd:decimal .
aanbod:utrecht-paspoort dct:title "Paspoort in Utrecht"@nl ; cv:hasChannel kanaal:zwolle-balie .
[] a cv:Channel ; dct:type kanaaltype:telefoon ; cv:ownedBy gemeente:utrecht ;
   dct:title "Telefoon zonder nummer"@nl .
aanbod:utrecht-paspoort-tweede a dg:MunicipalOffering ; dct:identifier "utrecht-paspoort-tweede" ;
   dg:implements <https://dienstengraaf.nl/id/product/paspoort> ; dg:offeredBy gemeente:utrecht ;
   dct:modified "2026-01-01"^^xsd:date .
"""


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> tuple[LoadedSources, Graph | None]:
    return catalog_with(BROKEN, tmp_path_factory.mktemp("bulk") / "store")


def test_only_unreferenced_node_shape_selects_are_taken_out() -> None:
    shapes = load_sources(Settings()).shapes_graph()
    taken = {str(c.constraint) for c in bulk_constraints(shapes)}
    assert {SH + "MunicipalOfferingShape-ownChannels", SH + "CostShape-notAboveMaximum"} <= taken
    assert SH + "ChannelShape-contactDetail" in taken
    # The SDG checks sit on property shapes reached through sh:property: they stay with pySHACL.
    shapes_taken = {str(c.shape) for c in bulk_constraints(shapes)}
    assert SH + "ProductShape-sdg-steps" not in shapes_taken
    assert all("PREFIX dg: <https://dienstengraaf.nl/def/>" in c.query for c in bulk_constraints(shapes))


def test_the_valid_catalog_has_no_suspects() -> None:
    settings = Settings()
    loaded = load_sources(settings)
    shapes = loaded.shapes_graph()
    data = data_graph(loaded, load_upl(settings))
    assert suspects(data, read_shapes(shapes), bulk_constraints(shapes)) == {}


def test_bulk_validation_equals_pyshacl_alone(broken: tuple[LoadedSources, Graph | None]) -> None:
    loaded, upl = broken
    plain = data_graph(loaded, upl)
    alone = run_shacl(plain, loaded.shapes_graph())
    expected = counted(f for _, f in focus_findings(alone, plain, loaded.defining_files(), None))
    found = validate(loaded, upl).findings
    assert counted(found) == expected
    sparql = {(f.focus, f.source_constraint, f.value) for f in found if f.constraint == "SPARQLConstraintComponent"}
    assert ("kosten:utrecht-paspoort-18-plus", "dgsh:CostShape-notAboveMaximum", "99.50") in sparql
    assert ("aanbod:utrecht-paspoort", "dgsh:MunicipalOfferingShape-ownChannels", "kanaal:zwolle-balie") in sparql
    unique = "dgsh:MunicipalOfferingShape-unique"
    assert ("aanbod:utrecht-paspoort", unique, "aanbod:utrecht-paspoort-tweede") in sparql
    assert ("aanbod:utrecht-paspoort-tweede", unique, "aanbod:utrecht-paspoort") in sparql
    assert any(f.source_constraint == "dgsh:MunicipalOfferingShape-onlyLocal" and f.path == "dct:title" for f in found)
    blank = [f for f in found if f.source_constraint == "dgsh:ChannelShape-contactDetail"]
    assert len(blank) == 1 and blank[0].path == "cv:telephone" and "cv:telephone" not in blank[0].focus
