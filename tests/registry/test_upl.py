"""Import of the real national UPL list into a SKOS scheme."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from rdflib import RDF, SKOS, Literal, URIRef

from registry.namespaces import DCT, DG, FOAF, UPL_SCHEME
from registry.upl import UplFormatError, read_upl, restrict

UPL = URIRef("http://standaarden.overheid.nl/owms/terms/")


@pytest.fixture(scope="module")
def upl_csv(shared: Path) -> Path:
    return shared / "data/upl/UPL-actueel.csv"


def test_one_concept_per_uri_with_all_rows_grouped(upl_csv: Path) -> None:
    imported = read_upl(upl_csv)
    with upl_csv.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    uris = {r["URI"] for r in rows}
    assert imported.rows == len(rows)
    assert imported.products == len(uris)
    concepts = set(imported.graph.subjects(SKOS.inScheme, UPL_SCHEME))
    assert len(concepts) == len(uris)


def test_columns_are_kept_as_data(upl_csv: Path) -> None:
    graph = read_upl(upl_csv).graph
    paspoort = URIRef(str(UPL) + "paspoort")
    assert (paspoort, SKOS.prefLabel, Literal("paspoort", lang="nl")) in graph
    assert graph.value(paspoort, DG.uplMedebewind).toPython() is True
    assert graph.value(paspoort, DG.uplAutonomie).toPython() is False
    assert {str(c) for c in graph.objects(paspoort, DG.sdgCode)} == {"A1"}
    legal = graph.value(paspoort, DG.uplLegalBasis)
    assert graph.value(legal, DCT.title) == Literal("Artikel 26 Paspoortwet", lang="nl")
    assert str(graph.value(legal, FOAF.page)).startswith("https://wetten.overheid.nl/")


def test_a_product_with_several_legal_bases_keeps_them_all(upl_csv: Path) -> None:
    graph = read_upl(upl_csv).graph
    leerlingenvervoer = URIRef(str(UPL) + "leerlingenvervoer")
    assert len(set(graph.objects(leerlingenvervoer, DG.uplLegalBasis))) == 3
    vog = URIRef(str(UPL) + "verklaring_omtrent_gedrag_(vog)")
    assert {str(c) for c in graph.objects(vog, DG.sdgCode)} == {"N1", "B8"}


def test_restrict_keeps_only_what_validation_needs(upl_csv: Path) -> None:
    graph = read_upl(upl_csv).graph
    part = restrict(graph, [URIRef(str(UPL) + "paspoort")])
    assert (UPL_SCHEME, RDF.type, SKOS.ConceptScheme) in part
    assert set(part.subjects(SKOS.inScheme, UPL_SCHEME)) == {URIRef(str(UPL) + "paspoort")}
    assert len(part) < len(graph) / 100


def test_a_file_that_is_not_the_upl_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("naam,URI\npaspoort,http://x\n", encoding="utf-8")
    with pytest.raises(UplFormatError, match="kolommen ontbreken"):
        read_upl(bad)
