"""The repairs and rewrites for remote stores, on the exact forms the servers send (taken from
Virtuoso 7.2 answers); the servers themselves are exercised in test_store_contract.py."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from registry.dialects import (
    endpoints,
    incomplete,
    is_timeout,
    repair_duration,
    repair_json,
    repair_ntriples,
    repair_xml,
    time_limit,
)
from registry.remote import query_form, with_bindings, with_prologue

VIRTUOSO_SELECT = b"""{ "head": { "link": [], "vars": ["s", "o", "b", "d", "t"] },
  "results": { "distinct": false, "ordered": true, "bindings": [
    { "s": { "type": "bnode", "value": "nodeID://b10000" },
      "o": { "type": "typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#integer", "value": "1" },
      "b": { "type": "typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#boolean", "value": "1" },
      "d": { "type": "typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#duration", "value": "3.6288e+06" },
      "t": { "type": "literal", "xml:lang": "nl", "value": "tekst" } } ] } }"""


def test_virtuoso_json_results_become_standard() -> None:
    with pytest.raises(SyntaxError):  # what pyoxigraph says about Virtuoso's own answer
        list(ox.parse_query_results(VIRTUOSO_SELECT, format=ox.QueryResultsFormat.JSON))
    result = ox.parse_query_results(repair_json(VIRTUOSO_SELECT), format=ox.QueryResultsFormat.JSON)
    assert isinstance(result, ox.QuerySolutions)
    row = next(iter(result))
    assert isinstance(row["s"], ox.BlankNode)
    assert row["o"] == ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    assert row["b"].value == "true" and row["d"].value == "P42D"
    assert row["t"] == ox.Literal("tekst", language="nl")


def test_virtuoso_xml_results_become_standard() -> None:
    xml = b"""<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head><variable name="s"/><variable name="b"/>
<variable name="d"/></head><results distinct="false" ordered="true"><result><binding name="s"><bnode>nodeID://b10000</bnode>
</binding><binding name="b"><literal datatype="http://www.w3.org/2001/XMLSchema#boolean">1</literal></binding>
<binding name="d"><literal datatype="http://www.w3.org/2001/XMLSchema#duration">12</literal></binding></result></results></sparql>"""
    result = ox.parse_query_results(repair_xml(xml, "virtuoso"), format=ox.QueryResultsFormat.XML)
    assert isinstance(result, ox.QuerySolutions)
    row = next(iter(result))
    assert isinstance(row["s"], ox.BlankNode) and row["b"].value == "true" and row["d"].value == "P1Y"


def test_server_time_limits_are_recognised() -> None:
    assert is_timeout("Virtuoso 42000 Error The estimated execution time 1073497 (sec) exceeds the limit of 400 (sec).")
    assert not is_timeout("Virtuoso 37000 Error SP030: SPARQL compiler, line 1: syntax error")


def test_only_virtuoso_is_asked_for_a_time_limit_and_its_incomplete_answers_are_recognised() -> None:
    assert time_limit("virtuoso", 2.5) == {"timeout": "2500"}
    assert time_limit("oxigraph", 2.5) == time_limit("standard", 2.5) == {}
    headers = {"x-sql-state": "S1TAT", "x-sql-message": "RC...: Returning incomplete results"}
    assert incomplete("virtuoso", headers)
    assert not incomplete("virtuoso", {}) and not incomplete("standard", headers)
    cut = b'{"head":{"vars":["n"]},"results":{"bindings":[The SPARQL operation has been cancelled'
    assert incomplete("oxigraph", {}, cut) and not incomplete("oxigraph", {}, b'{"head":{},"boolean":true}')


def test_virtuoso_ask_as_a_table_becomes_a_boolean() -> None:
    row = b'{"__ask_retval": {"type": "literal", "value": "1"}}'
    table = b'{"head": {"vars": ["__ask_retval"]}, "results": {"bindings": [' + row + b"]}}"
    assert json.loads(repair_json(table)) == {"head": {}, "boolean": True}
    standard = b'{  "head": { "link": [] }, "boolean": false}'
    assert bool(ox.parse_query_results(repair_json(standard), format=ox.QueryResultsFormat.JSON)) is False


@pytest.mark.parametrize(
    ("stored", "canonical"),
    [
        ("1", "P1M"),
        ("12", "P1Y"),
        ("14", "P1Y2M"),
        ("3.6288e+06", "P42D"),
        ("432000.0", "P5D"),
        ("9000.0", "PT2H30M"),
        ("90061.5", "P1DT1H1M1.5S"),
        ("P42D", "P42D"),
    ],
)
def test_virtuoso_durations_are_repaired(stored: str, canonical: str) -> None:
    assert repair_duration(stored) == canonical


def test_virtuoso_graphs_are_repaired_and_others_left_alone() -> None:
    data = (
        b'<http://a> <http://b> "3.6288e+06"^^<http://www.w3.org/2001/XMLSchema#duration> .\n'
        b'<http://a> <http://c> "x"^^<http://www.w3.org/2001/XMLSchema#string> .\n'
    )
    repaired = repair_ntriples(data, "virtuoso")
    assert b'"P42D"^^<http://www.w3.org/2001/XMLSchema#duration>' in repaired and b'"x" .' in repaired
    assert repair_ntriples(data, "oxigraph") == data


def test_query_form_ignores_iris_strings_and_comments() -> None:
    text = 'PREFIX s: <http://example.org/select#> # ASK this\nCONSTRUCT { ?s ?p "SELECT" } WHERE { ?s ?p ?o }'
    assert query_form(text) == "CONSTRUCT"
    assert query_form("prefix ex: <http://e/> select ?select where { ?select ?p ?o }") == "SELECT"
    with pytest.raises(SyntaxError):
        query_form("INSERT DATA { <http://a> <http://b> <http://c> }")


def test_fixed_values_go_at_the_end_or_into_the_where_group() -> None:
    values = {ox.Variable("m"): ox.NamedNode("http://example.org/m")}
    construct = "CONSTRUCT { ?m ?p ?o } WHERE { ?m ?p ?o }"
    assert with_bindings(construct, values).endswith("VALUES (?m) { (<http://example.org/m>) }")
    inline = with_bindings(construct, values, final_values=False)
    assert inline == (
        "CONSTRUCT { ?m ?p ?o } WHERE { VALUES (?m) { (<http://example.org/m>) }  <http://example.org/m> ?p ?o }"
    )
    assert ox.Store().query(inline) is not None  # still a valid query
    select = with_bindings("SELECT * WHERE { ?m ?p ?o }", values, final_values=False)
    assert select.endswith("VALUES (?m) { (<http://example.org/m>) }")


def test_prologue_adds_only_missing_prefixes() -> None:
    text = with_prologue(
        "PREFIX dg: <urn:own#> SELECT * WHERE { ?s dg:p ?o }",
        "http://base/",
        {"dg": "https://dienstengraaf.nl/def/", "dct": "http://purl.org/dc/terms/"},
    )
    assert text.startswith("BASE <http://base/>\nPREFIX dct: <http://purl.org/dc/terms/>\nPREFIX dg: <urn:own#>")


def test_endpoints_per_dialect() -> None:
    virtuoso = endpoints("virtuoso", "http://127.0.0.1:8890/sparql")
    assert (virtuoso.update, virtuoso.graph_store, virtuoso.graph_param, virtuoso.digest_auth) == (
        "http://127.0.0.1:8890/sparql-auth",
        "http://127.0.0.1:8890/sparql-graph-crud-auth",
        "graph-uri",
        True,
    )
    oxigraph = endpoints("oxigraph", "http://127.0.0.1:7878/query")
    assert (oxigraph.update, oxigraph.graph_store) == ("http://127.0.0.1:7878/update", "http://127.0.0.1:7878/store")
    fuseki = endpoints("standard", "http://127.0.0.1:3030/ds/query")
    assert (fuseki.update, fuseki.graph_store) == ("http://127.0.0.1:3030/ds/update", "http://127.0.0.1:3030/ds/data")
    with pytest.raises(ValueError, match="STORE_UPDATE_URL"):
        endpoints("standard", "http://127.0.0.1:9999/endpoint")


def test_inlined_values_reach_union_branches_but_not_strings_or_assigned_variables() -> None:
    """Regression: Virtuoso read the whole store per UNION branch when ?resource was bound only by a
    leading VALUES (a linked-data page took 10 s); the value is now written into the branches."""
    values = {ox.Variable("r"): ox.NamedNode("http://example.org/r")}
    query = (
        'CONSTRUCT { ?s ?p ?o } WHERE { { ?r ?p ?o BIND(?r AS ?s) } UNION { ?r ?q ?s . ?s ?p ?o FILTER(?o != "?r") } }'
    )
    inline = with_bindings(query, values, final_values=False)
    assert "?r " not in inline.replace('"?r"', "")
    assert '"?r"' in inline and "?rr" not in inline
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://example.org/r"), ox.NamedNode("http://example.org/p"), ox.Literal("x")))
    assert len(list(store.query(inline))) == len(list(store.query(with_bindings(query, values)))) == 1
    assigned = "CONSTRUCT { ?r ?p ?o } WHERE { ?x ?p ?o BIND(?x AS ?r) }"
    assert "BIND(?x AS ?r)" in with_bindings(assigned, values, final_values=False)
