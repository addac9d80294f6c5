"""Where a real Virtuoso silently gives less than the whole answer, the remote store says so instead:

- a query over its time limit: Virtuoso is asked to stop it at the registry's limit (it would run on to
  its own MaxQueryExecutionTime after the client gave up), and the incomplete answer it then sends is a
  time-out error, never a result. Regression test: Virtuoso kept a stopped endpoint query running for
  30 s, and the queries after it timed out;
- a SELECT result longer than the server's ResultSetMaxRows, which Virtuoso cuts without an error (a
  CONSTRUCT result it cuts without even a header: that one only the server's configuration prevents)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from registry.namespaces import GRAPH
from registry.remote import RemoteStore, RemoteStoreError
from registry.settings import Settings
from tests.stores import StoreServers

CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
MAX_ROWS = 100


@pytest.fixture(scope="module")
def virtuoso(store_servers: StoreServers) -> Iterator[Settings]:
    """A fresh Virtuoso that sends at most MAX_ROWS rows per query, holding 3000 triples."""
    server = store_servers.start("virtuoso", env={"VIRTUOSO_MAX_ROWS": str(MAX_ROWS)})
    settings = Settings(**server.settings())
    data = "".join(f'<urn:s:{i}> <urn:p:{i % 7}> "{i}" .\n' for i in range(3000)).encode()
    RemoteStore.from_settings(settings).publish({f"{GRAPH}limits": data}, replace_all=True)
    yield settings
    server.stop()


def test_virtuoso_stops_a_query_at_the_registry_limit_and_incomplete_results_are_an_error(
    virtuoso: Settings,
) -> None:
    store = RemoteStore.from_settings(virtuoso, timeout=2)
    with pytest.raises(TimeoutError, match="brak de query af"):  # said by the server, not our client
        store.query(CROSS_JOIN, use_default_graph_as_union=True)
    answer = list(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", use_default_graph_as_union=True))
    assert int(answer[0]["n"].value) >= 3000


def test_a_select_result_cut_at_the_servers_row_limit_is_an_error(virtuoso: Settings) -> None:
    store = RemoteStore.from_settings(virtuoso)
    with pytest.raises(RemoteStoreError, match="ResultSetMaxRows"):
        list(store.query("SELECT ?s ?o WHERE { ?s ?p ?o }", use_default_graph_as_union=True))
    below = list(store.query(f"SELECT ?s WHERE {{ ?s ?p ?o }} LIMIT {MAX_ROWS - 1}", use_default_graph_as_union=True))
    assert len(below) == MAX_ROWS - 1


def test_virtuoso_cuts_a_construct_result_without_any_marker(virtuoso: Settings) -> None:
    """Why the project's virtuoso.ini sets ResultSetMaxRows far above the result limit (README): a cut
    CONSTRUCT result carries no header the remote store could recognise."""
    store = RemoteStore.from_settings(virtuoso)
    triples = list(store.query("CONSTRUCT WHERE { ?s ?p ?o }", use_default_graph_as_union=True))
    assert len(triples) <= MAX_ROWS + 1  # of the 3000 it holds (Virtuoso 7.2 sends 101 here)
