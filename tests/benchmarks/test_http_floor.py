"""The HTTP floor of the query benchmark: a real uvicorn process that answers a SPARQL protocol POST
with valid, empty SPARQL JSON results, over one kept-alive connection."""

from __future__ import annotations

import pyoxigraph as ox

from benchmarks.http_floor import FloorServer
from benchmarks.sparql_client import SparqlClient
from tests.stores import free_port


def test_the_floor_server_answers_queries_with_empty_sparql_results() -> None:
    server = FloorServer(free_port())
    try:
        client = SparqlClient(server.url)
        bodies = [client("SELECT * WHERE { ?s ?p ?o }") for _ in range(3)]
        client.close()
    finally:
        server.stop()
    assert server.process.returncode is not None
    for body in bodies:
        solutions = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        assert isinstance(solutions, ox.QuerySolutions)
        assert [v.value for v in solutions.variables] == ["x"]
        assert list(solutions) == []
