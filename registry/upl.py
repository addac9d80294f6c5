"""Import of the national Uniform Product Names list (UPL-actueel.csv) as a SKOS concept scheme."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, SKOS, XSD, Graph, Literal, URIRef
from rdflib.term import Node

from registry.namespaces import DCT, DG, ELI, FOAF, UPL_SCHEME

COLUMNS = (
    "UniformeProductnaam",
    "URI",
    "Rijk",
    "Provincie",
    "Waterschap",
    "Gemeente",
    "Burger",
    "Bedrijf",
    "Dienstenwet",
    "SDG",
    "Autonomie",
    "Medebewind",
    "Aanvraag",
    "Subsidie",
    "Melding",
    "Verplichting",
    "Grondslag",
    "Grondslaglabel",
    "Grondslaglink",
)
FLAGS = {
    "Rijk": DG.uplRijk,
    "Provincie": DG.uplProvincie,
    "Waterschap": DG.uplWaterschap,
    "Gemeente": DG.uplGemeente,
    "Burger": DG.uplBurger,
    "Bedrijf": DG.uplBedrijf,
    "Dienstenwet": DG.uplDienstenwet,
    "Autonomie": DG.uplAutonomie,
    "Medebewind": DG.uplMedebewind,
    "Aanvraag": DG.uplAanvraag,
    "Subsidie": DG.uplSubsidie,
    "Melding": DG.uplMelding,
    "Verplichting": DG.uplVerplichting,
}


class UplFormatError(ValueError):
    """The CSV is not a UPL export: a column is missing or a row has no URI."""


@dataclass(frozen=True)
class UplImport:
    """The UPL as a graph, with counts for reporting."""

    graph: Graph
    products: int
    rows: int


def read_upl(path: Path) -> UplImport:
    """Read UPL-actueel.csv into a SKOS scheme: one concept per URI (rows grouped by URI, one row per
    legal basis), every column kept as data."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise UplFormatError(f"{path}: kolommen ontbreken: {', '.join(missing)}")
        rows = list(reader)
    graph = Graph()
    graph.bind("skos", SKOS)
    graph.bind("dg", DG)
    graph.add((UPL_SCHEME, RDF.type, SKOS.ConceptScheme))
    graph.add((UPL_SCHEME, SKOS.prefLabel, Literal("Uniforme Productnamenlijst (UPL)", lang="nl")))
    graph.add((UPL_SCHEME, SKOS.prefLabel, Literal("Uniform Product Names list (UPL)", lang="en")))
    graph.add((UPL_SCHEME, DCT.source, URIRef("https://standaarden.overheid.nl/owms/oquery/UPL-actueel.csv")))
    concepts: set[URIRef] = set()
    for number, row in enumerate(rows, start=2):
        uri = (row["URI"] or "").strip()
        if not uri:
            raise UplFormatError(f"{path}:{number}: rij zonder URI")
        concept = URIRef(uri)
        if concept not in concepts:
            concepts.add(concept)
            _add_concept(graph, concept, row)
        _add_legal_basis(graph, concept, row)
    return UplImport(graph, len(concepts), len(rows))


def _add_concept(graph: Graph, concept: URIRef, row: dict[str, str]) -> None:
    graph.add((concept, RDF.type, SKOS.Concept))
    graph.add((concept, SKOS.inScheme, UPL_SCHEME))
    graph.add((concept, SKOS.prefLabel, Literal(row["UniformeProductnaam"].strip(), lang="nl")))
    for column, prop in FLAGS.items():
        graph.add((concept, prop, Literal(row[column].strip().upper() == "X", datatype=XSD.boolean)))
    for code in filter(None, (c.strip() for c in row["SDG"].split(";"))):
        graph.add((concept, DG.sdgCode, Literal(code)))


def _add_legal_basis(graph: Graph, concept: URIRef, row: dict[str, str]) -> None:
    basis = row["Grondslag"].strip()
    if not basis:
        return
    legal = URIRef(basis)
    graph.add((concept, DG.uplLegalBasis, legal))
    graph.add((legal, RDF.type, ELI.LegalResource))
    graph.add((legal, DCT.identifier, Literal(basis.rsplit("/", 1)[-1])))
    if row["Grondslaglabel"].strip():
        graph.add((legal, DCT.title, Literal(row["Grondslaglabel"].strip(), lang="nl")))
    if row["Grondslaglink"].strip():
        graph.add((legal, FOAF.page, URIRef(row["Grondslaglink"].strip())))


def restrict(upl: Graph, concepts: Iterable[Node]) -> Graph:
    """The part of the UPL that validation needs: the scheme, the given concepts and their legal bases.
    Keeping the rest out makes validation faster without changing its results."""
    part = Graph()
    for triple in upl.triples((UPL_SCHEME, None, None)):
        part.add(triple)
    for concept in set(concepts):
        for triple in upl.triples((concept, None, None)):
            part.add(triple)
            if triple[1] == DG.uplLegalBasis:
                for legal_triple in upl.triples((triple[2], None, None)):
                    part.add(legal_triple)
    return part
