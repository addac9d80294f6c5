"""The queries of the benchmarks (integrator queries, the fees the writes change): each has a comment
header and answers on the catalog."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from registry.settings import Settings
from registry.sources import load_sources
from registry.store import in_memory

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
QUERIES = [*sorted((BENCHMARKS / "queries").glob("*.rq")), BENCHMARKS / "fee-values.rq"]  # the last: writes.py


@pytest.fixture(scope="module")
def store() -> ox.Store:
    loaded = load_sources(Settings())
    return in_memory({source.graph_iri: source.graph for source in loaded.sources})


@pytest.mark.parametrize("path", QUERIES, ids=[p.stem for p in QUERIES])
def test_benchmark_query_has_a_header_and_rows(store: ox.Store, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# ") and len(text.splitlines()[0]) > 20
    result = store.query(text, use_default_graph_as_union=True)
    assert isinstance(result, ox.QuerySolutions)
    assert len(list(result)) >= 1


def test_the_fees_the_writes_change_are_set_by_the_municipality(store: ox.Store) -> None:
    """Regression: the writes benchmark changed a fee that follows a fixed national tariff, which
    validation rightly rejected."""
    text = (BENCHMARKS / "fee-values.rq").read_text(encoding="utf-8")
    chosen = {row["cost"] for row in store.query(text)}
    dg = "https://dienstengraaf.nl/def/"
    overrides, fee_type = ox.NamedNode(dg + "overridesCost"), ox.NamedNode(dg + "feeType")
    municipal = ox.NamedNode("https://dienstengraaf.nl/id/tariefsoort/gemeentelijk")
    kinds = {(q.subject, q.object) for q in store.quads_for_pattern(None, fee_type, None)}
    own_rule = {cost for cost, kind in kinds if kind != municipal}
    ruled = own_rule | {q.subject for q in store.quads_for_pattern(None, overrides, None) if q.object in own_rule}
    assert ruled  # the catalog has fees with a national rule
    assert chosen and not chosen & ruled
