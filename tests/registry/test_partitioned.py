"""Validation split over forked workers (registry.partitioned) equals one pySHACL run."""

from __future__ import annotations

import pytest
from rdflib import Graph

from registry.partitioned import validate_partitioned
from registry.sources import LoadedSources
from registry.validation import validate
from tests.registry.findings import BROKEN, catalog_with, counted


@pytest.fixture(scope="module")
def broken_catalog(tmp_path_factory: pytest.TempPathFactory) -> tuple[LoadedSources, Graph | None]:
    return catalog_with(BROKEN, tmp_path_factory.mktemp("store") / "store")


def test_workers_find_what_one_run_finds(broken_catalog: tuple[LoadedSources, Graph | None]) -> None:
    loaded, upl = broken_catalog
    one = validate(loaded, upl)
    split = validate_partitioned(loaded, upl, workers=3, min_nodes=0)
    assert one.count("Violation") >= 5
    assert counted(split.findings) == counted(one.findings)
