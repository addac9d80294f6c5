"""The prepared-query data graph (registry.validation.PreparedQueryGraph): it orders query patterns
with `$this` known, and pySHACL finds exactly what it finds on a plain rdflib graph."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Variable
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue

from registry.namespaces import DG
from registry.upl import restrict
from registry.validation import _order_patterns, focus_findings, run_shacl, validate
from tests.registry.findings import BROKEN, catalog_with, counted

NOT_ABOVE_MAXIMUM = """
PREFIX dg: <https://dienstengraaf.nl/def/>
PREFIX cv: <http://data.europa.eu/m8g/>
SELECT $this ?value WHERE {
    $this dg:overridesCost ?standard ; cv:hasValue ?value .
    ?standard dg:feeType <https://dienstengraaf.nl/id/tariefsoort/landelijk-maximum> ; cv:hasValue ?maximum .
    FILTER (?value > ?maximum)
}"""


def first_bgp(node: object) -> list[tuple[object, ...]]:
    if isinstance(node, CompValue):
        if node.name == "BGP":
            return list(node.triples)
        for value in node.values():
            found = first_bgp(value)
            if found:
                return found
    return []


def test_patterns_that_join_this_come_first() -> None:
    query = prepareQuery(NOT_ABOVE_MAXIMUM)
    assert first_bgp(query.algebra)[0][0] == Variable("standard")  # rdflib's own order
    _order_patterns(query.algebra)
    subjects = [t[0] for t in first_bgp(query.algebra)]
    assert subjects[0] == Variable("this") and subjects[1] in (Variable("this"), Variable("standard"))


def test_same_findings_as_on_a_plain_graph(tmp_path: Path) -> None:
    loaded, upl = catalog_with(BROKEN, tmp_path / "store")
    plain = Graph()
    plain += loaded.union()
    if upl is not None:
        plain += restrict(upl, plain.objects(None, DG.uplProduct))
    results = run_shacl(plain, loaded.shapes_graph())
    on_plain = counted(f for _, f in focus_findings(results, plain, loaded.defining_files(), None))
    assert counted(validate(loaded, upl).findings) == on_plain
    assert sum(on_plain.values()) > 5
