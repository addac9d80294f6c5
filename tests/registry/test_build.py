"""The main job: a store is swapped in only when everything passes; otherwise the last good store
stays exactly as it was."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from registry import store as embedded
from registry.build import build
from registry.namespaces import INFERRED_GRAPH, META_GRAPH, UPL_GRAPH
from registry.settings import Settings
from registry.sources import LoadError
from registry.stats import stats

UPL_HEADER = (
    "UniformeProductnaam,URI,Rijk,Provincie,Waterschap,Gemeente,Burger,Bedrijf,Dienstenwet,SDG,"
    "Autonomie,Medebewind,Aanvraag,Subsidie,Melding,Verplichting,Grondslag,Grondslaglabel,Grondslaglink\n"
)


def remove_in_person_verification(settings: Settings) -> Path:
    """Edit paspoort.ttl the way an editor might: the desk step no longer verifies in person."""
    path = settings.catalog / "products" / "paspoort.ttl"
    text = path.read_text(encoding="utf-8")
    block = re.search(r"stap:paspoort-2 a dg:ProcessStep ;.*?\n\n", text, re.S)
    assert block is not None
    edited = block.group(0).replace("dg:inPersonVerification true", "dg:inPersonVerification false")
    path.write_text(text.replace(block.group(0), edited), encoding="utf-8")
    return path


@pytest.fixture
def built(checkout_copy: Settings) -> Settings:
    result = build(checkout_copy)
    assert result.built, result.checked.report.findings[:3]
    return checkout_copy


def test_build_writes_a_store_with_every_graph(built: Settings) -> None:
    current = embedded.open_store(built.store)
    graphs = {g.value for g in current.named_graphs()}
    products = sorted((built.catalog / "products").glob("*.ttl"))
    for path in products:
        assert f"https://dienstengraaf.nl/graph/catalog/products/{path.name}" in graphs
    assert {str(UPL_GRAPH), str(INFERRED_GRAPH), str(META_GRAPH)} <= graphs
    counts = stats(current)
    assert counts["products"] == len(products)
    assert counts["standard_processes"] >= counts["products"]
    assert counts["faqs"] >= 3 * counts["products"]
    assert counts["triples"] == len(current)


def test_invalid_change_is_rejected_and_the_store_stays_as_it_was(built: Settings) -> None:
    before = embedded.fingerprint(embedded.open_store(built.store))
    remove_in_person_verification(built)
    result = build(built)
    assert not result.built
    after = embedded.fingerprint(embedded.open_store(built.store))
    assert after == before
    finding = next(
        f for f in result.checked.report.findings if f.source_constraint == "dgsh:ProductShape-identityDocument"
    )
    assert finding.resource == "product:paspoort"
    assert finding.files == ("catalog/products/paspoort.ttl",)
    assert "identiteitsdocument" in finding.message and "stap" in finding.message


def test_syntax_error_is_reported_and_the_store_stays_as_it_was(built: Settings) -> None:
    before = embedded.fingerprint(embedded.open_store(built.store))
    (built.catalog / "products" / "kapot.ttl").write_text("@prefix ex: <http://ex.org/> .\nex:a ex:b\n")
    with pytest.raises(LoadError):
        build(built)
    assert embedded.fingerprint(embedded.open_store(built.store)) == before


def test_a_failure_while_writing_leaves_the_old_store(built: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    before = embedded.fingerprint(embedded.open_store(built.store))
    versions = set((built.store.parent / "store.d").iterdir())

    def broken_fill(store: ox.Store, graphs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(embedded, "fill", broken_fill)
    with pytest.raises(OSError, match="disk full"):
        build(built)
    assert embedded.fingerprint(embedded.open_store(built.store)) == before
    assert set((built.store.parent / "store.d").iterdir()) == versions  # nothing half-written left


def test_import_upl_replaces_only_the_upl_graph(built: Settings, tmp_path: Path) -> None:
    current = embedded.open_store(built.store)
    catalog_graph = ox.NamedNode("https://dienstengraaf.nl/graph/catalog/products/paspoort.ttl")
    paspoort_before = embedded.to_rdflib(current, catalog_graph.value)
    del current
    csv_path = tmp_path / "upl.csv"
    csv_path.write_text(
        UPL_HEADER + "paspoort,http://standaarden.overheid.nl/owms/terms/paspoort,X,,,X,X,,,A1,,X,X,,,,,,\n",
        encoding="utf-8",
    )
    from registry.upl import read_upl

    embedded.replace_graph(built.store, UPL_GRAPH, read_upl(csv_path).graph)
    after = embedded.open_store(built.store)
    upl = embedded.to_rdflib(after, str(UPL_GRAPH))
    assert len(set(upl.subjects())) == 2  # the scheme and one concept
    assert embedded.to_rdflib(after, catalog_graph.value).isomorphic(paspoort_before)
