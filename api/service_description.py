"""The SPARQL 1.1 Service Description of the endpoint, with its limits and named graphs."""

from __future__ import annotations

from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef

from registry.backend import AnyStore
from registry.settings import Settings

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")


def service_description(settings: Settings, store: AnyStore) -> Graph:
    """sd:Service for /sparql: languages, result formats, the default dataset and the limits."""
    graph = Graph()
    graph.bind("sd", SD)
    graph.bind("formats", FORMATS)
    service = URIRef(f"{settings.base_url}/sparql")
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, service))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Update))
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    graph.add((service, SD.feature, SD.DereferencesURIs))
    for name in (
        "SPARQL_Results_JSON",
        "SPARQL_Results_XML",
        "SPARQL_Results_CSV",
        "SPARQL_Results_TSV",
        "Turtle",
        "N-Triples",
        "JSON-LD",
        "RDF_XML",
    ):
        graph.add((service, SD.resultFormat, FORMATS[name]))
    graph.add((service, RDFS.label, Literal("Dienstengraaf SPARQL-endpoint", lang="nl")))
    graph.add(
        (
            service,
            RDFS.comment,
            Literal(
                f"Alleen lezen zonder token. Updates via {settings.base_url}/sparql/update met een token. "
                f"SERVICE en LOAD zijn niet toegestaan. Een query mag {settings.query_timeout:g} seconden duren en "
                f"geeft hooguit {settings.result_limit} rijen. "
                "Zonder default-graph-uri is de default graph de vereniging "
                "van alle named graphs.",
                lang="nl",
            ),
        )
    )
    dataset = BNode()
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    default = BNode()
    graph.add((dataset, SD.defaultGraph, default))
    graph.add((default, RDF.type, SD.Graph))
    for graph_name in sorted(store.named_graphs(), key=lambda n: n.value):
        named = BNode()
        graph.add((dataset, SD.namedGraph, named))
        graph.add((named, RDF.type, SD.NamedGraph))
        graph.add((named, SD.name, URIRef(graph_name.value)))
    return graph
