"""The embedded Oxigraph store on disk: written aside and swapped in, so a failed or interrupted
build never leaves a half-written store behind."""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef


class StoreMissing(FileNotFoundError):
    """There is no built store yet."""


def fill(store: ox.Store, graphs: Mapping[URIRef, Graph]) -> None:
    """Load rdflib graphs into named graphs of an Oxigraph store (in one transaction)."""
    store.extend(ox.parse(_n_quads(graphs), format=ox.RdfFormat.N_QUADS))


def bulk_fill(store: ox.Store, graphs: Mapping[URIRef, Graph]) -> None:
    """Load rdflib graphs into named graphs of a fresh store in one bulk load (no transactions: for a
    private working copy only). Twice as fast as `fill` on disk at national size."""
    store.bulk_extend(ox.parse(_n_quads(graphs), format=ox.RdfFormat.N_QUADS))


def _n_quads(graphs: Mapping[URIRef, Graph]) -> bytes:
    """The graphs as N-Quads. Parsed with `ox.parse` and added as quads, the blank nodes keep their
    ids (`Store.load` would rename them), so that the store and the loaded sources name them alike."""
    parts = []
    for iri, graph in graphs.items():
        # An N-Triples line ends in " .\n" (a newline inside a literal is written as \n), so the
        # graph name goes in front of it to make N-Quads.
        parts.append(graph.serialize(format="nt", encoding="utf-8").replace(b" .\n", f" <{iri}> .\n".encode()))
    return b"".join(parts)


def in_memory(graphs: Mapping[URIRef, Graph]) -> ox.Store:
    """An in-memory Oxigraph store holding the given named graphs."""
    store = ox.Store()
    fill(store, graphs)
    return store


def _versions_dir(location: Path) -> Path:
    return location.with_name(location.name + ".d")


class Staging:
    """A private working copy of the store: change it freely, then publish it or discard it.

    Publishing takes a RocksDB checkpoint of the working copy into a new version folder (immutable
    files, hard-linked) and swaps it in; the working copy is closed and removed. Readers therefore only
    ever open a version that no process is writing to.
    """

    def __init__(self, location: Path, kind: str, copy_current: bool):
        self.location, self.kind = location, kind
        versions = _versions_dir(location)
        versions.mkdir(parents=True, exist_ok=True)
        if location.exists() and not location.is_symlink():
            # A store from before versioning: keep it as a version so a swap can replace the link.
            legacy = new_version(location, "legacy")
            os.replace(location, legacy)
            os.symlink(legacy, location)
        self.work = versions.parent / f".{versions.name}-work-{time.time_ns()}"
        self.source: str | None = None  # the name of the version the working copy was made from
        if copy_current:
            if not location.exists():
                raise StoreMissing(f"Er is nog geen store op {location}. Draai eerst `dienstengraaf build`.")
            resolved = location.resolve()  # once: a swap by another process cannot come in between
            current = open_store(resolved)
            current.backup(str(self.work))
            del current
            self.source = resolved.name
        self.store: ox.Store | None = ox.Store(str(self.work))

    def publish(self) -> Path:
        """Make the working copy the current store (atomically) and return its version folder."""
        assert self.store is not None
        target = new_version(self.location, self.kind)
        self.store.flush()
        self.store.backup(str(target))
        self.discard()
        swap(self.location, target)
        return target

    def discard(self) -> None:
        """Close and remove the working copy; the current store is untouched."""
        self.store = None
        shutil.rmtree(self.work, ignore_errors=True)


def write(location: Path, graphs: Mapping[URIRef, Graph]) -> Path:
    """Write a new store next to the current one, then atomically point `location` at it.

    `location` is a symbolic link to the current version in `<location>.d/`. Until the final rename
    the old store is untouched; readers that have it open keep reading it.
    """
    staging = Staging(location, "build", copy_current=False)
    try:
        assert staging.store is not None
        bulk_fill(staging.store, graphs)
        return staging.publish()
    finally:
        staging.discard()


def swap(location: Path, target: Path) -> None:
    """Point `location` at `target` in one atomic rename, then drop old versions."""
    link = location.with_name(location.name + ".swap")
    if link.is_symlink() or link.exists():
        link.unlink()
    os.symlink(target, link)
    os.replace(link, location)
    _prune(_versions_dir(location), keep=2)


def new_version(location: Path, kind: str = "build") -> Path:
    """A fresh folder for a new store version; names sort in the order they were made."""
    versions = _versions_dir(location)
    versions.mkdir(parents=True, exist_ok=True)
    return versions / f"{time.time_ns():020d}-{kind}-{os.getpid()}"


def version_kind(name: str) -> str:
    """What made a store version ("build", "write", "legacy"), from its folder name; "" if unknown."""
    parts = name.split("-")
    return parts[1] if len(parts) == 3 and parts[0].isdigit() else ""


def _prune(versions: Path, keep: int) -> None:
    """Remove all but the newest `keep` versions (by name, i.e. by creation); the current one is never
    removed, and the previous one stays for readers that still have it open."""
    current = versions.parent / versions.name.removesuffix(".d")
    target = current.resolve() if current.is_symlink() else None
    ordered = sorted((p for p in versions.iterdir() if p.resolve() != target), key=lambda p: p.name, reverse=True)
    for old in ordered[max(0, keep - 1) :]:
        shutil.rmtree(old, ignore_errors=True)


def open_store(location: Path, read_only: bool = True) -> ox.Store:
    """Open the current store; read-only by default so several processes can read at once."""
    if not location.exists():
        raise StoreMissing(f"Er is nog geen store op {location}. Draai eerst `dienstengraaf build`.")
    path = str(location.resolve())
    return ox.Store.read_only(path) if read_only else ox.Store(path)


def quads(store: ox.Store) -> Iterator[ox.Quad]:
    return iter(store.quads_for_pattern(None, None, None, None))


def fingerprint(store: ox.Store) -> tuple[int, str]:
    """Number of quads and a hash over all of them (blank nodes included as labelled by the store)."""
    lines = sorted(str(q) for q in quads(store))
    digest = hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()
    return len(lines), digest


def to_rdflib(store: ox.Store, graph_iri: str) -> Graph:
    """Copy one named graph of the store into an rdflib graph."""
    data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph_iri))
    graph = Graph()
    if data:
        graph.parse(data=data, format="nt")
    return graph


def replace_graph(location: Path, graph_iri: URIRef, graph: Graph) -> Path:
    """Replace one named graph: copy the current store aside, change the copy, swap it in."""
    staging = Staging(location, "graph", copy_current=True)
    try:
        assert staging.store is not None
        name = ox.NamedNode(str(graph_iri))
        if staging.store.contains_named_graph(name):
            staging.store.remove_graph(name)
        fill(staging.store, {graph_iri: graph})
        return staging.publish()
    finally:
        staging.discard()
