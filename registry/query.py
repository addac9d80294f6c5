"""Running SPARQL queries against the store and serialising the results."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from registry.backend import AnyStore
from registry.namespaces import PREFIXES

RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}


class QueryFormatError(ValueError):
    """The requested output format does not fit the kind of query (e.g. csv for CONSTRUCT)."""


def query_text(query_or_file: str) -> str:
    """The query itself, or the contents of the .rq file it names."""
    candidate = Path(query_or_file)
    if query_or_file.endswith((".rq", ".sparql")) and candidate.is_file():
        return candidate.read_text(encoding="utf-8")
    return query_or_file


def run_query(store: AnyStore, text: str, output: str = "json") -> bytes:
    """Run a SPARQL query over the union of the named graphs and serialise the result.

    SELECT and ASK take json, xml, csv or tsv; CONSTRUCT and DESCRIBE take turtle, ntriples, rdfxml
    or jsonld. The registry's usual prefixes (dg:, cpsv:, product:, ...) are predeclared.
    """
    result = store.query(text, use_default_graph_as_union=True, prefixes=PREFIXES)
    if isinstance(result, ox.QueryTriples):
        if output not in GRAPH_FORMATS:
            raise QueryFormatError(f"Een CONSTRUCT- of DESCRIBE-query geeft RDF: kies uit {', '.join(GRAPH_FORMATS)}.")
        data = result.serialize(format=GRAPH_FORMATS[output])
    else:
        if output not in RESULT_FORMATS:
            raise QueryFormatError(f"Een SELECT- of ASK-query geeft een tabel: kies uit {', '.join(RESULT_FORMATS)}.")
        data = result.serialize(format=RESULT_FORMATS[output])
    assert data is not None
    return data
