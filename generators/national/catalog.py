"""What the generator needs from the registry's own files: the national products (read with
registry.reader, so nothing is hard-coded) and the municipalities the catalog already describes."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from registry.model import Municipality, Product
from registry.reader import list_municipalities, read_catalog
from registry.settings import Settings
from registry.sources import LoadError, LoadProblem, discover, graph_iri


@dataclass(frozen=True)
class CatalogFacts:
    """The products in catalog order, the municipalities already in the catalog (the hand-written
    examples), and the names of the catalog files (a generated file must not have one of them)."""

    products: tuple[Product, ...]
    existing: tuple[Municipality, ...]
    file_names: frozenset[str]


def read_catalog_facts(settings: Settings) -> CatalogFacts:
    """Load ontology, code lists and catalog (with the examples when the settings include them)
    into an in-memory store and read the products and municipalities from it. A file that does not
    parse raises LoadError."""
    store = ox.Store()
    names = set()
    for path, kind in discover(settings):
        if kind == "shapes":
            continue
        try:
            store.load(
                path=str(path),
                format=ox.RdfFormat.TURTLE,
                base_iri=path.resolve().as_uri(),
                to_graph=ox.NamedNode(str(graph_iri(path, kind, settings))),
            )
        except SyntaxError as error:
            raise LoadError([LoadProblem(path, error.lineno, error.msg or str(error))]) from error
        if kind in ("catalog", "example"):
            names.add(path.name)
    catalog = read_catalog(store)
    return CatalogFacts(tuple(catalog.products.values()), tuple(list_municipalities(store)), frozenset(names))
