"""In-process, read-only access to the current store for the content API and linked-data pages,
with the read model cached per store version (a swap after a build or write gives a new version)."""

from __future__ import annotations

import os
import threading
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox

from registry.backend import AnyStore
from registry.model import Catalog, Municipality
from registry.reader import list_municipalities, read_catalog, read_municipality
from registry.remote import RemoteStore
from registry.settings import Settings


class RegistryReader:
    """The current store and its read model; caches are dropped when a new version is published (a
    build or a write swaps the embedded store, or switches the version of a remote one)."""

    def __init__(self, settings: Settings):
        self.location = settings.store
        self._remote = RemoteStore.from_settings(settings) if settings.remote else None
        self._lock = threading.Lock()
        self._version = ""
        self._store: AnyStore | None = None
        self._catalog: Catalog | None = None
        self._municipalities: list[Municipality] | None = None
        self._municipality: dict[str, Municipality | None] = {}

    def store(self) -> AnyStore:
        """The store to read, reopened (and caches dropped) when a new version was published."""
        if self._remote is not None:
            current = self._remote.version
            if not current:
                raise FileNotFoundError("Er staat nog geen registry in de store.")
        else:
            current = os.path.realpath(self.location)
        with self._lock:
            if self._store is None or current != self._version:
                if self._remote is None and not os.path.exists(current):
                    raise FileNotFoundError(f"Er is nog geen store op {self.location}.")
                self._store = self._remote if self._remote is not None else ox.Store.read_only(current)
                self._version = current
                self._catalog, self._municipalities, self._municipality = None, None, {}
            return self._store

    @property
    def version(self) -> str:
        self.store()
        return Path(self._version).name

    @property
    def modified(self) -> datetime:
        self.store()
        if self._remote is not None:
            return datetime.fromtimestamp(int(self._version[:20]) / 1e9, UTC).replace(microsecond=0)
        return datetime.fromtimestamp(Path(self._version).stat().st_mtime, UTC).replace(microsecond=0)

    def catalog(self) -> Catalog:
        store = self.store()
        if self._catalog is None:
            self._catalog = read_catalog(store, self.version)
        return self._catalog

    def municipalities(self) -> list[Municipality]:
        store = self.store()
        if self._municipalities is None:
            self._municipalities = list_municipalities(store)
        return self._municipalities

    def find_municipality(self, key: str) -> Municipality | None:
        """A municipality by id, IRI, OWMS URI or name (case-insensitive), with channels and offerings."""
        wanted = key.strip().casefold()
        for candidate in self.municipalities():
            names = {
                candidate.id,
                candidate.iri,
                candidate.owms or "",
                candidate.label.get(),
                candidate.label.get().removeprefix("Gemeente "),
            }
            if wanted in {n.casefold() for n in names if n}:
                return self.municipality(candidate.iri)
        return None

    def municipality(self, iri: str) -> Municipality | None:
        store = self.store()
        if iri not in self._municipality:
            self._municipality[iri] = read_municipality(store, iri)
        return self._municipality[iri]
