"""The store contract: the embedded store, an Oxigraph server and OpenLink Virtuoso, each built with
the real build, hold the same registry, answer the registry's reads the same way, and take writes
all-or-nothing. The remote servers are real processes on 127.0.0.1 (tests/stores.py)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.compare import to_isomorphic

from registry import backend, reasoning, writes
from registry.build import build
from registry.namespaces import DG, INFERRED_GRAPH
from registry.reader import list_municipalities, read_catalog, read_municipality
from registry.remote import STAGING, RemoteStore, RemoteStoreError
from registry.settings import Settings
from registry.stats import stats
from registry.writes import staged_write
from tests.stores import KINDS, StoreServers

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
NUMBERS = {XSD.double, XSD.float, XSD.decimal}


def _checkout(directory: Path) -> Path:
    for name in ("ontology", "shapes", "catalog"):
        shutil.copytree(ROOT / name, directory / name)
    return directory


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _checkout(tmp_path_factory.mktemp("contract-checkout"))


@pytest.fixture(scope="module")
def embedded_settings(checkout: Path) -> Settings:
    settings = Settings(root=checkout, shared_dir=SHARED, store_dir=checkout / "var" / "store", reason=False)
    assert build(settings).built
    return settings


@pytest.fixture(scope="module", params=KINDS)
def settings(
    request: pytest.FixtureRequest, checkout: Path, embedded_settings: Settings, store_servers: StoreServers
) -> Iterator[Settings]:
    """Settings for a store of each kind, built from the same checkout."""
    if request.param == "embedded":  # its own store: the write tests change it
        own = Settings(root=checkout, shared_dir=SHARED, store_dir=checkout / "var" / "own-store", reason=False)
        assert build(own).built
        yield own
        return
    server = store_servers.start(request.param)
    remote = Settings(root=checkout, shared_dir=SHARED, reason=False, **server.settings())
    result = build(remote)
    assert result.built and result.version
    yield remote
    server.stop()


def canonical(graph: Graph) -> Graph:
    """The graph with numbers in one lexical form (Virtuoso writes 0.0 where the source has 0)."""
    result = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype in NUMBERS:
            o = Literal(format(float(o), "g"), datatype=o.datatype)
        result.add((s, p, o))
    return result


def dataset(store: backend.AnyStore) -> dict[str, Graph]:
    graphs: dict[str, Graph] = {}
    for name in store.named_graphs():
        if name.value.endswith("/meta"):
            continue
        graphs[name.value] = canonical(backend.to_rdflib(store, name.value))
    return graphs


def test_the_build_publishes_the_same_graphs(settings: Settings, embedded_settings: Settings) -> None:
    expected = dataset(backend.open_store(embedded_settings))
    actual = dataset(backend.open_store(settings))
    assert sorted(actual) == sorted(expected)
    for iri, graph in expected.items():
        assert to_isomorphic(actual[iri]) == to_isomorphic(graph), iri


def test_counts_are_the_same(settings: Settings, embedded_settings: Settings) -> None:
    expected = stats(backend.open_store(embedded_settings))
    actual = stats(backend.open_store(settings))
    for key in ("products", "standard_processes", "steps", "faqs", "national_services", "municipalities", "offerings"):
        assert actual[key] == expected[key], key


def test_readers_see_the_same_catalog(settings: Settings, embedded_settings: Settings) -> None:
    expected, actual = backend.open_store(embedded_settings), backend.open_store(settings)
    assert read_catalog(actual, "v") == read_catalog(expected, "v")
    municipalities = list_municipalities(actual)
    assert municipalities == list_municipalities(expected)
    for municipality in municipalities:  # a CONSTRUCT with a fixed value (substitution) per municipality
        assert read_municipality(actual, municipality.iri) == read_municipality(expected, municipality.iri)


QUERIES = [
    "SELECT ?product ?title WHERE { ?product a <https://dienstengraaf.nl/def/Product> ; "
    "<http://purl.org/dc/terms/title> ?title FILTER(lang(?title) = 'nl') } ORDER BY ?product",
    "PREFIX cv: <http://data.europa.eu/m8g/> SELECT ?cost ?value WHERE { ?cost a cv:Cost ; cv:hasValue ?value } "
    "ORDER BY ?cost ?value",
    "ASK { <https://dienstengraaf.nl/id/product/paspoort> ?p ?o }",
    "ASK { <https://dienstengraaf.nl/id/product/bestaat-niet> ?p ?o }",
    "CONSTRUCT WHERE { <https://dienstengraaf.nl/id/product/paspoort> ?p ?o }",
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(CONTAINS(STR(?g), '/catalog/')) } "
    "GROUP BY ?g ORDER BY ?g",
]


def _plain(term: object) -> str:
    return "_" if isinstance(term, ox.BlankNode) else str(term)


def _answer(store: backend.AnyStore, text: str) -> object:
    result = store.query(text, use_default_graph_as_union=True)
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QueryTriples):  # blank node labels differ per store
        return sorted(" ".join(_plain(term) for term in triple) for triple in result)
    rows = []
    for solution in result:
        row = []
        for value in solution:
            if isinstance(value, ox.Literal) and value.datatype.value in {str(n) for n in NUMBERS}:
                row.append(format(float(value.value), "g"))
            else:
                row.append(_plain(value))
        rows.append(tuple(row))
    return rows


@pytest.mark.parametrize("text", QUERIES)
def test_typical_queries_answer_the_same(settings: Settings, embedded_settings: Settings, text: str) -> None:
    assert _answer(backend.open_store(settings), text) == _answer(backend.open_store(embedded_settings), text)


def test_durations_come_back_as_written(settings: Settings) -> None:
    # Regression: Virtuoso stores xsd:duration as a number of seconds or months ("3.6288e+06" for P42D).
    store = backend.open_store(settings)
    catalog = read_catalog(store, "v")
    assert catalog.products["paspoort"].processing_time == "P5D"
    deadlines = {r.deadline for p in catalog.products.values() for r in p.redress if r.deadline}
    assert deadlines == {"P42D", "P3M"}  # days and months: the two forms Virtuoso stores differently


class _FailingUpload(RemoteStore):
    """A client whose third graph upload fails, as a dropped connection would."""

    uploads = 0

    def _put_graph(self, iri: str, data: bytes) -> None:
        self.uploads += 1
        if self.uploads == 3:
            raise RemoteStoreError("verbinding verbroken (test)")
        super()._put_graph(iri, data)


def test_a_failed_publish_leaves_the_store_as_it_was(settings: Settings) -> None:
    if not settings.remote:
        pytest.skip("the embedded store's all-or-nothing build is tested in test_build.py")
    remote = RemoteStore.from_settings(settings)
    before_version, before = remote.state(refresh=True)
    counts = {g: len(backend.to_rdflib(remote, g)) for g in before}
    failing = _FailingUpload(remote.endpoints, None, 30)
    failing._write_auth = remote._write_auth  # same credentials as the real client
    graphs = {g: Graph() + backend.to_rdflib(remote, g) for g in before[:5]}
    with pytest.raises(RemoteStoreError):
        failing.publish(graphs, replace_all=True)
    after_version, after = remote.state(refresh=True)
    assert (after_version, after) == (before_version, before)
    assert {g: len(backend.to_rdflib(remote, g)) for g in after} == counts
    leftovers = remote.query(
        f"ASK {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), '{STAGING}')) }}",
        named_graphs=None,
        default_graph=None,
    )
    assert not bool(leftovers)


def _title(store: backend.AnyStore) -> list[str]:
    text = (
        "SELECT ?t WHERE { <https://dienstengraaf.nl/id/product/paspoort> "
        "<http://purl.org/dc/terms/title> ?t FILTER(lang(?t) = 'nl') }"
    )
    result = store.query(text, use_default_graph_as_union=True)
    assert isinstance(result, ox.QuerySolutions)
    return sorted(str(s["t"].value) for s in result)


def test_an_invalid_write_is_rejected_whole(settings: Settings) -> None:
    version = backend.version(settings)
    before = _title(backend.open_store(settings))

    def remove_titles(store: ox.Store) -> None:
        store.update(
            "DELETE WHERE { GRAPH ?g { <https://dienstengraaf.nl/id/product/paspoort> "
            "<http://purl.org/dc/terms/title> ?t } }"
        )

    outcome = staged_write(settings, remove_titles)
    assert not outcome.applied and outcome.report is not None and not outcome.report.conforms
    assert backend.version(settings) == version
    assert _title(backend.open_store(settings)) == before


def test_a_valid_write_is_applied(settings: Settings) -> None:
    version = backend.version(settings)

    def rename(store: ox.Store) -> None:
        store.update(
            "DELETE { GRAPH ?g { ?p <http://purl.org/dc/terms/title> ?t } } "
            "INSERT { GRAPH ?g { ?p <http://purl.org/dc/terms/title> 'Paspoort (nieuw)'@nl } } "
            "WHERE { BIND(<https://dienstengraaf.nl/id/product/paspoort> AS ?p) "
            "GRAPH ?g { ?p <http://purl.org/dc/terms/title> ?t FILTER(lang(?t) = 'nl') } }"
        )

    outcome = staged_write(settings, rename)
    assert outcome.applied, outcome.report and [f.message for f in outcome.report.findings][:3]
    assert backend.version(settings) != version
    assert _title(backend.open_store(settings)) == ["Paspoort (nieuw)"]


def _add_chat(offering: str) -> Callable[[ox.Store], None]:
    """A change: Utrecht's chat as one more channel of an offering (in the offering's own graph)."""

    def change(store: ox.Store) -> None:
        store.update(
            "INSERT { GRAPH ?g { ?o <http://data.europa.eu/m8g/hasChannel> "
            "<https://dienstengraaf.nl/id/kanaal/utrecht-chat> } } "
            f"WHERE {{ BIND(<https://dienstengraaf.nl/id/aanbod/{offering}> AS ?o) "
            "GRAPH ?g { ?o a <https://dienstengraaf.nl/def/MunicipalOffering> } }"
        )

    return change


def test_a_write_updates_the_inferred_graph_as_reasoning_over_everything_would(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write HermiT sees (a channel more for an offering) is reasoned over incrementally (the full run
    is not called) and leaves the inferred graph that a full run over the stored data gives."""

    def full_run(*_: object) -> None:
        raise AssertionError("this write should not need reasoning over everything")

    # The store was built without reasoning: the first write makes the inferred graph, in full.
    assert staged_write(settings, _add_chat("utrecht-identiteitskaart")).applied
    monkeypatch.setattr(writes, "reason", full_run)
    outcome = staged_write(settings, _add_chat("utrecht-paspoort"))
    assert outcome.applied and outcome.reasoning is not None and outcome.reasoning.consistent
    monkeypatch.undo()
    store = backend.open_store(settings)
    loaded, _ = writes.sources_from_store(store, settings)
    full = reasoning.reason(loaded.union(["ontology"]), loaded.union())
    stored = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(str(INFERRED_GRAPH)))
    assert set(Graph().parse(data=stored, format="nt")) == set(full.inferred)


@pytest.mark.parametrize("graph", ["ontology/dienstengraaf.ttl", "inferred"])
def test_a_write_to_the_ontology_or_the_inferred_graph_is_reasoned_over_in_full(settings: Settings, graph: str) -> None:
    """Regression: a new subclass axiom changed no data triple, so incremental reasoning saw nothing to
    do; an edit of the inferred graph itself would have stayed. Both mean reasoning over everything."""
    if settings.remote:  # registry.writes decides this alike for every store; its remote path is tested above
        pytest.skip("the same decision for every store: tested on the embedded store")
    channel = "<https://dienstengraaf.nl/id/kanaal/utrecht-balie>"
    contact_point = "<http://data.europa.eu/m8g/ContactPoint>"
    triple = (
        f"<http://data.europa.eu/m8g/Channel> <http://www.w3.org/2000/01/rdf-schema#subClassOf> {contact_point}"
        if graph.startswith("ontology")
        else f"{channel} a <https://dienstengraaf.nl/def/Product>"
    )

    def insert(store: ox.Store) -> None:
        store.update(f"INSERT DATA {{ GRAPH <https://dienstengraaf.nl/graph/{graph}> {{ {triple} }} }}")

    outcome = staged_write(settings, insert)
    assert outcome.applied, outcome.report and [f.message for f in outcome.report.findings][:3]
    store = backend.open_store(settings)
    loaded, _ = writes.sources_from_store(store, settings)
    full = reasoning.reason(loaded.union(["ontology"]), loaded.union())
    stored = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(str(INFERRED_GRAPH)))
    assert set(Graph().parse(data=stored, format="nt")) == set(full.inferred)
    if graph.startswith("ontology"):
        assert (URIRef(channel[1:-1]), RDF.type, URIRef(contact_point[1:-1])) in full.inferred
    else:
        assert (URIRef(channel[1:-1]), RDF.type, DG.Product) not in full.inferred


def test_incremental_reasoning_can_be_switched_off(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """DIENSTENGRAAF_INCREMENTAL_REASONING=false: every write reasons over everything."""
    if settings.remote:
        pytest.skip("the same decision for every store: tested on the embedded store")
    assert staged_write(settings, _add_chat("utrecht-rijbewijs")).applied  # an inferred graph for sure
    full_runs: list[object] = []
    real = writes.reason

    def counted(*args: Any) -> reasoning.ReasoningResult:
        full_runs.append(args)
        return real(*args)

    monkeypatch.setattr(writes, "reason", counted)
    assert staged_write(settings, _add_chat("utrecht-verhuismelding")).applied
    assert not full_runs
    off = settings.model_copy(update={"incremental_reasoning": False})
    assert staged_write(off, _add_chat("utrecht-aangifte-vertrek-buitenland")).applied
    assert len(full_runs) == 1
