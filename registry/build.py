"""The main job: load every file, validate, lint, reason, and swap in a new store only when all pass."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.term import Node

from registry import backend, heap, saved_validation
from registry.lint import LintResult, run_lint
from registry.namespaces import DCT, DG, INFERRED_GRAPH, META_GRAPH, UPL_GRAPH
from registry.partitioned import validation_findings
from registry.plain_language import content_report
from registry.reasoning import Background, ReasoningResult
from registry.settings import Settings
from registry.sources import LoadedSources, load_sources
from registry.upl import read_upl
from registry.validation import (
    Finding,
    PreparedQueryGraph,
    ValidationReport,
    _display,
    by_focus,
    compact,
    report_of,
    with_upl,
)


@dataclass
class Checked:
    """The outcome of checking the registry files: validation, lint and (optionally) reasoning."""

    loaded: LoadedSources
    upl: Graph | None
    report: ValidationReport
    lint: LintResult
    reasoning: ReasoningResult | None
    seconds: dict[str, float] = field(default_factory=dict)  # per phase, in the order they ran
    shacl: list[tuple[Node | None, Finding]] = field(default_factory=list)  # the SHACL findings, with focus nodes

    @property
    def ok(self) -> bool:
        consistent = self.reasoning is None or self.reasoning.consistent
        return self.report.conforms and self.lint.violations == 0 and consistent


@dataclass
class BuildResult:
    """What `build` did: the checks, and the new store if one was written."""

    checked: Checked
    version: str | None

    @property
    def built(self) -> bool:
        return self.version is not None


def load_upl(settings: Settings) -> Graph | None:
    """The UPL scheme: the CSV named in the settings, else the one imported into the current store
    (`dienstengraaf import-upl`), else the shared UPL-actueel.csv; None when there is none."""
    if settings.upl_csv is not None:
        return read_upl(settings.upl_csv).graph
    if backend.exists(settings):
        current = backend.open_store(settings)
        if current.contains_named_graph(ox.NamedNode(str(UPL_GRAPH))):
            return backend.to_rdflib(current, str(UPL_GRAPH))
    if settings.upl_default is not None:
        return read_upl(settings.upl_default).graph
    return None


def check(settings: Settings, extra: Sequence[Path] = (), with_reasoning: bool = False) -> Checked:
    """Load and check the registry plus extra files; raises LoadError on a syntax error."""
    clock = _Clock()
    with heap.no_collection():
        loaded = load_sources(settings, extra)
        upl = load_upl(settings)
        # One graph of all data for every check (copying 400,000 triples takes seconds at national
        # size): validated with the used part of the UPL added, which is taken out again afterwards.
        union = loaded.union(into=PreparedQueryGraph())
    clock.lap("laden")
    with heap.frozen():  # the loaded graphs live as long as the check
        return _checks(settings, loaded, upl, union, with_reasoning, clock)


def _checks(
    settings: Settings, loaded: LoadedSources, upl: Graph | None, union: Graph, with_reasoning: bool, clock: _Clock
) -> Checked:
    # The reasoner (Java) runs in its own process while pySHACL validates; its result counts only
    # when the validation passes, as before.
    reasoner = Background(loaded.union(["ontology"]), union) if with_reasoning else None
    reasoning = None
    try:
        upl_part = with_upl(union, upl)
        found = validation_findings(loaded, upl, settings.root, data=union)  # one process per core when large
        report = report_of(found, loaded, settings.root)
        for triple in upl_part:
            union.remove(triple)
        clock.lap("valideren")
        report.findings.extend(plain_language_findings(loaded, settings.root, union))
        clock.lap("taalniveau")
        lint = run_lint(union)
        clock.lap("lint")
        if reasoner is not None and report.conforms:
            reasoning = reasoner.result()
            clock.lap("redeneren (rest)")
    finally:
        if reasoner is not None and reasoning is None:  # not needed, or the checks stopped (error, Ctrl-C)
            reasoner.cancel()
    return Checked(loaded, upl, report, lint, reasoning, clock.seconds, found)


class _Clock:
    """Seconds per phase."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, phase: str) -> None:
        now = time.perf_counter()
        self.seconds[phase] = now - self._last
        self._last = now


def plain_language_findings(loaded: LoadedSources, root: Path, union: Graph | None = None) -> list[Finding]:
    """A Warning for every citizen-facing Dutch text above the B1 thresholds (registry.plain_language);
    `union` is `loaded.union()` when the caller has it already."""
    files = loaded.defining_files()
    findings = []
    for check in content_report(loaded.union() if union is None else union).failing:
        resource = URIRef(check.resource)
        findings.append(
            Finding(
                severity="Warning",
                resource=compact(resource) or check.resource,
                focus=compact(resource) or check.resource,
                message=f"De {check.kind} (@{check.language}) is niet eenvoudig genoeg voor B1: "
                + "; ".join(check.measures.problems())
                + ". Maak de zinnen korter en de woorden eenvoudiger.",
                shape=None,
                constraint="PlainLanguage",
                source_constraint="dg:plainLanguage",
                path=None,
                value=None,
                files=tuple(_display(p, root) for p in files.get(resource, [])),
            )
        )
    return findings


def build(settings: Settings, extra: Sequence[Path] = ()) -> BuildResult:
    """Check everything; only when there is no violation, no lint row and no inconsistency, write a
    new store aside and swap it in. Otherwise the last good store stays exactly as it was."""
    checked = check(settings, extra, with_reasoning=settings.reason)
    if not checked.ok:
        return BuildResult(checked, None)
    clock = _Clock()
    version = backend.write_all(settings, store_graphs(checked))
    clock.lap("store schrijven")
    if not settings.remote:  # the first write after a start continues from this validation
        saved_validation.save(settings, version, by_focus(checked.shacl))
        clock.lap("validatiestatus bewaren")
    checked.seconds.update(clock.seconds)
    return BuildResult(checked, version)


def store_graphs(checked: Checked) -> dict[URIRef, Graph]:
    """The named graphs a build writes: one per source file, the UPL scheme, what the reasoner
    inferred, and the meta graph (when and from which files)."""
    graphs: dict[URIRef, Graph] = {s.graph_iri: s.graph for s in checked.loaded.sources}
    if checked.upl is not None:
        graphs[UPL_GRAPH] = checked.upl
    if checked.reasoning is not None:
        graphs[INFERRED_GRAPH] = checked.reasoning.inferred
    graphs[META_GRAPH] = _meta(checked.loaded)
    return graphs


def _meta(loaded: LoadedSources) -> Graph:
    """When the store was built and from which files (with their content hashes)."""
    meta = Graph()
    build_node = URIRef("https://dienstengraaf.nl/id/build/current")
    meta.add((build_node, RDF.type, DG.Build))
    meta.add((build_node, DCT.created, Literal(datetime.now(UTC).isoformat(), datatype=XSD.dateTime)))
    for source in loaded.sources:
        digest = hashlib.sha256(source.path.read_bytes()).hexdigest()
        meta.add((source.graph_iri, DCT.source, URIRef(source.path.resolve().as_uri())))
        meta.add((source.graph_iri, DG.contentHash, Literal(digest)))
        meta.add((build_node, DCT.hasPart, source.graph_iri))
    return meta
