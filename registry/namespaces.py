"""Namespaces and well-known IRIs of the registry."""

from __future__ import annotations

from rdflib import Namespace, URIRef

DG = Namespace("https://dienstengraaf.nl/def/")
DGSH = Namespace("https://dienstengraaf.nl/shapes/")
CPSV = Namespace("http://purl.org/vocab/cpsv#")
CV = Namespace("http://data.europa.eu/m8g/")
DCT = Namespace("http://purl.org/dc/terms/")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
SCHEMA = Namespace("https://schema.org/")
UPL = Namespace("http://standaarden.overheid.nl/owms/terms/")

ID = "https://dienstengraaf.nl/id/"
GRAPH = "https://dienstengraaf.nl/graph/"
UPL_SCHEME = URIRef(ID + "upl")
UPL_GRAPH = URIRef(GRAPH + "upl")
INFERRED_GRAPH = URIRef(GRAPH + "inferred")
META_GRAPH = URIRef(GRAPH + "meta")

PREFIXES: dict[str, str] = {
    "dg": str(DG),
    "dgsh": str(DGSH),
    "cpsv": str(CPSV),
    "cv": str(CV),
    "dct": str(DCT),
    "eli": str(ELI),
    "foaf": str(FOAF),
    "schema": str(SCHEMA),
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "sh": "http://www.w3.org/ns/shacl#",
    "product": ID + "product/",
    "proces": ID + "proces/",
    "stap": ID + "stap/",
    "faq": ID + "faq/",
    "dienst": ID + "dienst/",
    "gemeente": ID + "gemeente/",
    "aanbod": ID + "aanbod/",
    "upl": str(UPL),
    "eis": ID + "eis/",
    "kosten": ID + "kosten/",
    "bewijs": ID + "bewijsstuk/",
    "resultaat": ID + "resultaat/",
    "organisatie": ID + "organisatie/",
    "kanaal": ID + "kanaal/",
    "kanaaltype": ID + "kanaaltype/",
    "middel": ID + "identiteitsmiddel/",
    "niveau": ID + "betrouwbaarheidsniveau/",
    "complexiteit": ID + "complexiteit/",
    "doelgroep": ID + "doelgroep/",
    "thema": ID + "thema/",
    "levensgebeurtenis": ID + "levensgebeurtenis/",
    "tariefsoort": ID + "tariefsoort/",
    "resultaattype": ID + "resultaattype/",
    "rechtsmiddel": ID + "rechtsmiddel/",
    "vraagonderwerp": ID + "vraagonderwerp/",
    "locn": "http://www.w3.org/ns/locn#",
}
