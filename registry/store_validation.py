"""Validation of a store that a write changed, incrementally against the content checked before.

A `StoreValidator` keeps the `registry.incremental` state of the store content it validated last,
with each data graph's N-Triples dump. For the next store it dumps every data graph again (fast, in
Oxigraph), reads only the graphs whose dump differs, and validates their changed triples
incrementally. Because the comparison is with what was *checked* last, not with what was published,
a rejected write needs no undo: the next write's diff simply includes going back.

The first validation of a process starts from the findings saved with the store it changes
(`registry.saved_validation`) when they are about exactly that content; the server can read them in
before the first write (`prepare`). So does a validation after another process (a build, say)
published a version with other shapes, another UPL graph or too much changed to compare with. Without
such findings the first validation, and a change to the shapes files or to the UPL graph, validate
everything. The validator holds the whole data graph twice in memory (the sources and their union), as
a full validation does.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import pyoxigraph as ox
from rdflib import Graph, URIRef

from registry import saved_validation
from registry.incremental import Change, ValidationState, resume, start, validate_changes
from registry.namespaces import INFERRED_GRAPH, META_GRAPH
from registry.settings import Settings
from registry.sources import LoadedSources, discover
from registry.terms import to_graph
from registry.validation import ValidationReport

SKIPPED = {str(INFERRED_GRAPH), str(META_GRAPH)}
ShapesFiles = tuple[tuple[str, int, int], ...]  # path, modification time, size
MAX_CHANGE = 0.1  # a change to more than this share of the triples is validated in full


@dataclass
class StoreValidator:
    """The validation state of the store content checked last, and what it was checked with."""

    state: ValidationState | None = None
    dumps: dict[str, bytes] = field(default_factory=dict)
    shapes: ShapesFiles = ()
    based_on: str | None = None  # the published version that the content checked last was made from
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def validate(
        self,
        store: ox.Store,
        settings: Settings,
        dumps: dict[str, bytes] | None = None,
        published: Published | None = None,
    ) -> tuple[LoadedSources, ValidationReport]:
        """The loaded data graphs of the store and their validation report (equal to a full one).
        `dumps`: the store's `data_dumps`, when the caller has them already; `published`: the embedded
        store version it is a changed copy of, to pick up the findings saved with it (the first write, or
        one after another process published)."""
        from registry import writes  # imported here: registry.writes uses this module

        with self.lock:
            dumps = data_dumps(store) if dumps is None else dumps
            shapes = _shapes_files(settings)
            changes = self._changes(dumps, shapes)
            if changes is None and published is not None and self._resume(settings, published, shapes):
                changes = self._changes(dumps, shapes)  # from the saved findings: the first write, or a build
            state, self.state = self.state, None  # set again once the state matches this store
            if state is None or changes is None:
                loaded, upl = writes.sources_from_dumps(dumps, settings)
                state = start(loaded, upl, workers=os.cpu_count() or 1)  # a large graph: one process per core
                report = state.report()
            else:
                report = validate_changes(state, changes)
            self.state, self.dumps, self.shapes = state, dumps, shapes
            self.based_on = published.version if published is not None else None
            return state.loaded, report

    def _changes(self, dumps: dict[str, bytes], shapes: ShapesFiles) -> dict[URIRef | None, Change] | None:
        """The triples added and removed per graph since the content checked last; None when the
        content must be validated from scratch (no state, other shapes, the UPL or much changed)."""
        from registry import writes

        state = self.state
        if state is None or shapes != self.shapes:
            return None
        changed = {g for g in dumps.keys() | self.dumps.keys() if dumps.get(g) != self.dumps.get(g)}
        if any(writes.graph_kind(g) == "upl" for g in changed):
            return None
        changes: dict[URIRef | None, Change] = {}
        size = 0
        for name in changed:
            old = next((s.graph for s in state.loaded.sources if str(s.graph_iri) == name), Graph())
            new = to_graph(ox.parse(dumps[name], format=ox.RdfFormat.N_TRIPLES)) if name in dumps else Graph()
            added, removed = set(new - old), set(old - new)
            changes[URIRef(name)] = (added, removed)
            size += len(added) + len(removed)
            if size > len(state.data) * MAX_CHANGE:
                return None
        return changes

    def prepare(self, settings: Settings, published: Published) -> bool:
        """Before the first write, or after another process published: take the findings saved with
        `published` as the state, so that the next write is validated incrementally at once. True when
        the state is about `published` now."""
        with self.lock:
            self._resume(settings, published, _shapes_files(settings))
            return self.state is not None and self.based_on == published.version

    def _resume(self, settings: Settings, published: Published, shapes: ShapesFiles) -> bool:
        """Take the findings saved with the published store as the state, when they are about it and
        the state is not about that version already (none yet, or another process published since).
        True when the state is now from them."""
        from registry import writes

        if settings.remote or (self.state is not None and self.based_on == published.version):
            return False
        results = saved_validation.load(settings, published.version)
        if results is None:
            return False
        self.state = None  # the old state can go before the new one is made (about 1.4 GB at national size)
        loaded, upl = writes.sources_from_dumps(published.dumps, settings)
        self.state, self.dumps, self.shapes = resume(loaded, upl, results), published.dumps, shapes
        self.based_on = published.version
        return True

    def save(self, settings: Settings, version: str) -> None:
        """Save the findings of what was checked last, now published as `version`, for a next start."""
        with self.lock:
            self.based_on = version
            if self.state is not None and not settings.remote:
                saved_validation.save(settings, version, self.state.results)


class Published(NamedTuple):
    """An embedded store version (its folder name) and its data graphs' dumps."""

    version: str
    dumps: dict[str, bytes]


def data_dumps(store: ox.Store) -> dict[str, bytes]:
    """Each data graph of the store (by name) as N-Triples, in the store's order."""
    from registry import writes

    dumps: dict[str, bytes] = {}
    for name in [*store.named_graphs(), ox.DefaultGraph()]:
        key = name.value if isinstance(name, ox.NamedNode) else writes.DEFAULT_GRAPH
        if key in SKIPPED or writes.graph_kind(key) == "shapes":
            continue
        data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=name)
        if data:
            dumps[key] = data
    return dumps


def _shapes_files(settings: Settings) -> ShapesFiles:
    """The shapes files with their modification time and size: a change means starting over."""
    files = [path for path, kind in discover(settings) if kind == "shapes"]
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)


# One validator per registry (checkout and store location) in this process, as registry.writes keeps
# its write lock: writes are validated one at a time against what the process checked before.
_VALIDATORS: dict[tuple[Path, Path], StoreValidator] = {}
_VALIDATORS_LOCK = threading.Lock()


def validator_for(settings: Settings) -> StoreValidator:
    """The validator of one registry, shared by the writes of this process."""
    with _VALIDATORS_LOCK:
        return _VALIDATORS.setdefault((settings.root, settings.store), StoreValidator())


def forget_validators() -> None:
    """Drop what this process validated, as a restart would (the next write starts from the findings
    saved with the store, or validates everything)."""
    with _VALIDATORS_LOCK:
        _VALIDATORS.clear()


def validate_store(
    store: ox.Store,
    settings: Settings,
    dumps: dict[str, bytes] | None = None,
    published: Published | None = None,
) -> tuple[LoadedSources, ValidationReport]:
    """Validate the data graphs of a (changed) store, incrementally where this process (or the findings
    saved with the published store, see `registry.saved_validation`) checked before."""
    return validator_for(settings).validate(store, settings, dumps, published)
