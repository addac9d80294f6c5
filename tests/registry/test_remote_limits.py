"""Where a real Virtuoso silently gives less than the whole answer, the remote store says so instead:

- a query over its time limit: Virtuoso is asked to stop it at the registry's limit (it would run on to
  its own MaxQueryExecutionTime after the client gave up), and the incomplete answer it then sends is a
  time-out error, never a result. Regression test: Virtuoso kept a stopped endpoint query running for
  30 s, and the queries after it timed out;
- an Oxigraph server's answer cut off by its own time limit (status 200, results cut off);
And what only the server's configuration prevents: a result longer than its ResultSetMaxRows, which
Virtuoso cuts without an error."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from registry.namespaces import GRAPH
from registry.remote import RemoteStore
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


@pytest.mark.parametrize("form", ["SELECT ?s ?o WHERE { ?s ?p ?o }", "CONSTRUCT WHERE { ?s ?p ?o }"])
def test_virtuoso_cuts_a_result_at_its_row_limit_without_an_error(virtuoso: Settings, form: str) -> None:
    """Why the project's virtuoso.ini sets ResultSetMaxRows far above the result limit (README)."""
    store = RemoteStore.from_settings(virtuoso)
    assert len(list(store.query(form, use_default_graph_as_union=True))) <= MAX_ROWS + 1  # of the 3000 it holds


def test_an_oxigraph_server_answer_cut_off_by_its_time_limit_is_a_timeout(store_servers: StoreServers) -> None:
    """Oxigraph answers 200 and writes its error after the results it had begun to send."""
    server = store_servers.start("oxigraph", env={"OXIGRAPH_TIMEOUT_S": "1"})
    try:
        settings = Settings(**server.settings())
        data = "".join(f'<urn:s:{i}> <urn:p:{i % 7}> "{i}" .\n' for i in range(30000)).encode()  # a join of 9e8 rows
        store = RemoteStore.from_settings(settings)
        store.publish({f"{GRAPH}limits": data}, replace_all=True)
        with pytest.raises(TimeoutError, match="brak de query af"):
            store.query("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }", use_default_graph_as_union=True)
    finally:
        server.stop()
