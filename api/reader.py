"""In-process, read-only access to the current store for the content API and linked-data pages,
with the read model cached per store version (a swap after a build or write gives a new version)."""

from __future__ import annotations

import os
import threading
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox

from registry.model import Catalog, Municipality
from registry.reader import list_municipalities, read_catalog, read_municipality


class RegistryReader:
    """The current store and its read model; reopened when the store location points elsewhere."""

    def __init__(self, location: Path):
        self.location = location
        self._lock = threading.Lock()
        self._version = ""
        self._store: ox.Store | None = None
        self._catalog: Catalog | None = None
        self._municipalities: list[Municipality] | None = None
        self._municipality: dict[str, Municipality | None] = {}

    def store(self) -> ox.Store:
        """The store to read, reopened (and caches dropped) when a new version was swapped in."""
        current = os.path.realpath(self.location)
        with self._lock:
            if self._store is None or current != self._version:
                if not os.path.exists(current):
                    raise FileNotFoundError(f"Er is nog geen store op {self.location}.")
                self._store, self._version = ox.Store.read_only(current), current
                self._catalog, self._municipalities, self._municipality = None, None, {}
            return self._store

    @property
    def version(self) -> str:
        self.store()
        return Path(self._version).name

    @property
    def modified(self) -> datetime:
        self.store()
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
