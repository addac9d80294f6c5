"""Lint queries (`*-violation.rq`): each returns zero rows on the ontology and vocabularies, and each
has a bad fixture that makes it fire."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from registry.lint import LINT_DIR, lint_queries, run_lint

FIXTURES = Path(__file__).parent / "lint_fixtures"
ROOT = Path(__file__).resolve().parents[2]
QUERIES = lint_queries()


@pytest.fixture(scope="module")
def vocabulary() -> Graph:
    graph = Graph()
    for path in sorted((ROOT / "ontology").rglob("*.ttl")):
        graph.parse(path)
    graph.parse(ROOT / "catalog" / "national-services.ttl")  # the identity means point to these
    graph.parse(ROOT / "catalog" / "organisations.ttl")
    return graph


def test_every_lint_query_has_a_header_and_a_bad_fixture() -> None:
    assert len(QUERIES) >= 8
    for query in QUERIES:
        assert (LINT_DIR / f"{query.name}.rq").read_text().startswith("# Lint:")
        assert (FIXTURES / f"{query.name}.ttl").exists(), f"no bad fixture for {query.name}"


def test_ontology_and_vocabularies_are_clean(vocabulary: Graph) -> None:
    result = run_lint(vocabulary)
    assert result.violations == 0, result.as_text()


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_bad_fixture_makes_the_query_fire(query, vocabulary: Graph) -> None:  # type: ignore[no-untyped-def]
    graph = Graph()
    graph += vocabulary
    graph.parse(FIXTURES / f"{query.name}.ttl")
    rows = run_lint(graph, [query]).rows[query.name]
    assert rows, f"{query.name} did not fire on its bad fixture"
    assert any(
        "https://dienstengraaf.nl/id/lint/bad" in row.values()
        or any("lint/bad" in v or "unlabelledProperty" in v for v in row.values())
        for row in rows
    )
