"""Reading SPARQL text: keywords outside strings/IRIs/comments, and protocol datasets for updates."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from api.sparql_text import DatasetConflict, UnsafeIri, apply_using, check_iri, keywords_used


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://evil.example/sparql> { ?s ?p ?o } }",
        "select * where { service silent <http://x/> { ?s ?p ?o } }",
        "SELECT * WHERE { \\u0053ERVICE <http://x/> { ?s ?p ?o } }",
        "SELECT * WHERE { # comment\n SeRvIcE <http://x/> { ?s ?p ?o } }",
    ],
)
def test_service_is_found(query: str) -> None:
    assert keywords_used(query, {"SERVICE"}) == ["SERVICE"]


@pytest.mark.parametrize(
    "query",
    [
        'SELECT * WHERE { ?s ?p "SERVICE" }',
        "SELECT * WHERE { ?s <http://example.org/SERVICE> ?o }",
        "# SERVICE in a comment\nSELECT * WHERE { ?s ?p ?o }",
        "PREFIX service: <http://x/> SELECT * WHERE { ?s service:p ?o FILTER(?o < 3) }",
        "SELECT * WHERE { ?s ?p '''a SERVICE b''' }",
    ],
)
def test_service_in_strings_iris_and_comments_is_not_a_keyword(query: str) -> None:
    assert keywords_used(query, {"SERVICE"}) == []


def test_load_is_found_in_an_update() -> None:
    assert keywords_used("LOAD <http://evil.example/data.ttl>", {"LOAD"}) == ["LOAD"]


def test_using_is_added_to_each_modify_operation() -> None:
    update = (
        "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o } ; DELETE WHERE { ?a ?b ?c } ; "
        "INSERT { ?x ?y ?z } WHERE { SELECT ?x ?y ?z WHERE { ?x ?y ?z } }"
    )
    rewritten = apply_using(update, ["http://example.org/g"], ["http://example.org/n"])
    clause = "USING <http://example.org/g> USING NAMED <http://example.org/n> WHERE"
    assert rewritten.count(clause) == 2
    assert "DELETE WHERE { ?a ?b ?c }" in rewritten
    ox.Store().update(rewritten)  # still valid SPARQL


def test_update_with_its_own_dataset_conflicts() -> None:
    with pytest.raises(DatasetConflict):
        apply_using("WITH <http://x/> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", [], ["http://example/people"])


@pytest.mark.parametrize(
    "bad", ["http://x/> } ; DROP ALL ; INSERT DATA { <a", "not an iri", "http://x/ y", "<http://x/>"]
)
def test_unsafe_iris_are_refused(bad: str) -> None:
    with pytest.raises(UnsafeIri):
        check_iri(bad)
