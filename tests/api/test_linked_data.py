"""Linked data: minted IRIs dereference under the server's base as HTML for browsers and as RDF by
content negotiation or ?format=, with Vary and caching headers."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS

from tests.api.conftest import LiveServer

PASPOORT = URIRef("https://dienstengraaf.nl/id/product/paspoort")


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/ld+json", "json-ld"),
        ("application/n-triples", "nt"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_product_iri_returns_rdf_by_content_negotiation(server: LiveServer, accept: str, rdflib_format: str) -> None:
    with server.client() as client:
        response = client.get("/id/product/paspoort", headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
    assert "Accept" in response.headers["vary"]
    assert (
        response.headers["etag"]
        and response.headers["last-modified"]
        and "max-age" in response.headers["cache-control"]
    )
    graph = Graph().parse(data=response.text, format=rdflib_format)
    assert (PASPOORT, DCTERMS.title, Literal("Paspoort", lang="nl")) in graph


@pytest.mark.parametrize(("name", "rdflib_format"), [("ttl", "turtle"), ("jsonld", "json-ld"), ("nt", "nt")])
def test_format_parameter(server: LiveServer, name: str, rdflib_format: str) -> None:
    with server.client() as client:
        response = client.get("/id/product/paspoort", params={"format": name}, headers={"Accept": "text/html"})
    assert (PASPOORT, DCTERMS.title, Literal("Paspoort", lang="nl")) in Graph().parse(
        data=response.text, format=rdflib_format
    )


def test_browsers_get_a_page(server: LiveServer) -> None:
    with server.client() as client:
        page = client.get("/id/product/paspoort", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
        curl = client.get("/id/product/paspoort", headers={"Accept": "*/*"})
    assert page.headers["content-type"].startswith("text/html") and "<h1" in page.text and "Paspoort" in page.text
    assert curl.headers["content-type"].startswith("text/turtle")


def test_conditional_request_gives_304(server: LiveServer) -> None:
    with server.client() as client:
        first = client.get("/id/product/paspoort", headers={"Accept": "text/turtle"})
        again = client.get(
            "/id/product/paspoort", headers={"Accept": "text/turtle", "If-None-Match": first.headers["etag"]}
        )
        other = client.get(
            "/id/product/paspoort", headers={"Accept": "application/n-triples", "If-None-Match": first.headers["etag"]}
        )
    assert again.status_code == 304 and other.status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/id/proces/paspoort",
        "/id/dienst/digid",
        "/id/gemeente/utrecht",
        "/id/stap/paspoort-2",
        "/id/faq/paspoort-kosten",
        "/id/kanaaltype/balie",
        "/id/betrouwbaarheidsniveau/digid-midden",
        "/def/Product",
        "/def",
    ],
)
def test_every_kind_of_iri_dereferences(server: LiveServer, path: str) -> None:
    with server.client() as client:
        html = client.get(path, headers={"Accept": "text/html"})
        turtle = client.get(path, headers={"Accept": "text/turtle"})
    assert html.status_code == 200 and "<h1" in html.text
    assert turtle.status_code == 200 and len(Graph().parse(data=turtle.text, format="turtle")) > 0


def test_ontology_terms_have_labels(server: LiveServer) -> None:
    with server.client() as client:
        turtle = client.get("/def/Product", headers={"Accept": "text/turtle"}).text
    graph = Graph().parse(data=turtle, format="turtle")
    assert (
        URIRef("https://dienstengraaf.nl/def/Product"),
        RDFS.label,
        Literal("Product (landelijke standaard)", lang="nl"),
    ) in graph


def test_unknown_iri_is_404(server: LiveServer) -> None:
    with server.client() as client:
        assert client.get("/id/product/bestaat-niet", headers={"Accept": "text/turtle"}).status_code == 404
        page = client.get("/id/product/bestaat-niet", headers={"Accept": "text/html"})
    assert page.status_code == 404 and "Niet gevonden" in page.text


def test_text_from_the_catalog_is_escaped_in_pages(server: LiveServer) -> None:
    """A value with markup, written through the API, shows as text, not as HTML."""
    update = (
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> INSERT DATA { GRAPH <https://dienstengraaf.nl/graph/test> "
        "{ <https://dienstengraaf.nl/id/kanaaltype/balie> "
        'skos:scopeNote "<script>alert(1)</script> & \\"quotes\\""@nl } }'
    )
    with server.client() as client:
        written = client.post(
            "/sparql/update", content=update, headers={**server.auth, "Content-Type": "application/sparql-update"}
        )
        assert written.status_code == 204, written.text
        page = client.get("/id/kanaaltype/balie", headers={"Accept": "text/html"}).text
        client.post(
            "/sparql/update",
            content=update.replace("INSERT DATA", "DELETE DATA"),
            headers={**server.auth, "Content-Type": "application/sparql-update"},
        )
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;quotes&#34;" in page
