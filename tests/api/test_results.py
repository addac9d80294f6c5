"""SPARQL result serialisation: what api.results writes reads back identically with Oxigraph's own
results parser (an independent implementation of the JSON and XML formats)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from api import results

XSD = "http://www.w3.org/2001/XMLSchema#"
TRICKY = 'aanhalingsteken " backslash \\ regel\neinde tab\t\u2028 é € \x01 </literal> & <b>'
ROWS: list[tuple[results.Term, ...]] = [
    (ox.NamedNode("https://dienstengraaf.nl/id/product/paspoort"), ox.Literal("Paspoort", language="nl")),
    (ox.BlankNode("b0"), None),
    (None, ox.Literal("42", datatype=ox.NamedNode(XSD + "integer"))),
    (ox.NamedNode("https://example.org/a?b=c&d=%3Ce%3E&f=é"), ox.Literal(TRICKY)),
    (ox.NamedNode("https://dienstengraaf.nl/id/product/paspoort"), ox.Literal(TRICKY, language="en")),
]
FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
}


@pytest.mark.parametrize("media", list(FORMATS))
def test_select_reads_back_the_same_rows(media: str) -> None:
    body = results.select(media, ["s", "o"], ROWS)
    parsed = ox.parse_query_results(body, FORMATS[media])
    assert isinstance(parsed, ox.QuerySolutions)
    assert [v.value for v in parsed.variables] == ["s", "o"]
    assert [tuple(solution) for solution in parsed] == ROWS


def test_json_matches_oxigraphs_own_serialisation_as_data() -> None:
    store = ox.Store()
    for i, (subject, literal) in enumerate(ROWS):
        if isinstance(subject, ox.NamedNode) and literal is not None:
            store.add(ox.Quad(subject, ox.NamedNode(f"https://example.org/p{i}"), literal))
    query = "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?p"
    theirs = store.query(query).serialize(format=ox.QueryResultsFormat.JSON)  # type: ignore[union-attr]
    ours = results.select("application/sparql-results+json", ["s", "o"], [tuple(s) for s in store.query(query)])  # type: ignore[union-attr]
    assert isinstance(theirs, bytes)
    assert [tuple(s) for s in ox.parse_query_results(ours, ox.QueryResultsFormat.JSON)] == [  # type: ignore[union-attr]
        tuple(s)
        for s in ox.parse_query_results(theirs, ox.QueryResultsFormat.JSON)  # type: ignore[union-attr]
    ]


def test_no_rows_is_still_a_valid_document() -> None:
    for media, fmt in FORMATS.items():
        parsed = ox.parse_query_results(results.select(media, ["x"], []), fmt)
        assert isinstance(parsed, ox.QuerySolutions) and list(parsed) == []
