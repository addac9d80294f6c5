"""Ontology lint: SPARQL queries named `*-violation.rq` that must return zero rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef

from registry.store import in_memory

LINT_DIR = Path(__file__).parent / "lint"


@dataclass(frozen=True)
class LintQuery:
    """One lint query: its name, what it checks (from the comment header) and its text."""

    name: str
    description: str
    text: str


@dataclass
class LintResult:
    """Rows returned per lint query; the registry is clean when every query returns none."""

    rows: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)

    @property
    def violations(self) -> int:
        return sum(len(r) for r in self.rows.values())

    def as_text(self) -> str:
        lines: list[str] = []
        for name, rows in self.rows.items():
            if not rows:
                continue
            lines.append(f"{name}: {len(rows)} rij(en) - {self.descriptions[name]}")
            lines.extend("    " + ", ".join(f"{k}={v}" for k, v in row.items()) for row in rows[:50])
            if len(rows) > 50:
                lines.append(f"    ... en nog {len(rows) - 50}")
        lines.append(f"Lint: {self.violations} probleem/problemen in {len(self.rows)} controles.")
        return "\n".join(lines)


def lint_queries(directory: Path = LINT_DIR) -> list[LintQuery]:
    """The lint queries, sorted by name; the description is the first comment line."""
    queries = []
    for path in sorted(directory.glob("*-violation.rq")):
        text = path.read_text(encoding="utf-8")
        header = [line[1:].strip() for line in text.splitlines() if line.startswith("#")]
        description = header[0].removeprefix("Lint:").strip() if header else path.stem
        queries.append(LintQuery(path.name.removesuffix(".rq"), description, text))
    return queries


def run_lint(graph: Graph, queries: list[LintQuery] | None = None) -> LintResult:
    """Run every lint query over the graph (in an in-memory Oxigraph store)."""
    store = in_memory({URIRef("urn:dienstengraaf:lint"): graph})
    result = LintResult()
    for query in queries if queries is not None else lint_queries():
        solutions = store.query(query.text, use_default_graph_as_union=True)
        assert isinstance(solutions, ox.QuerySolutions)
        names = [v.value for v in solutions.variables]
        rows = []
        for solution in solutions:
            row = {n: _term(solution[n]) for n in names if solution[n] is not None}
            rows.append(row)
        result.rows[query.name] = rows
        result.descriptions[query.name] = query.description
    return result


def _term(term: object) -> str:
    if isinstance(term, ox.NamedNode | ox.Literal | ox.BlankNode):
        return str(term.value)
    return str(term)
