"""Changing the stored graph all-or-nothing: copy the current store aside, apply the change to the
copy, validate it with the project's shapes and reason over it (both incrementally where they can),
and swap it in only when it passes. An invalid change leaves the stored graph exactly as it was."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef

from registry import store as embedded
from registry.backend import AnyStore
from registry.incremental_reasoning import GraphName, reason_change
from registry.namespaces import GRAPH, INFERRED_GRAPH, META_GRAPH, UPL_GRAPH
from registry.reasoning import ReasoningResult, reason
from registry.remote import DEFAULT_GRAPH as DEFAULT
from registry.remote import RemoteStore
from registry.settings import Settings
from registry.sources import LoadedSources, Source, discover, parse_turtle
from registry.store_validation import Published, data_dumps, forget_validators, validate_store, validator_for
from registry.terms import to_graph
from registry.validation import ValidationReport

DEFAULT_GRAPH = "urn:dienstengraaf:default-graph"  # as named in graph-counts.rq
_LOCK = threading.Lock()

COUNTS = Path(__file__).parent / "queries" / "graph-counts.rq"
_INFERRED = ox.NamedNode(str(INFERRED_GRAPH))
# Per embedded store: the name of the version this process published (or prepared) last, with its data
# graphs' dumps.
_PUBLISHED: dict[Path, tuple[str, dict[str, bytes]]] = {}


@dataclass
class WriteOutcome:
    """The result of a write: applied or rejected, with the validation report and what changed."""

    applied: bool
    report: ValidationReport | None = None
    reasoning: ReasoningResult | None = None
    changed: dict[str, tuple[int, int]] = field(default_factory=dict)
    error: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "applied": self.applied,
            "changed": {g: {"before": b, "after": a} for g, (b, a) in self.changed.items()},
            "error": self.error,
            "inconsistent": (self.reasoning.causes or [self.reasoning.message])
            if self.reasoning is not None and not self.reasoning.consistent
            else [],
        }


def graph_kind(iri: str) -> str:
    """Which part of the registry a named graph holds, from its IRI."""
    if iri.startswith(GRAPH + "shapes/"):
        return "shapes"
    if iri.startswith(GRAPH + "ontology/vocabularies/"):
        return "vocabulary"
    if iri.startswith(GRAPH + "ontology/"):
        return "ontology"
    if iri in (str(UPL_GRAPH), str(INFERRED_GRAPH), str(META_GRAPH)):
        return iri.rsplit("/", 1)[-1]
    return "catalog"


def graph_counts(store: AnyStore) -> dict[str, int]:
    solutions = store.query(COUNTS.read_text(encoding="utf-8"))
    assert isinstance(solutions, ox.QuerySolutions)
    return {s["g"].value: int(s["n"].value) for s in solutions}


def sources_from_store(store: AnyStore, settings: Settings) -> tuple[LoadedSources, Graph | None]:
    """The store's data graphs as sources (shapes come from the shapes files of the settings)."""
    dumps: dict[str, bytes] = {}
    for name in [*store.named_graphs(), ox.DefaultGraph()]:
        iri = name.value if isinstance(name, ox.NamedNode) else DEFAULT_GRAPH
        if graph_kind(iri) not in ("shapes", "inferred", "meta"):
            dumps[iri] = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=name) or b""  # blank nodes keep ids
    return sources_from_dumps(dumps, settings)


def sources_from_dumps(dumps: Mapping[str, bytes], settings: Settings) -> tuple[LoadedSources, Graph | None]:
    """Data graphs (graph name -> N-Triples, as `data_dumps` gives them) as sources, in that order."""
    sources: list[Source] = []
    upl: Graph | None = None
    for iri, data in dumps.items():
        kind = graph_kind(iri)
        if kind in ("shapes", "inferred", "meta"):
            continue
        graph = to_graph(ox.parse(data, format=ox.RdfFormat.N_TRIPLES)) if data else Graph()
        if kind == "upl":
            upl = graph
            continue
        label = iri[len(GRAPH) :] if iri.startswith(GRAPH) else iri
        sources.append(Source(Path(label), kind, URIRef(iri), graph))
    for path, kind in discover(settings):
        if kind == "shapes":
            sources.append(Source(path, kind, URIRef(f"{GRAPH}shapes/{path.name}"), parse_turtle(path)))
    return LoadedSources(sources), upl


def staged_write(settings: Settings, change: Callable[[ox.Store], None]) -> WriteOutcome:
    """Apply `change` to a copy of the current store; validate, reason, and swap in only if it passes.
    Writes are serialised: one at a time."""
    with _LOCK:
        if settings.remote:
            return _remote_write(settings, change)
        before = graph_counts(embedded.open_store(settings.store))
        version, known = _PUBLISHED.get(settings.store, ("", {}))
        staging = embedded.Staging(settings.store, "write", copy_current=True)
        try:
            assert staging.store is not None
            # The data of the version this process published last is known: no need to dump it again.
            snapshot = _Snapshot.of(staging.store, known if version == staging.source else None)
            change(staging.store)
            after = graph_counts(staging.store)
            outcome, checked = _check(staging.store, settings, snapshot, staging.source)
            outcome.changed = _changed_counts(before, after)
            if outcome.applied:
                published = staging.publish()
                _PUBLISHED[settings.store] = (published.name, checked.data)
                validator_for(settings).save(settings, published.name)  # it checked last what is published now
            return outcome
        finally:
            staging.discard()


def prepare_writes(settings: Settings) -> bool:
    """Ready this process for its next write to the embedded store (the first one, or one after another
    process built): the current version's data graphs and the findings saved with them in memory
    (`StoreValidator.prepare`). True when the next write will be validated incrementally; false for a
    remote store, no store yet, or no findings saved."""
    if settings.remote or not settings.store.exists():
        return False
    with _LOCK:
        current = settings.store.resolve()  # once: a swap by another process cannot come in between
        dumps = data_dumps(embedded.open_store(current))
        _PUBLISHED[settings.store] = (current.name, dumps)
        return validator_for(settings).prepare(settings, Published(current.name, dumps))


def published_version(settings: Settings) -> str:
    """The store version this process published or prepared last ("" if none). Read without the write
    lock, which a write or a preparation holds for seconds."""
    return _PUBLISHED.get(settings.store, ("", {}))[0]


def forget_known_content() -> None:
    """Drop what this process knows of the stores' content (the published dumps and the validators'
    state), as a restart would."""
    with _LOCK:
        _PUBLISHED.clear()
    forget_validators()


def _remote_write(settings: Settings, change: Callable[[ox.Store], None]) -> WriteOutcome:
    """The same for a remote store: its dataset is copied into memory, changed and checked there, and
    only the graphs that changed are published (all-or-nothing, see `RemoteStore.publish`)."""
    remote = RemoteStore.from_settings(settings)
    version = remote.version
    local = ox.Store()
    local.extend(remote.quads_for_pattern(None, None, None, None))
    before = graph_counts(local)
    original = _graph_dumps(local)
    snapshot = _Snapshot.of(local)
    change(local)
    after = graph_counts(local)
    outcome, _ = _check(local, settings, snapshot)
    outcome.changed = _changed_counts(before, after)
    if outcome.applied:
        updated = _graph_dumps(local)
        changes: dict[str, bytes | None] = {
            (DEFAULT if g == DEFAULT_GRAPH else g): updated.get(g)
            for g in set(original) | set(updated)
            if original.get(g) != updated.get(g)
        }
        if changes:
            remote.publish(changes, replace_all=False, kind="write", expected_version=version)
    return outcome


def _changed_counts(before: dict[str, int], after: dict[str, int]) -> dict[str, tuple[int, int]]:
    names = sorted(set(before) | set(after))
    return {g: (before.get(g, 0), after.get(g, 0)) for g in names if before.get(g, 0) != after.get(g, 0)}


def _graph_dumps(store: ox.Store) -> dict[str, bytes]:
    """Every graph of an in-memory store as sorted N-Triples lines (to see which graphs changed)."""
    dumps = {}
    for name in [*store.named_graphs(), ox.DefaultGraph()]:
        data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=name) or b""
        if data.strip():
            key = name.value if isinstance(name, ox.NamedNode) else DEFAULT_GRAPH
            dumps[key] = b"\n".join(sorted(data.splitlines())) + b"\n"
    return dumps


@dataclass(frozen=True)
class _Snapshot:
    """The data graphs (`data_dumps`) and the inferred graph of a store, to see what a change did."""

    data: dict[str, bytes]
    inferred: bytes

    @classmethod
    def of(cls, store: ox.Store, data: dict[str, bytes] | None = None) -> _Snapshot:
        """The store's snapshot; `data`: its data graphs' dumps, when known."""
        inferred = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=_INFERRED) or b""
        return cls(data_dumps(store) if data is None else data, inferred)


def _check(
    store: ox.Store, settings: Settings, before: _Snapshot, version: str | None = None
) -> tuple[WriteOutcome, _Snapshot]:
    """Validate and reason over the changed store; `before`: its snapshot before the change, `version`:
    the embedded store version it was copied from. Returns the outcome and the snapshot of the changed
    store (its inferred graph as before reasoning)."""
    after = _Snapshot.of(store)
    published = Published(version, before.data) if version is not None else None
    loaded, report = validate_store(store, settings, after.data, published)  # incremental where it can
    if not report.conforms:
        return WriteOutcome(False, report), after
    ontology = loaded.union(["ontology"])
    if not len(ontology):
        return WriteOutcome(True, report), after
    # A change to the inferred graph itself is undone by reasoning over everything.
    incremental = settings.incremental_reasoning and after.inferred == before.inferred
    changes = _changes(before.data, after.data) if incremental else None
    update = None if changes is None else reason_change(store, ontology, changes, _data_graphs(store), _INFERRED)
    if update is None:
        reasoning = reason(ontology, loaded.union())
        if reasoning.consistent:
            if store.contains_named_graph(_INFERRED):
                store.remove_graph(_INFERRED)
            embedded.fill(store, {INFERRED_GRAPH: reasoning.inferred})
    else:
        reasoning = update.result
        if reasoning.consistent:
            for triple in update.remove:
                store.remove(ox.Quad(triple.subject, triple.predicate, triple.object, _INFERRED))
            embedded.fill(store, {INFERRED_GRAPH: reasoning.inferred})
    return WriteOutcome(reasoning.consistent, report, reasoning), after


def _changes(
    before: dict[str, bytes], after: dict[str, bytes]
) -> dict[str, tuple[set[ox.Triple], set[ox.Triple]]] | None:
    """Added and removed triples per data graph that HermiT reads (the UPL graph is not one of them);
    None when an ontology graph changed: then only reasoning over everything is right."""
    changes: dict[str, tuple[set[ox.Triple], set[ox.Triple]]] = {}
    for name in before.keys() | after.keys():
        if before.get(name) == after.get(name) or graph_kind(name) == "upl":
            continue
        if graph_kind(name) == "ontology":
            return None
        old, new = (_triples(dumps.get(name, b"")) for dumps in (before, after))
        changes[name] = (new - old, old - new)
    return changes


def _triples(data: bytes) -> set[ox.Triple]:
    return {quad.triple for quad in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)} if data else set()


def _data_graphs(store: ox.Store) -> list[GraphName]:
    """The graphs whose union is the data HermiT reasons over (as `sources_from_store` reads them)."""
    graphs: list[GraphName] = [ox.DefaultGraph()]
    graphs += [g for g in store.named_graphs() if graph_kind(g.value) not in ("shapes", "upl", "inferred", "meta")]
    return graphs


def log_write(settings: Settings, who: str, operation: str, outcome: WriteOutcome, size: int) -> None:
    """Append one JSON line per write attempt: who, when, what, which graphs, how big, the outcome."""
    assert settings.write_log is not None
    settings.write_log.parent.mkdir(parents=True, exist_ok=True)
    entry = {
        "time": datetime.now(UTC).isoformat(timespec="seconds"),
        "who": who,
        "operation": operation,
        "request_bytes": size,
        "applied": outcome.applied,
        "graphs": {g: {"before": b, "after": a} for g, (b, a) in outcome.changed.items()},
        "violations": outcome.report.count("Violation") if outcome.report else None,
    }
    with settings.write_log.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
