"""SHACL validation of the registry with pySHACL, as findings tied to files and resources.

The registry validates asserted data, not entailed data: pySHACL runs without inference. The ontology
is part of the data graph, so `sh:class` and `sh:targetClass` follow `rdfs:subClassOf` as SHACL
defines, without copying the graph for RDFS entailment.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyshacl
from rdflib import RDF, BNode, Graph, URIRef
from rdflib.namespace import SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Literal, Node, Variable

from registry.namespaces import DG, PREFIXES
from registry.sources import LoadedSources
from registry.upl import restrict

SEVERITIES: dict[URIRef, str] = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}


class ShapesError(ValueError):
    """The shapes themselves cannot be used (pySHACL refused them)."""


@dataclass(frozen=True)
class Finding:
    """One validation result, in terms an information architect can act on."""

    severity: str
    resource: str
    focus: str
    message: str
    shape: str | None
    constraint: str
    source_constraint: str | None
    path: str | None
    value: str | None
    files: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "severity": self.severity,
            "resource": self.resource,
            "focus": self.focus,
            "message": self.message,
            "shape": self.shape,
            "constraint": self.constraint,
            "sourceConstraint": self.source_constraint,
            "path": self.path,
            "value": self.value,
            "files": list(self.files),
        }


@dataclass
class ValidationReport:
    """All findings of one validation run."""

    findings: list[Finding] = field(default_factory=list)
    replaced: dict[str, str] = field(default_factory=dict)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def conforms(self) -> bool:
        """True when there is no Violation (warnings and info do not block)."""
        return self.count("Violation") == 0

    def by_file(self) -> dict[str, dict[str, list[Finding]]]:
        """Findings grouped by file, then by resource, in a stable order."""
        grouped: dict[str, dict[str, list[Finding]]] = {}
        for finding in sorted(self.findings, key=_sort_key):
            file = finding.files[0] if finding.files else "(onbekend bestand)"
            grouped.setdefault(file, {}).setdefault(finding.resource, []).append(finding)
        return grouped


def _sort_key(finding: Finding) -> tuple[str, str, int, str]:
    order = {"Violation": 0, "Warning": 1, "Info": 2}
    file = finding.files[0] if finding.files else "~"
    return (file, finding.resource, order[finding.severity], finding.message)


def compact(node: Node | None) -> str | None:
    """A readable form of a term: a prefixed name where a known prefix fits."""
    if node is None:
        return None
    if isinstance(node, URIRef):
        text = str(node)
        best = max((ns for ns in PREFIXES.values() if text.startswith(ns)), key=len, default=None)
        if best is not None:
            prefix = next(p for p, ns in PREFIXES.items() if ns == best)
            local = text[len(best) :]
            if local and all(c.isalnum() or c in "-_." for c in local):
                return f"{prefix}:{local}"
        return f"<{text}>"
    if isinstance(node, Literal):
        return str(node)
    return "[]"


class PreparedQueryGraph(Graph):
    """An rdflib graph that parses each SPARQL text once. pySHACL sends the same constraint query for
    every focus node; without this, parsing those queries takes most of the validation time.

    rdflib orders the triple patterns of a query when it parses it, not knowing that pySHACL binds
    `$this`: a pattern such as `?standard dg:feeType tariefsoort:landelijk-maximum` then runs before
    `$this dg:overridesCost ?standard` and reads every cost for every focus node. So the patterns are
    ordered again with `$this` known (the order of a basic graph pattern does not change its answer)."""

    def __init__(self) -> None:
        super().__init__()
        self._prepared: dict[str, Query] = {}

    def query(self, query_object: str | Query, *args: Any, **kwargs: Any) -> Any:
        if isinstance(query_object, str):
            prepared = self._prepared.get(query_object)
            if prepared is None:
                prepared = self._prepared[query_object] = prepareQuery(query_object)
                _order_patterns(prepared.algebra)
            query_object = prepared
        return super().query(query_object, *args, **kwargs)


def _order_patterns(node: object) -> None:
    """Order the patterns of every basic graph pattern so that each next one joins what is known
    already (`$this` and the variables of the patterns before it) and then has the fewest unknown
    variables; ties keep rdflib's order."""
    if isinstance(node, CompValue):
        if node.name == "BGP" and node.triples:
            known: set[Node] = {Variable("this")}
            todo, ordered = list(node.triples), []

            def cost(triple: tuple[Node, Node, Node]) -> tuple[bool, int]:
                variables = [x for x in triple if isinstance(x, Variable | BNode)]
                return (not any(x in known for x in variables), sum(x not in known for x in variables))

            while todo:
                best = min(todo, key=cost)
                todo.remove(best)
                ordered.append(best)
                known.update(x for x in best if isinstance(x, Variable | BNode))
            node["triples"] = ordered
        for value in node.values():
            _order_patterns(value)
    elif isinstance(node, list | tuple):
        for item in node:
            _order_patterns(item)


def data_graph(loaded: LoadedSources, upl: Graph | None) -> Graph:
    """The graph that is validated: all data sources, plus the part of the UPL the products use."""
    graph = loaded.union(into=PreparedQueryGraph())
    with_upl(graph, upl)
    return graph


def with_upl(graph: Graph, upl: Graph | None) -> list[tuple[Node, Node, Node]]:
    """Add to `graph` the part of the UPL its products use; return the triples that were new."""
    if upl is None:
        return []
    added = [t for t in restrict(upl, graph.objects(None, DG.uplProduct)) if t not in graph]
    for triple in added:
        graph.add(triple)
    return added


def run_shacl(data: Graph, shapes: Graph) -> Graph:
    """pySHACL over the data graph (in place, no inference, warnings allowed): the results graph."""
    _, results, text = pyshacl.validate(
        data,
        shacl_graph=shapes,
        inference="none",
        allow_warnings=True,
        advanced=True,
        inplace=True,
    )
    if not isinstance(results, Graph):
        raise ShapesError(f"De shapes zijn niet bruikbaar: {text}")
    return results


def focus_findings(
    results: Graph, data: Graph, files: Mapping[Node, list[Path]], root: Path | None
) -> Iterator[tuple[Node | None, Finding]]:
    """Each pySHACL result as its focus node and a Finding."""
    for result in results.subjects(RDF.type, SH.ValidationResult):
        yield results.value(result, SH.focusNode), _finding(results, result, data, files, root)


def validate(
    loaded: LoadedSources, upl: Graph | None = None, root: Path | None = None, data: Graph | None = None
) -> ValidationReport:
    """Validate the loaded registry against its shapes; return findings tied to files and resources.
    `data` is `data_graph(loaded, upl)` when the caller has it already."""
    return report_of(shacl_findings(loaded, upl, root, data), loaded, root)


def report_of(
    found: Iterable[tuple[Node | None, Finding]], loaded: LoadedSources, root: Path | None
) -> ValidationReport:
    """Findings with their focus nodes as the report of a validation of `loaded`."""
    replaced = {_display(old, root): _display(new, root) for old, new in loaded.replaced.items()}
    return ValidationReport(findings=[finding for _, finding in found], replaced=replaced)


def by_focus(found: Iterable[tuple[Node | None, Finding]]) -> dict[Node | None, list[Finding]]:
    """Findings grouped by their focus node."""
    grouped: dict[Node | None, list[Finding]] = {}
    for focus, finding in found:
        grouped.setdefault(focus, []).append(finding)
    return grouped


def shacl_findings(
    loaded: LoadedSources, upl: Graph | None = None, root: Path | None = None, data: Graph | None = None
) -> list[tuple[Node | None, Finding]]:
    """Every finding of `validate`, with its focus node."""
    from registry.sparql_constraints import full_results  # it builds on this module

    data = data_graph(loaded, upl) if data is None else data
    results = full_results(data, loaded.shapes_graph())
    return list(focus_findings(results, data, loaded.defining_files(), root))


def _finding(results: Graph, result: Node, data: Graph, files: Mapping[Node, list[Path]], root: Path | None) -> Finding:
    """One pySHACL result as a Finding, with the resource it concerns and the files that define it."""

    def value(prop: URIRef) -> Node | None:
        return results.value(result, prop)

    def iri_or_none(node: Node | None) -> str | None:
        return compact(node) if isinstance(node, URIRef) else None

    focus = value(SH.focusNode)
    owner = _owner(data, focus)
    severity = value(SH.resultSeverity)
    return Finding(
        severity=SEVERITIES.get(severity, "Violation") if isinstance(severity, URIRef) else "Violation",
        resource=compact(owner) or "",
        focus=compact(focus) or "" if isinstance(focus, URIRef) else _describe_blank(data, focus),
        message=_message(results, result),
        shape=iri_or_none(value(SH.sourceShape)),
        constraint=str(value(SH.sourceConstraintComponent)).rsplit("#", 1)[-1],
        source_constraint=iri_or_none(value(SH.sourceConstraint)),
        path=compact(value(SH.resultPath)),
        value=compact(value(SH.value)),
        files=tuple(_display(p, root) for p in files.get(owner, [])) if owner is not None else (),
    )


def _message(results: Graph, result: Node) -> str:
    messages = list(results.objects(result, SH.resultMessage))
    dutch = [m for m in messages if isinstance(m, Literal) and m.language == "nl"]
    chosen = dutch or messages
    return str(chosen[-1]) if chosen else "Controle niet gehaald."


def _owner(data: Graph, node: Node | None, depth: int = 0) -> Node | None:
    """The nearest IRI that points to a blank node, so a finding on a nested node names a resource."""
    if not isinstance(node, BNode) or depth > 5:
        return node
    for subject in data.subjects(None, node):
        return _owner(data, subject, depth + 1)
    return node


def _describe_blank(data: Graph, node: Node | None) -> str:
    if node is None:
        return ""
    owner = _owner(data, node)
    link = next(iter(data.predicates(None, node)), None)
    return f"{compact(owner)} > {compact(link)}" if link is not None else "[]"


def _display(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.resolve().relative_to(root).as_posix()
        except ValueError:
            pass
    return str(path)
