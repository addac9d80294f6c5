"""Validation split over forked workers (registry.partitioned) equals one pySHACL run."""

from __future__ import annotations

import pytest
from rdflib import Graph

from registry import partitioned
from registry.incremental import start
from registry.partitioned import validation_findings
from registry.sources import LoadedSources, Source
from registry.validation import validate
from tests.registry.findings import BROKEN, catalog_with, counted


@pytest.fixture(scope="module")
def broken_catalog(tmp_path_factory: pytest.TempPathFactory) -> tuple[LoadedSources, Graph | None]:
    return catalog_with(BROKEN, tmp_path_factory.mktemp("store") / "store")


def test_workers_find_what_one_run_finds(broken_catalog: tuple[LoadedSources, Graph | None]) -> None:
    loaded, upl = broken_catalog
    one = validate(loaded, upl)
    split = [finding for _, finding in validation_findings(loaded, upl, workers=3, min_nodes=0)]
    assert one.count("Violation") >= 5
    assert counted(split) == counted(one.findings)


def test_a_validation_state_started_by_workers_holds_the_findings_of_one_run(
    broken_catalog: tuple[LoadedSources, Graph | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first validation of a write (registry.store_validation) starts its state with one process per
    core: the findings per focus node must be those of one pySHACL run."""
    loaded, upl = broken_catalog
    one = start(_copy(loaded), upl, workers=1)
    monkeypatch.setattr(partitioned, "MIN_NODES", 0)
    split = start(_copy(loaded), upl, workers=3)
    assert sum(len(findings) for findings in one.results.values()) >= 5
    assert {node: counted(found) for node, found in split.results.items()} == {
        node: counted(found) for node, found in one.results.items()
    }


def _copy(loaded: LoadedSources) -> LoadedSources:
    """A validation state changes its sources in place; each gets its own."""
    copies = []
    for source in loaded.sources:
        graph = Graph()
        graph += source.graph
        copies.append(Source(source.path, source.kind, source.graph_iri, graph))
    return LoadedSources(copies, dict(loaded.replaced))
