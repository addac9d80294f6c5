"""Validation split over forked workers (registry.partitioned) equals one pySHACL run."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from registry.build import load_upl
from registry.partitioned import validate_partitioned
from registry.settings import Settings
from registry.sources import LoadedSources, Source, load_sources
from registry.validation import validate
from tests.conftest import PREFIXES
from tests.registry.findings import BROKEN, counted


@pytest.fixture(scope="module")
def broken_catalog(tmp_path_factory: pytest.TempPathFactory) -> tuple[LoadedSources, Graph | None]:
    settings = Settings(store_dir=tmp_path_factory.mktemp("store") / "store")
    loaded = load_sources(settings)
    graph = Graph().parse(data=PREFIXES + BROKEN, format="turtle")
    loaded.sources.append(Source(Path("broken.ttl"), "extra", URIRef("urn:test:broken"), graph))
    return loaded, load_upl(settings)


def test_workers_find_what_one_run_finds(broken_catalog: tuple[LoadedSources, Graph | None]) -> None:
    loaded, upl = broken_catalog
    one = validate(loaded, upl)
    split = validate_partitioned(loaded, upl, workers=3, min_nodes=0)
    assert one.count("Violation") >= 5
    assert counted(split.findings) == counted(one.findings)
