"""The read model's queries (registry/queries/read) on the catalog in an in-memory store."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import URIRef

from registry.reader import national_part, read_catalog, read_municipality
from registry.settings import Settings
from registry.sources import load_sources
from registry.store import in_memory

DG = "https://dienstengraaf.nl/def/"


def catalog_store() -> ox.Store:
    loaded = load_sources(Settings())
    return in_memory({URIRef(str(s.graph_iri)): s.graph for s in loaded.sources})


def test_the_national_part_leaves_out_what_belongs_to_municipalities() -> None:
    """Regression: its exclusions read the empty default graph and let every offering, channel and
    local cost through (26 s at national size instead of 2 s)."""
    store = catalog_store()
    subjects = {str(s) for s, _, _ in national_part(store)}
    offerings = {q.subject.value for q in store.quads_for_pattern(None, ox.NamedNode(DG + "offeredBy"), None)}
    owned_by = ox.NamedNode("http://data.europa.eu/m8g/ownedBy")
    channels = {q.subject.value for q in store.quads_for_pattern(None, owned_by, None)}
    assert offerings and channels
    assert not subjects & (offerings | channels)
    assert "https://dienstengraaf.nl/id/product/paspoort" in subjects
    catalog = read_catalog(store)
    assert "paspoort" in catalog.products and "digid" in catalog.services


def test_one_municipality_has_its_channels_offerings_and_local_costs() -> None:
    store = catalog_store()
    utrecht = read_municipality(store, "https://dienstengraaf.nl/id/gemeente/utrecht")
    assert utrecht is not None and utrecht.channels and utrecht.offerings
    paspoort = next(o for o in utrecht.offerings if o.id == "utrecht-paspoort")
    assert paspoort.costs and all(c.amount is not None for c in paspoort.costs)
    assert read_municipality(store, "https://dienstengraaf.nl/id/gemeente/bestaat-niet") is None
