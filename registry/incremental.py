"""Incremental validation: after a small change, validate only the focus nodes the change can affect.

A `ValidationState` keeps what a next change needs: the sources (changed in place), the data graph, the
shapes read by `registry.reach`, and the findings of the last validation per focus node. For a change
(added and removed triples: `validate_change`, per source: `validate_changes`, or a new graph for one
source file: `replace_source`) it:

1. applies it to the sources and works out what changes in the data graph (a triple that another
   file still states does not change it; the UPL part follows the products' `dg:uplProduct`);
2. finds the affected focus nodes: `Reach.affected` on the removed triples in the old graph and on the
   added triples in the new graph, plus the nodes whose report text can change (subjects of changed
   triples and the blank nodes below them, whose owning resource and files are shown);
3. validates only those nodes with pySHACL, using the shapes with their targets replaced by
   `sh:targetNode` for each affected node that is a target in the new graph (pySHACL's own
   `focus_nodes` option skips blank nodes, and opening hours and redress are blank nodes);
4. replaces the findings of the affected nodes; the other findings stay.

The merged report equals a full validation (tests/registry/test_incremental.py checks this on random
edits of the catalog). A change to `rdfs:subClassOf`, to a shapes file, or shapes that `registry.reach`
cannot read as a whole lead to a full validation instead; opaque shapes re-validate all their targets.
One difference in what is shown: a source created by a change comes last, so the files listed for a
resource stated both there and in older files can be ordered differently than after a fresh load.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from rdflib import RDF, RDFS, BNode, Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from registry.namespaces import DG, GRAPH
from registry.reach import TARGETS, Reach, Targets, read_shapes
from registry.sources import LoadedSources, Source
from registry.upl import restrict
from registry.validation import (
    Finding,
    PreparedQueryGraph,
    ValidationReport,
    _display,
    _owner,
    by_focus,
    focus_findings,
    run_shacl,
)

Triple = tuple[Node, Node, Node]
Change = tuple[Iterable[Triple], Iterable[Triple]]  # (added, removed)
CHANGE_SOURCE = URIRef(GRAPH + "extra/wijziging.ttl")


@dataclass
class ValidationState:
    """The sources, data graph, analysed shapes and findings per focus node of the last validation.
    The state owns `loaded`: changes are applied to its graphs in place."""

    loaded: LoadedSources
    upl: Graph | None
    root: Path | None
    data: Graph
    upl_part: Graph
    shapes: Graph
    reach: Reach
    results: dict[Node | None, list[Finding]]
    revalidated: set[Node] | None = None  # what the last change validated; None after a full validation
    free_shapes: Graph | None = None  # the shapes without their targets, made on first use

    def report(self) -> ValidationReport:
        """The current findings as a report, as `registry.validation.validate` would give them."""
        return ValidationReport(
            findings=[f for findings in self.results.values() for f in findings],
            replaced={_display(old, self.root): _display(new, self.root) for old, new in self.loaded.replaced.items()},
        )


def start(
    loaded: LoadedSources, upl: Graph | None = None, root: Path | None = None, workers: int = 1
) -> ValidationState:
    """Validate everything once and keep the state for incremental validation. With `workers` > 1 a
    large graph is validated in that many processes (`registry.partitioned`), with the same findings."""
    shapes = loaded.shapes_graph()
    state = ValidationState(loaded, upl, root, PreparedQueryGraph(), Graph(), shapes, read_shapes(shapes), {})
    _validate_all(state, workers)
    return state


def resume(loaded: LoadedSources, upl: Graph | None, results: Mapping[Node | None, list[Finding]]) -> ValidationState:
    """The state of a full validation done before (by a build, or another process), from its findings
    per focus node, without validating again. The findings' files are read again from `loaded`, as a
    validation of these sources would list them."""
    shapes = loaded.shapes_graph()
    state = ValidationState(loaded, upl, None, PreparedQueryGraph(), Graph(), shapes, read_shapes(shapes), {})
    _fill_data(state)
    files = _Files(loaded)
    for focus, findings in results.items():
        owner = _owner(state.data, focus)
        listed = tuple(_display(p, None) for p in files[owner]) if owner is not None else ()
        state.results[focus] = [replace(f, files=listed) for f in findings]
    return state


def validate_change(
    state: ValidationState, added: Iterable[Triple], removed: Iterable[Triple], graph: URIRef | None = None
) -> ValidationReport:
    """Apply a change and validate what it can affect; the report equals a full validation.

    With `graph` (a source's named-graph IRI) the triples are added to and removed from that source.
    Without it removed triples leave every source that states them, and an added triple goes to the
    first file that defines its subject (or to a separate change source)."""
    return validate_changes(state, {graph: (added, removed)})


def validate_changes(state: ValidationState, changes: Mapping[URIRef | None, Change]) -> ValidationReport:
    """Apply (added, removed) triples to several sources at once, keyed as `graph` in `validate_change`,
    and validate what they can affect."""
    added: set[Triple] = set()
    removed: set[Triple] = set()
    shapes_changed = False
    for graph, (graph_added, graph_removed) in changes.items():
        plus, minus = set(graph_added), set(graph_removed)
        plus, minus = plus - minus, minus - plus
        target = _source(state, graph) if graph is not None else None
        shapes_changed |= target is not None and target.kind == "shapes"
        _apply(state, target, plus, minus)
        added |= plus
        removed |= minus
    if shapes_changed:
        state.shapes = state.loaded.shapes_graph()
        state.reach = read_shapes(state.shapes)
        state.free_shapes = None
        _validate_all(state)
        return state.report()
    data_added, data_removed = _data_delta(state, added, removed)
    if state.reach.unsupported or Reach.needs_full(data_added | data_removed):
        _validate_all(state)
        return state.report()
    before = state.reach.affected(data_removed, state.data)
    for triple in data_removed:
        state.data.remove(triple)
    for triple in data_added:
        state.data.add(triple)
    after = state.reach.affected(data_added, state.data)
    nodes = before.nodes | after.nodes | _touched(state, added | removed, data_added | data_removed)
    for shape in before.every_target_of | after.every_target_of:
        nodes |= focus_nodes(state.data, state.reach.targets[shape])
    _revalidate(state, nodes)
    return state.report()


def replace_source(state: ValidationState, graph_iri: URIRef, graph: Graph) -> ValidationReport:
    """Replace the graph of one source (a changed file) and validate what that can affect."""
    source = _source(state, graph_iri)
    old = set(source.graph)
    new = set(graph)
    return validate_change(state, new - old, old - new, graph_iri)


def _validate_all(state: ValidationState, workers: int = 1) -> None:
    from registry.partitioned import partitioned_findings  # imported here: it builds on this module

    _fill_data(state)
    found = partitioned_findings(state.loaded, state.data, state.root, workers) if workers > 1 else None
    if found is None:
        _collect(state, run_shacl(state.data, state.shapes))
    else:
        state.results = by_focus(found)


def _fill_data(state: ValidationState) -> None:
    """Make the data graph from the sources (and the UPL part they use), with no findings yet."""
    state.revalidated = None
    data = state.loaded.union(into=PreparedQueryGraph())  # one copy of 400,000 triples at national size
    state.upl_part = _upl_part(state, data)
    data += state.upl_part
    state.data = data
    state.results = {}


def _collect(state: ValidationState, results: Graph) -> None:
    for focus, finding in focus_findings(results, state.data, _Files(state.loaded), state.root):
        state.results.setdefault(focus, []).append(finding)


def _upl_part(state: ValidationState, data: Graph) -> Graph:
    """The part of the UPL the products refer to (as `registry.validation.data_graph` adds it)."""
    if state.upl is None:
        return Graph()
    return restrict(state.upl, data.objects(None, DG.uplProduct))


def _source(state: ValidationState, graph_iri: URIRef) -> Source:
    """The source with this named graph, or a new extra source for it."""
    for source in state.loaded.sources:
        if source.graph_iri == graph_iri:
            return source
    label = graph_iri[len(GRAPH) :] if graph_iri.startswith(GRAPH) else str(graph_iri)
    source = Source(Path(label), "extra", graph_iri, Graph())
    state.loaded.sources.append(source)
    return source


def _apply(state: ValidationState, target: Source | None, added: set[Triple], removed: set[Triple]) -> None:
    data_sources = state.loaded.data()
    for triple in removed:
        for source in [target] if target is not None else data_sources:
            source.graph.remove(triple)
    for triple in added:
        (target or _home(state, triple[0])).graph.add(triple)


def _home(state: ValidationState, subject: Node) -> Source:
    """Where an added triple without a named graph goes: the first file that defines its subject."""
    sources = state.loaded.data()
    typed = [s for s in sources if (subject, RDF.type, None) in s.graph]
    mentioned = [s for s in sources if (subject, None, None) in s.graph]
    return next(iter(typed + mentioned), None) or _source(state, CHANGE_SOURCE)


def _data_delta(state: ValidationState, added: set[Triple], removed: set[Triple]) -> tuple[set[Triple], set[Triple]]:
    """The triples the data graph gains and loses, now that the sources have changed."""
    old_part = state.upl_part
    if state.upl is not None and any(p == DG.uplProduct for _, p, _ in added | removed):
        concepts = {o for s in state.loaded.data() for o in s.graph.objects(None, DG.uplProduct)}
        state.upl_part = restrict(state.upl, concepts)
    part = state.upl_part

    def stated(triple: Triple) -> bool:
        return triple in part or any(triple in s.graph for s in state.loaded.data())

    gained = added | set(part - old_part) if part is not old_part else added
    lost = removed | set(old_part - part) if part is not old_part else removed
    return (
        {t for t in gained if t not in state.data and stated(t)},
        {t for t in lost if t in state.data and not stated(t)},
    )


def _touched(state: ValidationState, source_changes: set[Triple], data_changes: set[Triple]) -> set[Node]:
    """Focus nodes whose findings may read differently: the subjects of changed triples (their files),
    the blank nodes in changed triples and below them (their owning resource), and the focus nodes of
    findings owned by any of these."""
    touched: set[Node] = {s for s, _, _ in source_changes}
    stack = [n for s, _, o in source_changes | data_changes for n in (s, o) if isinstance(n, BNode)]
    seen: set[Node] = set()
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.add(node)
            stack.extend(o for o in state.data.objects(node, None) if isinstance(o, BNode))
    touched |= seen
    owned = {focus for focus in state.results if focus is not None and _owner(state.data, focus) in touched}
    return touched | owned


def focus_nodes(data: Graph, found: Targets) -> set[Node]:
    """Every focus node of a shape with these targets in the data graph (as pySHACL finds them)."""
    nodes: set[Node] = set(found.nodes)
    for cls in found.classes:
        for sub in data.transitive_subjects(RDFS.subClassOf, cls):
            nodes.update(data.subjects(RDF.type, sub))
    for p in found.subjects_of:
        nodes.update(data.subjects(p, None))
    for p in found.objects_of:
        nodes.update(o for o in data.objects(None, p) if o is not None)
    return nodes


def without_targets(shapes: Graph) -> Graph:
    """The shapes graph without target declarations, to add `sh:targetNode` triples to."""
    free = Graph()
    for triple in shapes:
        if triple[1] not in TARGETS:
            free.add(triple)
    return free


def validate_nodes(
    data: Graph, free_shapes: Graph, targets: set[Triple], loaded: LoadedSources, root: Path | None
) -> list[tuple[Node | None, Finding]]:
    """Validate only the given (shape, sh:targetNode, node) targets: pySHACL with these target triples
    added to the target-free shapes graph (and removed again afterwards)."""
    if not targets:
        return []
    for triple in targets:
        free_shapes.add(triple)
    try:
        return list(focus_findings(run_shacl(data, free_shapes), data, _Files(loaded), root))
    finally:
        for triple in targets:
            free_shapes.remove(triple)


def _revalidate(state: ValidationState, nodes: set[Node]) -> None:
    """Drop the findings of these nodes and validate those that are targets now."""
    state.revalidated = nodes
    for node in nodes:
        state.results.pop(node, None)
    classes: dict[Node, set[Node]] = {}
    targets: set[Triple] = {
        (shape, SH.targetNode, node)
        for shape, found in state.reach.targets.items()
        for node in nodes
        if _is_target(state.data, found, node, classes)
    }
    if state.free_shapes is None:
        state.free_shapes = without_targets(state.shapes)
    for focus, finding in validate_nodes(state.data, state.free_shapes, targets, state.loaded, state.root):
        state.results.setdefault(focus, []).append(finding)


def _is_target(data: Graph, found: Targets, node: Node, cache: dict[Node, set[Node]]) -> bool:
    """Whether a node is a focus node of a shape with these targets in the data graph."""
    if node in found.nodes:
        return True
    if found.classes and not found.classes.isdisjoint(_classes(data, node, cache)):
        return True
    if any((node, p, None) in data for p in found.subjects_of):
        return True
    return any((None, p, node) in data for p in found.objects_of)


def _classes(data: Graph, node: Node, cache: dict[Node, set[Node]]) -> set[Node]:
    """The types of a node and all their superclasses."""
    if node not in cache:
        found: set[Node] = set()
        for cls in data.objects(node, RDF.type):
            found.update(c for c in data.transitive_objects(cls, RDFS.subClassOf) if c is not None)
        cache[node] = found
    return cache[node]


class _Files(Mapping[Node, list[Path]]):
    """The defining files of a resource, looked up when a finding needs them."""

    def __init__(self, loaded: LoadedSources):
        self.loaded = loaded

    def __getitem__(self, node: Node) -> list[Path]:
        return self.loaded.files_defining(node)

    def __iter__(self) -> Iterator[Node]:
        return iter(())

    def __len__(self) -> int:
        return 0
