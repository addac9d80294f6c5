"""Shared fixtures: the checkout, the shared reference data, and validation of small Turtle fixtures
against the real ontology, vocabularies and shapes."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from registry.settings import Settings
from registry.sources import LoadedSources, Source, discover, parse_turtle
from registry.validation import ValidationReport, validate
from tests.stores import StoreServers

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

PREFIXES = """
@prefix dg: <https://dienstengraaf.nl/def/> .
@prefix cpsv: <http://purl.org/vocab/cpsv#> .
@prefix cv: <http://data.europa.eu/m8g/> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix locn: <http://www.w3.org/ns/locn#> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <https://dienstengraaf.nl/id/test/> .
@prefix product: <https://dienstengraaf.nl/id/product/> .
@prefix gemeente: <https://dienstengraaf.nl/id/gemeente/> .
@prefix dienst: <https://dienstengraaf.nl/id/dienst/> .
@prefix organisatie: <https://dienstengraaf.nl/id/organisatie/> .
@prefix kanaaltype: <https://dienstengraaf.nl/id/kanaaltype/> .
@prefix middel: <https://dienstengraaf.nl/id/identiteitsmiddel/> .
@prefix niveau: <https://dienstengraaf.nl/id/betrouwbaarheidsniveau/> .
@prefix complexiteit: <https://dienstengraaf.nl/id/complexiteit/> .
@prefix doelgroep: <https://dienstengraaf.nl/id/doelgroep/> .
@prefix thema: <https://dienstengraaf.nl/id/thema/> .
@prefix tariefsoort: <https://dienstengraaf.nl/id/tariefsoort/> .
@prefix resultaattype: <https://dienstengraaf.nl/id/resultaattype/> .
@prefix rechtsmiddel: <https://dienstengraaf.nl/id/rechtsmiddel/> .
@prefix vraagonderwerp: <https://dienstengraaf.nl/id/vraagonderwerp/> .
@prefix upl: <http://standaarden.overheid.nl/owms/terms/> .
"""


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.exists():
        pytest.fail(f"shared reference data not found at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def base_sources() -> list[Source]:
    """Ontology, vocabularies, shapes and the shared catalog files (organisations, services)."""
    settings = Settings()
    wanted = {"ontology", "vocabulary", "shapes"}
    sources = []
    for path, kind in discover(settings):
        keep = kind in wanted or path.name in ("organisations.ttl", "national-services.ttl", "evidence.ttl")
        if keep:
            sources.append(Source(path, kind, URIRef(f"urn:test:{path.name}"), parse_turtle(path)))
    return sources


@pytest.fixture(scope="session")
def validate_ttl(base_sources: list[Source]) -> Callable[..., ValidationReport]:
    """Validate Turtle text (the common prefixes are added) together with the base sources."""

    def run(text: str, upl: Graph | None = None) -> ValidationReport:
        graph = Graph().parse(data=PREFIXES + text, format="turtle")
        fixture = Source(Path("fixture.ttl"), "extra", URIRef("urn:test:fixture"), graph)
        return validate(LoadedSources([*base_sources, fixture]), upl)

    return run


@pytest.fixture
def checkout_copy(tmp_path: Path) -> Settings:
    """Settings over a private copy of ontology/, shapes/ and catalog/, with its own store folder."""
    for name in ("ontology", "shapes", "catalog"):
        shutil.copytree(ROOT / name, tmp_path / name)
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    return Settings(root=tmp_path, shared_dir=SHARED, store_dir=tmp_path / "var" / "store")


@pytest.fixture(scope="session")
def store_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StoreServers]:
    """Starts real Oxigraph and Virtuoso servers on demand (see tests/stores.py); stops them at the end."""
    servers = StoreServers(tmp_path_factory.mktemp("stores"))
    yield servers
    servers.stop_all()
