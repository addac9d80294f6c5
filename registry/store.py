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
    """Load rdflib graphs into named graphs of an Oxigraph store."""
    for iri, graph in graphs.items():
        data = graph.serialize(format="nt", encoding="utf-8")
        store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(str(iri)))


def in_memory(graphs: Mapping[URIRef, Graph]) -> ox.Store:
    """An in-memory Oxigraph store holding the given named graphs."""
    store = ox.Store()
    fill(store, graphs)
    return store


def _versions_dir(location: Path) -> Path:
    return location.with_name(location.name + ".d")


def write(location: Path, graphs: Mapping[URIRef, Graph]) -> Path:
    """Write a new store next to the current one, then atomically point `location` at it.

    `location` is a symbolic link to the current version in `<location>.d/`. Until the final rename
    the old store is untouched; readers that have it open keep reading it.
    """
    versions = _versions_dir(location)
    versions.mkdir(parents=True, exist_ok=True)
    if location.exists() and not location.is_symlink():
        # A store from before versioning: keep it as a version so the swap below can replace the link.
        legacy = versions / f"legacy-{time.strftime('%Y%m%dT%H%M%S')}"
        os.replace(location, legacy)
        os.symlink(legacy, location)
    target = versions / f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{time.monotonic_ns()}"
    try:
        store = ox.Store(str(target))
        fill(store, graphs)
        store.flush()
        del store
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    _swap(location, target)
    return target


def _swap(location: Path, target: Path) -> None:
    """Point `location` at `target` in one atomic rename, then drop old versions."""
    link = location.with_name(location.name + ".swap")
    if link.is_symlink() or link.exists():
        link.unlink()
    os.symlink(target, link)
    os.replace(link, location)
    _prune(_versions_dir(location), keep=2)


def _prune(versions: Path, keep: int) -> None:
    """Remove all but the newest `keep` versions; the previous one stays for readers still using it."""
    ordered = sorted(versions.iterdir(), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in ordered[keep:]:
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
    current = open_store(location)
    versions = _versions_dir(location)
    target = versions / f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{time.monotonic_ns()}"
    try:
        current.backup(str(target))
        del current
        store = ox.Store(str(target))
        name = ox.NamedNode(str(graph_iri))
        if store.contains_named_graph(name):
            store.remove_graph(name)
        fill(store, {graph_iri: graph})
        store.flush()
        del store
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    _swap(location, target)
    return target
