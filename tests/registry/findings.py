"""Comparing validation reports finding by finding, and a catalog change that breaks several rules."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, URIRef

from registry.build import load_upl
from registry.settings import Settings
from registry.sources import LoadedSources, Source, load_sources
from registry.validation import Finding
from tests.conftest import PREFIXES

# Added to the real catalog: a wrong language, another municipality's channel, a negative fee, a
# second Dutch title, opening hours that close before they open.
BROKEN = """
@prefix aanbod: <https://dienstengraaf.nl/id/aanbod/> .
@prefix kanaal: <https://dienstengraaf.nl/id/kanaal/> .
@prefix kosten: <https://dienstengraaf.nl/id/kosten/> .
aanbod:utrecht-paspoort dg:localCondition "Nur mit Termin."@de ; cv:hasChannel kanaal:zwolle-balie .
kosten:utrecht-paspoort-18-plus cv:hasValue "-1"^^xsd:double .
product:paspoort dct:title "Zweiter Titel"@nl .
[] a dg:OpeningHours ; schema:opens "18:00:00"^^xsd:time ; schema:closes "09:00:00"^^xsd:time .
"""


def key(finding: Finding) -> tuple[object, ...]:
    """Everything a finding says: focus node, shape, constraint, path, severity, value, and the text,
    resource and files shown with it."""
    return (
        finding.focus,
        finding.shape,
        finding.source_constraint,
        finding.constraint,
        finding.path,
        finding.severity,
        finding.value,
        finding.message,
        finding.resource,
        finding.files,
    )


def counted(findings: Iterable[Finding]) -> Counter[tuple[object, ...]]:
    return Counter(map(key, findings))


def catalog_with(turtle: str, store_dir: Path) -> tuple[LoadedSources, Graph | None]:
    """The real catalog plus one extra file with this Turtle (the usual prefixes declared), and the UPL."""
    settings = Settings(store_dir=store_dir)
    loaded = load_sources(settings)
    graph = Graph().parse(data=PREFIXES + turtle, format="turtle")
    loaded.sources.append(Source(Path("broken.ttl"), "extra", URIRef("urn:test:broken"), graph))
    return loaded, load_upl(settings)
