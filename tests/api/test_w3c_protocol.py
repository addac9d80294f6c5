"""The W3C SPARQL 1.1 Protocol test suite (../shared/data/w3c/sparql11/protocol/) against a real
server on 127.0.0.1, with the write token for the update tests. Reports the pass count."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from rdflib import RDF, RDFS, Graph, Namespace, URIRef

from tests.api.conftest import LiveServer

SUITE = Path(__file__).resolve().parents[3] / "shared" / "data" / "w3c" / "sparql11" / "protocol"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = "http://www.w3.org/2011/http-statusCodes#StatusCode"
OUTPUT = Path(__file__).resolve().parents[2] / "test-output" / "w3c-protocol.txt"


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: set[str]
    boolean: bool | None
    result_format: str | None


@dataclass
class ProtocolTest:
    name: str
    title: str
    graph_data: dict[str, Path]
    requests: list[Request] = field(default_factory=list)


def load_tests() -> list[ProtocolTest]:
    manifest = SUITE / "manifest.ttl"
    graph = Graph().parse(manifest, publicID=manifest.as_uri())
    root = next(graph.subjects(RDF.type, MF.Manifest))
    tests = []
    for entry in graph.items(graph.value(root, MF.entries)):
        data = {
            str(graph.value(g, RDFS.label)): Path(urlsplit(str(graph.value(g, UT.graph))).path)
            for g in graph.objects(entry, UT.graphData)
        }
        test = ProtocolTest(str(entry).rsplit("#", 1)[-1], str(graph.value(entry, MF.name)), data)
        for request in graph.items(graph.value(graph.value(entry, MF.action), HT.requests)):
            body_node = graph.value(request, HT.body)
            body = None
            if body_node is not None:
                encoding = str(graph.value(body_node, CNT.characterEncoding) or "UTF-8")
                body = str(graph.value(body_node, CNT.chars)).encode(encoding.lower().replace("utf-16", "utf-16-le"))
            headers = (
                {
                    str(graph.value(h, HT.fieldName)): str(graph.value(h, HT.fieldValue))
                    for h in graph.items(graph.value(request, HT.headers))
                }
                if graph.value(request, HT.headers)
                else {}
            )
            response = graph.value(request, HT.resp)
            boolean = graph.value(response, MF.expectedBoolean)
            test.requests.append(
                Request(
                    method=str(graph.value(request, HT.methodName)),
                    path=str(graph.value(request, HT.absolutePath)),
                    headers=headers,
                    body=body,
                    statuses={str(s).removeprefix(HTS) for s in graph.objects(response, MF.expectedStatus)},
                    boolean=None if boolean is None else boolean.toPython(),
                    result_format=str(graph.value(response, MF.expectedFormat) or "") or None,
                )
            )
        tests.append(test)
    return tests


TESTS = load_tests()


def endpoint_path(path: str) -> str:
    """The manifest's /sparql/ prefix becomes this server's /sparql (which takes queries and updates)."""
    return "/sparql" + path[len("/sparql/") :]


def check(request: Request, response: httpx.Response) -> str | None:
    """None when the response is what the test expects, else why not."""
    status_class = f"{response.status_code // 100}xx"
    if status_class not in request.statuses:
        return f"status {response.status_code}, expected {sorted(request.statuses)}: {response.text[:200]}"
    media = response.headers.get("content-type", "").split(";")[0]
    if request.result_format == "boolean" or request.boolean is not None:
        value = parse_boolean(media, response.content)
        if value is None:
            return f"no boolean result in {media}"
        if request.boolean is not None and value != request.boolean:
            return f"boolean {value}, expected {request.boolean}"
    if request.result_format == "tabular" and media not in (
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
    ):
        return f"tabular result as {media}"
    if request.result_format == "RDF" and media not in (
        "text/turtle",
        "application/rdf+xml",
        "application/n-triples",
        "application/ld+json",
    ):
        return f"RDF result as {media}"
    return None


def parse_boolean(media: str, body: bytes) -> bool | None:
    if media.endswith("json"):
        value = json.loads(body).get("boolean")
        return value if isinstance(value, bool) else None
    if media.endswith("xml"):
        element = ET.fromstring(body).find("{http://www.w3.org/2005/sparql-results#}boolean")
        return None if element is None else element.text == "true"
    return None


@pytest.fixture(scope="module")
def loaded(scratch_server: LiveServer) -> LiveServer:
    """The graphs the query tests need, written through the Graph Store protocol with the token."""
    graphs = {label: path for test in TESTS for label, path in test.graph_data.items()}
    with scratch_server.client() as client:
        for label, path in graphs.items():
            response = client.put(
                "/rdf-graphs",
                params={"graph": label},
                content=path.read_bytes(),
                headers={**scratch_server.auth, "Content-Type": "application/n-triples"},
            )
            assert response.status_code in (201, 204), response.text
    return scratch_server


def test_the_graphs_are_there(loaded: LiveServer) -> None:
    """Runs before the suite, whose update tests empty the store."""
    with loaded.client() as client:
        response = client.get(
            "/rdf-graphs",
            params={"graph": "http://kasei.us/2009/09/sparql/data/data1.rdf"},
            headers={"Accept": "application/n-triples"},
        )
    assert response.status_code == 200
    assert (
        Graph()
        .parse(data=response.text, format="nt")
        .value(URIRef("http://kasei.us/2009/09/sparql/data/data1.rdf"), RDF.type)
        is not None
    )


def test_w3c_sparql_protocol_suite(loaded: LiveServer) -> None:
    """All tests, in manifest order (updates run after the query tests that need the data)."""
    failures: dict[str, str] = {}
    with loaded.client() as client:
        for test in TESTS:
            for request in test.requests:
                headers = {**request.headers, **loaded.auth}
                response = client.request(
                    request.method, endpoint_path(request.path), headers=headers, content=request.body
                )
                problem = check(request, response)
                if problem is not None:
                    failures[test.name] = problem
                    break
    passed = len(TESTS) - len(failures)
    OUTPUT.parent.mkdir(exist_ok=True)
    lines = [f"W3C SPARQL 1.1 Protocol: {passed} of {len(TESTS)} passed"]
    lines += [f"FAIL {name}: {why}" for name, why in failures.items()]
    OUTPUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(lines[0])
    assert failures == {}, "\n".join(lines)


def test_suite_has_the_expected_tests() -> None:
    names = {t.name for t in TESTS}
    assert len(TESTS) == 34
    assert {"query_post_form", "update_dataset_full", "bad_update_dataset_conflict"} <= names
