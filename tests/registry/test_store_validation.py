"""Validating a changed store incrementally (registry.store_validation), as registry.writes does for
every write: the report equals a full validation of the store, also after a rejected write."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef

from registry import store as embedded
from registry.build import load_upl
from registry.namespaces import UPL_GRAPH
from registry.settings import Settings
from registry.sources import load_sources
from registry.store_validation import StoreValidator
from registry.validation import validate
from registry.writes import sources_from_store
from tests.registry.findings import counted

PASPOORT = "https://dienstengraaf.nl/id/product/paspoort"
REMOVE_TITLES = f"DELETE WHERE {{ GRAPH ?g {{ <{PASPOORT}> <http://purl.org/dc/terms/title> ?t }} }}"
BAD_FEE = (
    "DELETE { GRAPH ?g { ?c <http://data.europa.eu/m8g/hasValue> ?v } } "
    'INSERT { GRAPH ?g { ?c <http://data.europa.eu/m8g/hasValue> "-1"^^<http://www.w3.org/2001/XMLSchema#double> } } '
    "WHERE { BIND(<https://dienstengraaf.nl/id/kosten/zwolle-paspoort-18-plus> AS ?c) "
    "GRAPH ?g { ?c <http://data.europa.eu/m8g/hasValue> ?v } }"
)


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(store_dir=tmp_path_factory.mktemp("store") / "store")


def registry_store(settings: Settings) -> ox.Store:
    """An in-memory store holding the registry as `dienstengraaf build` writes it."""
    loaded = load_sources(settings)
    graphs: dict[URIRef, Graph] = {s.graph_iri: s.graph for s in loaded.data()}
    upl = load_upl(settings)
    if upl is not None:
        graphs[UPL_GRAPH] = upl
    return embedded.in_memory(graphs)


def full(store: ox.Store, settings: Settings) -> Counter[tuple[object, ...]]:
    loaded, upl = sources_from_store(store, settings)
    return counted(validate(loaded, upl).findings)


def copy(store: ox.Store) -> ox.Store:
    result = ox.Store()
    result.extend(store.quads_for_pattern(None, None, None, None))
    return result


def test_writes_are_validated_incrementally_and_equal_full(settings: Settings, tmp_path: Path) -> None:
    current = registry_store(settings)
    validator = StoreValidator()
    _, first = validator.validate(copy(current), settings)
    assert validator.state is not None and validator.state.revalidated is None  # the first one is full

    rejected = copy(current)
    rejected.update(REMOVE_TITLES)
    _, report = validator.validate(rejected, settings)
    assert not report.conforms
    assert validator.state.revalidated is not None and len(validator.state.revalidated) < 10
    assert counted(report.findings) == full(rejected, settings)

    # The next write starts from the unchanged store again: the validator goes back by itself.
    accepted = copy(current)
    accepted.update(BAD_FEE)
    _, report = validator.validate(accepted, settings)
    assert validator.state.revalidated is not None
    assert counted(report.findings) == full(accepted, settings)
    assert {f.focus for f in report.findings if f.severity == "Violation"} == {"kosten:zwolle-paspoort-18-plus"}
    assert counted(first.findings) == full(current, settings)

    validator.shapes = ()  # as if a shapes file had changed on disk: start over
    _, report = validator.validate(accepted, settings)
    assert validator.state.revalidated is None
    assert counted(report.findings) == full(accepted, settings)
