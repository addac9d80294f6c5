"""Serialising SPARQL results (SELECT rows, ASK booleans, CONSTRUCT/DESCRIBE triples) in the
formats of the SPARQL 1.1 Protocol, from rows that were already cut to the result limit."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from json.encoder import encode_basestring as _quote
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

TABLE_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
}
BOOLEAN_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "application/json": "json",
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}


def _json_term(term: Term) -> str:
    """One RDF term as a SPARQL JSON results object, as text (json's C string encoder does the escaping)."""
    if isinstance(term, ox.NamedNode):
        return '{"type":"uri","value":' + _quote(term.value) + "}"
    if isinstance(term, ox.BlankNode):
        return '{"type":"bnode","value":' + _quote(term.value) + "}"
    if isinstance(term, ox.Literal):
        value = '{"type":"literal","value":' + _quote(term.value)
        if term.language:
            return value + ',"xml:lang":' + _quote(term.language) + "}"
        if term.datatype.value not in (XSD_STRING, LANG_STRING):
            return value + ',"datatype":' + _quote(term.datatype.value) + "}"
        return value + "}"
    return '{"type":"triple","value":' + _quote(str(term)) + "}"


def _xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value not in (XSD_STRING, LANG_STRING):
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


def _csv_term(term: Term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    return str(term)


def select(media: str, variables: Sequence[str], rows: Sequence[Sequence[Term]]) -> bytes:
    """SELECT results in one of the table formats (json, xml, csv, tsv)."""
    kind = TABLE_TYPES[media]
    if kind == "json":
        return _select_json(variables, rows)
    if kind == "xml":
        return _select_xml(variables, rows)
    if kind == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(variables)
        writer.writerows([_csv_term(t) for t in row] for row in rows)
        return buffer.getvalue().encode("utf-8")
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _once(encode: Callable[[Term], str]) -> Callable[[Term], str]:
    """`encode`, remembering each distinct term: result rows repeat the same IRIs and literals a lot."""
    done: dict[Term, str] = {}

    def encoded(term: Term) -> str:
        text = done.get(term)
        if text is None:
            text = done[term] = encode(term)
        return text

    return encoded


def _select_json(variables: Sequence[str], rows: Sequence[Sequence[Term]]) -> bytes:
    keys, term = [_quote(v) + ":" for v in variables], _once(_json_term)
    parts = [
        "{" + ",".join(key + term(t) for key, t in zip(keys, row, strict=True) if t is not None) + "}" for row in rows
    ]
    head = '{"vars":[' + ",".join(_quote(v) for v in variables) + "]}"
    return ('{"head":' + head + ',"results":{"bindings":[' + ",".join(parts) + "]}}").encode("utf-8")


def _select_xml(variables: Sequence[str], rows: Sequence[Sequence[Term]]) -> bytes:
    names, term = [f"<binding name={quoteattr(v)}>" for v in variables], _once(_xml_term)
    parts = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
    parts += [f"<variable name={quoteattr(v)}/>" for v in variables]
    parts.append("</head><results>")
    for row in rows:
        parts.append("<result>")
        parts += [f"{name}{term(t)}</binding>" for name, t in zip(names, row, strict=True) if t is not None]
        parts.append("</result>")
    parts.append("</results></sparql>")
    return "".join(parts).encode("utf-8")


def boolean(media: str, value: bool) -> bytes:
    """ASK results (json or xml)."""
    if BOOLEAN_TYPES[media] == "json":
        return json.dumps({"head": {}, "boolean": value}).encode("utf-8")
    return (
        '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
        f"<boolean>{'true' if value else 'false'}</boolean></sparql>"
    ).encode()


def graph(media: str, triples: Sequence[ox.Triple], prefixes: dict[str, str] | None = None) -> bytes:
    """CONSTRUCT and DESCRIBE results as Turtle, N-Triples, JSON-LD or RDF/XML (Turtle with prefixes)."""
    rdf_format = GRAPH_TYPES[media]
    data = ox.serialize(triples, format=rdf_format, prefixes=prefixes if rdf_format == ox.RdfFormat.TURTLE else None)
    assert data is not None
    return data
