"""What a single resource says about itself: its concise bounded description as RDF, and a readable
table of its properties (for the generic linked-data page)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from registry.backend import AnyStore

QUERIES = Path(__file__).parent / "queries" / "read"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@dataclass(frozen=True)
class Value:
    text: str
    iri: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class Row:
    property: str
    property_iri: str
    values: tuple[Value, ...]


@dataclass(frozen=True)
class ResourceView:
    iri: str
    label: str
    types: tuple[Value, ...]
    rows: tuple[Row, ...]


def describe(store: AnyStore, iri: str) -> list[ox.Triple]:
    """The triples about `iri` and the blank nodes it points to; empty when the registry does not know it."""
    query = (QUERIES / "describe.rq").read_text(encoding="utf-8")
    triples = store.query(
        query, use_default_graph_as_union=True, substitutions={ox.Variable("resource"): ox.NamedNode(iri)}
    )
    assert isinstance(triples, ox.QueryTriples)
    return list(triples)


def label(store: AnyStore, iri: str, lang: str = "nl") -> str | None:
    """The label of a resource in the given language (else any label); None when it has none."""
    query = (QUERIES / "label.rq").read_text(encoding="utf-8")
    rows = store.query(
        query, use_default_graph_as_union=True, substitutions={ox.Variable("resource"): ox.NamedNode(iri)}
    )
    assert isinstance(rows, ox.QuerySolutions)
    labels = [(r["label"].language, r["label"].value) for r in rows if isinstance(r["label"], ox.Literal)]
    preferred = [text for language, text in labels if language == lang]
    others = [text for _, text in sorted(labels, key=lambda x: str(x[0]))]
    return (preferred or others)[0] if (preferred or others) else None


def resource_view(store: AnyStore, iri: str) -> ResourceView | None:
    """A table of the resource's own properties with readable labels."""
    triples = [t for t in describe(store, iri) if isinstance(t.subject, ox.NamedNode) and t.subject.value == iri]
    if not triples:
        return None
    labels: dict[str, str] = {}

    def named(node: ox.NamedNode) -> str:
        if node.value not in labels:
            labels[node.value] = (
                label(store, node.value) or node.value.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
            )
        return labels[node.value]

    def value(term: object) -> Value:
        if isinstance(term, ox.NamedNode):
            return Value(named(term), term.value)
        if isinstance(term, ox.Literal):
            return Value(term.value, None, term.language)
        return Value("(samengesteld gegeven)")

    grouped: dict[str, list[Value]] = {}
    types: list[Value] = []
    for triple in triples:
        if triple.predicate.value == RDF_TYPE:
            types.append(value(triple.object))
        else:
            grouped.setdefault(triple.predicate.value, []).append(value(triple.object))
    rows = tuple(
        sorted(
            (
                Row(named(ox.NamedNode(p)), p, tuple(sorted(vs, key=lambda v: (v.language or "", v.text))))
                for p, vs in grouped.items()
            ),
            key=lambda r: r.property.casefold(),
        )
    )
    return ResourceView(iri, label(store, iri) or iri.rsplit("/", 1)[-1], tuple(types), rows)
