"""The store behind the registry, chosen by the settings: the embedded Oxigraph store (default) or a
remote SPARQL 1.1 server (`DIENSTENGRAAF_STORE=http://...` or `--store`). Both are read through the
same operations and written all-or-nothing."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TypeAlias

import pyoxigraph as ox
from rdflib import Graph, URIRef

from registry import store as embedded
from registry.namespaces import META_GRAPH
from registry.remote import RemoteStore
from registry.settings import Settings

AnyStore: TypeAlias = ox.Store | RemoteStore


def open_store(settings: Settings) -> AnyStore:
    """The current store, read-only; `StoreMissing` when nothing has been built yet."""
    if settings.remote:
        remote = RemoteStore.from_settings(settings)
        if not remote.exists():
            raise embedded.StoreMissing(
                f"Er staat nog geen registry in {settings.store_url}. Draai eerst `dienstengraaf build`."
            )
        return remote
    return embedded.open_store(settings.store)


def exists(settings: Settings) -> bool:
    if settings.remote:
        return RemoteStore.from_settings(settings).exists()
    return settings.store.exists()


def version(settings: Settings, store: AnyStore | None = None) -> str:
    """The published version of the store (changes with every build and write)."""
    if isinstance(store, RemoteStore):
        return store.version
    if settings.remote:
        return RemoteStore.from_settings(settings).version
    return os.path.basename(os.path.realpath(settings.store))


def write_all(settings: Settings, graphs: Mapping[URIRef, Graph]) -> str:
    """Replace everything in the store by these named graphs, all-or-nothing; the new version."""
    if settings.remote:
        remote = RemoteStore.from_settings(settings)
        return remote.publish(
            {str(iri): graph for iri, graph in graphs.items()}, replace_all=True, meta=graphs.get(META_GRAPH)
        )
    return embedded.write(settings.store, graphs).name


def replace_graph(settings: Settings, iri: URIRef, graph: Graph) -> str:
    """Replace one named graph, all-or-nothing; the new version."""
    if settings.remote:
        return RemoteStore.from_settings(settings).publish({str(iri): graph}, replace_all=False, kind="graph")
    return embedded.replace_graph(settings.store, iri, graph).name


def to_rdflib(store: AnyStore, graph_iri: str) -> Graph:
    """One named graph of the store as an rdflib graph."""
    data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph_iri))
    graph = Graph()
    if data:
        graph.parse(data=data, format="nt")
    return graph
