"""The catalog read as CPSV-AP 3.2.0: what an EU-profile consumer needs, derived from the registry."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef

from registry.namespaces import DG
from registry.store import in_memory, to_rdflib
from registry.upl import restrict

VIEW_QUERIES = Path(__file__).parent / "queries" / "cpsv-ap"
DATA = "urn:dienstengraaf:cpsv-ap"
ONTOLOGY = "urn:dienstengraaf:ontology"


def cpsv_ap_view(data: Graph, ontology: Graph, upl: Graph | None = None) -> Graph:
    """The data plus what CPSV-AP expects explicitly: superclasses and CPSV-AP super-properties,
    requirements on the service, complete municipal offerings (inherited from their standard) and
    dct:language. The queries in queries/cpsv-ap/ run in order, each seeing what the previous added.
    With the UPL, the UPL concepts the products point to are included (CPSV-AP checks
    cv:isClassifiedBy against skos:Concept)."""
    store = in_memory({URIRef(DATA): data, URIRef(ONTOLOGY): ontology})
    target = ox.NamedNode(DATA)
    for path in sorted(VIEW_QUERIES.glob("*.rq")):
        derived = store.query(path.read_text(encoding="utf-8"), use_default_graph_as_union=True)
        assert isinstance(derived, ox.QueryTriples)
        store.extend([ox.Quad(t.subject, t.predicate, t.object, target) for t in derived])
    view = to_rdflib(store, DATA)
    if upl is not None:
        view += restrict(upl, view.objects(None, DG.uplProduct))
    return view
