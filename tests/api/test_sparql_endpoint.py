"""The SPARQL endpoint against a real server: formats, errors, safety (read-only without a token, no
SERVICE or LOAD, time and size limits) and validated all-or-nothing writes."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import threading
import time

import httpx
from rdflib import Graph

from tests.api.conftest import LiveServer

PASPOORT = "https://dienstengraaf.nl/id/product/paspoort"
SELECT = "SELECT ?t WHERE { <https://dienstengraaf.nl/id/product/paspoort> dct:title ?t } ORDER BY ?t"


def dump_fingerprint(server: LiveServer) -> tuple[int, str]:
    """Number of quads in the store and a hash over them, read through the Graph Store protocol."""
    with server.client() as client:
        response = client.get("/rdf-graphs", headers={"Accept": "application/n-quads"})
    lines = sorted(line for line in response.text.splitlines() if line.strip())
    return len(lines), hashlib.sha256("\n".join(lines).encode()).hexdigest()


def test_select_in_every_table_format(server: LiveServer) -> None:
    with server.client() as client:
        as_json = client.get("/sparql", params={"query": SELECT}, headers={"Accept": "application/sparql-results+json"})
        as_xml = client.get("/sparql", params={"query": SELECT}, headers={"Accept": "application/sparql-results+xml"})
        as_csv = client.post("/sparql", data={"query": SELECT}, headers={"Accept": "text/csv"})
        as_tsv = client.post(
            "/sparql",
            content=SELECT,
            headers={"Content-Type": "application/sparql-query", "Accept": "text/tab-separated-values"},
        )
    titles = {b["t"]["value"] for b in as_json.json()["results"]["bindings"]}
    assert titles >= {"Paspoort", "Passport"}
    assert as_xml.headers["content-type"].startswith("application/sparql-results+xml") and "<sparql" in as_xml.text
    rows = list(csv.reader(io.StringIO(as_csv.text)))
    assert rows[0] == ["t"] and ["Paspoort"] in rows
    assert as_tsv.text.splitlines()[0] == "?t" and '"Paspoort"@nl' in as_tsv.text
    assert "Accept" in as_json.headers["vary"]


def test_construct_and_describe_in_every_rdf_format(server: LiveServer) -> None:
    query = f"DESCRIBE <{PASPOORT}>"
    formats = {
        "text/turtle": "turtle",
        "application/n-triples": "nt",
        "application/ld+json": "json-ld",
        "application/rdf+xml": "xml",
    }
    with server.client() as client:
        for media, rdflib_format in formats.items():
            response = client.get("/sparql", params={"query": query}, headers={"Accept": media})
            assert response.headers["content-type"].startswith(media)
            graph = Graph().parse(data=response.text, format=rdflib_format)
            assert len(graph) > 20, media


def test_malformed_query_gets_the_parser_message(server: LiveServer) -> None:
    with server.client() as client:
        response = client.get("/sparql", params={"query": "SELECT ?x WHERE { ?x ?y }"})
    assert response.status_code == 400
    assert "error" in response.json() and response.json()["message"]


def test_service_is_refused(server: LiveServer) -> None:
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"
    with server.client() as client:
        response = client.get("/sparql", params={"query": query})
    assert response.status_code == 400 and "SERVICE" in response.text


def test_load_is_refused_even_with_a_token(server: LiveServer) -> None:
    with server.client() as client:
        response = client.post(
            "/sparql/update",
            content="LOAD <http://127.0.0.1:1/data.ttl>",
            headers={**server.auth, "Content-Type": "application/sparql-update"},
        )
    assert response.status_code == 400 and "LOAD" in response.text


def test_update_without_or_with_a_wrong_token_is_refused(server: LiveServer) -> None:
    before = dump_fingerprint(server)
    update = "CLEAR ALL"
    with server.client() as client:
        missing = client.post("/sparql/update", content=update, headers={"Content-Type": "application/sparql-update"})
        wrong = client.post(
            "/sparql/update",
            content=update,
            headers={"Content-Type": "application/sparql-update", "Authorization": "Bearer nee"},
        )
        via_query = client.post("/sparql", data={"update": update})
    assert missing.status_code == 401 and missing.headers["www-authenticate"].startswith("Bearer")
    assert wrong.status_code == 403
    assert via_query.status_code == 401
    assert dump_fingerprint(server) == before


def test_invalid_update_is_rejected_with_422_and_nothing_changes(server: LiveServer) -> None:
    before = dump_fingerprint(server)
    # Updates see the store's own default graph; the catalog lives in named graphs, hence GRAPH ?g.
    update = (
        "DELETE { GRAPH ?g { ?step <https://dienstengraaf.nl/def/inPersonVerification> true } } "
        "INSERT { GRAPH ?g { ?step <https://dienstengraaf.nl/def/inPersonVerification> false } } "
        "WHERE { GRAPH ?g { ?step <https://dienstengraaf.nl/def/inPersonVerification> true } }"
    )
    with server.client() as client:
        response = client.post(
            "/sparql/update", content=update, headers={**server.auth, "Content-Type": "application/sparql-update"}
        )
    assert response.status_code == 422
    report = response.json()["report"]
    assert report["conforms"] is False and report["counts"]["Violation"] >= 1
    focus = {r["resource"] for f in report["files"] for r in f["resources"]}
    assert "product:paspoort" in focus
    assert dump_fingerprint(server) == before


def test_valid_update_is_applied_validated_and_logged(server: LiveServer) -> None:
    graph = "https://dienstengraaf.nl/graph/catalog/products/paspoort.ttl"
    insert = f'INSERT DATA {{ GRAPH <{graph}> {{ <{PASPOORT}> skos:altLabel "reispaspoort"@nl }} }}'
    ask = f'ASK {{ <{PASPOORT}> skos:altLabel "reispaspoort"@nl }}'
    prefix = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
    with server.client() as client:
        added = client.post(
            "/sparql/update",
            content=prefix + insert,
            headers={**server.auth, "Content-Type": "application/sparql-update"},
        )
        assert added.status_code == 204, added.text
        answer = client.get("/sparql", params={"query": ask})
        assert answer.json().get("boolean") is True, answer.text
        removed = client.post(
            "/sparql/update",
            content=prefix + insert.replace("INSERT DATA", "DELETE DATA"),
            headers={**server.auth, "Content-Type": "application/sparql-update"},
        )
        assert removed.status_code == 204, removed.text
        assert client.get("/sparql", params={"query": ask}).json()["boolean"] is False
    assert server.settings.write_log is not None
    entries = [json.loads(line) for line in server.settings.write_log.read_text().splitlines()]
    applied = [e for e in entries if e["applied"] and e["operation"] == "sparql-update"]
    assert applied and applied[-1]["who"] == "tester"
    assert "https://dienstengraaf.nl/graph/catalog/products/paspoort.ttl" in applied[-1]["graphs"]


def test_pathological_query_is_stopped_while_others_are_served(server: LiveServer) -> None:
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    outcome: dict[str, object] = {}

    def run_slow() -> None:
        started = time.monotonic()
        with server.client() as client:
            outcome["response"] = client.get("/sparql", params={"query": slow})
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=run_slow)
    thread.start()
    time.sleep(0.3)
    others = []
    with server.client() as client:
        while thread.is_alive():
            others.append(client.get("/sparql", params={"query": SELECT}).status_code)
            others.append(client.get("/api/products", params={"q": "paspoort"}).status_code)
    thread.join()
    response = outcome["response"]
    assert isinstance(response, httpx.Response)
    assert response.status_code == 503 and response.json()["error"] == "timeout"
    assert float(outcome["seconds"]) < 15  # type: ignore[arg-type]
    assert set(others) <= {200}
    if server.kind != "virtuoso":  # Virtuoso refuses it at once: its cost estimate exceeds its limit
        assert others
    with server.client() as client:  # the replaced worker answers again
        assert client.get("/sparql", params={"query": SELECT}).status_code == 200


def test_result_row_limit_gives_a_clear_error(server: LiveServer) -> None:
    with server.client() as client:
        response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert response.status_code == 400
    assert response.json()["error"] == "limit" and "LIMIT" in response.json()["message"]


def test_request_size_limit(server: LiveServer) -> None:
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 1_100_000
    with server.client() as client:
        response = client.post("/sparql", content=big, headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 413


def test_protocol_dataset_restricts_the_default_graph(server: LiveServer) -> None:
    query = f"ASK {{ <{PASPOORT}> ?p ?o }}"
    graph = "https://dienstengraaf.nl/graph/catalog/products/paspoort.ttl"
    other = "https://dienstengraaf.nl/graph/catalog/products/rijbewijs.ttl"
    with server.client() as client:
        inside = client.get("/sparql", params={"query": query, "default-graph-uri": graph}).json()["boolean"]
        outside = client.get("/sparql", params={"query": query, "default-graph-uri": other}).json()["boolean"]
    assert inside is True and outside is False


def test_reads_are_open_for_cors(server: LiveServer) -> None:
    with server.client() as client:
        response = client.get("/sparql", params={"query": SELECT}, headers={"Origin": "https://gemeente.example"})
        preflight = client.options(
            "/rdf-graphs", headers={"Origin": "https://gemeente.example", "Access-Control-Request-Method": "PUT"}
        )
    assert response.headers["access-control-allow-origin"] == "*"
    assert preflight.status_code == 400 or "PUT" not in preflight.headers.get("access-control-allow-methods", "")


def test_service_description_and_editor(server: LiveServer) -> None:
    with server.client() as client:
        description = client.get("/sparql", headers={"Accept": "text/turtle"})
        editor = client.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml"})
        script = client.get("/static/yasgui/yasgui.min.js")
    graph = Graph().parse(data=description.text, format="turtle")
    assert any("sparql-service-description" in str(o) for o in graph.objects())
    assert editor.status_code == 200 and "yasgui.min.js" in editor.text
    assert "Alle producten met hun UPL-naam" in editor.text
    assert script.status_code == 200 and len(script.content) > 100_000
