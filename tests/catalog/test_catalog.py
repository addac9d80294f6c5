"""The reference catalog: the 60 UPL products, each with a standard process, a real UPL link and
FAQs; the whole catalog validates without violations or warnings and lints clean."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from rdflib import RDF, Graph, URIRef

from registry.build import Checked, check
from registry.namespaces import DCT, DG
from registry.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
REQUIRED_UPL_NAMES = [
    "paspoort",
    "identiteitskaart",
    "rijbewijs",
    "verhuismelding",
    "aangifte vertrek buitenland",
    "brp-inschrijving",
    "brp-uittreksel",
    "briefadres",
    "geboorteaangifte",
    "erkenning kind",
    "overlijdensaangifte",
    "huwelijksaangifte",
    "geregistreerd partnerschapaangifte",
    "naturalisatieverzoek",
    "verklaring omtrent gedrag (vog)",
    "legalisatie handtekening",
    "akte van de burgerlijke stand",
    "geboorteakte",
    "naamgebruik verzoek aanduiding",
    "achternaamwijziging",
    "voornaamwijziging",
    "gehandicaptenparkeerkaart",
    "gehandicaptenparkeerkaart bestuurder",
    "gehandicaptenparkeerplaats",
    "verlof tot begraven",
    "rni inschrijving",
    "kiezerspas",
    "volmachtbewijs verkiezingen",
    "stempas",
    "gevonden of verloren voorwerp",
    "onroerendezaakbelasting (ozb)",
    "afvalstoffenheffing",
    "rioolheffing",
    "hondenbelasting",
    "toeristenbelasting",
    "belastingkwijtschelding",
    "belastingaanslag bezwaar",
    "afvalinzameling grofvuil",
    "afvalcontainer",
    "afvalpas",
    "melding openbare ruimte (algemeen)",
    "melding openbare ruimte (straatverlichting)",
    "parkeervergunning",
    "omgevingsvergunning",
    "omgevingsvergunning kap",
    "evenementenvergunning",
    "standplaatsvergunning",
    "bijstand",
    "bijzonderebijstandsuitkering",
    "schuldhulpverlening",
    "huishoudelijke hulp",
    "jeugdhulp",
    "persoonsgebonden budget wmo",
    "mantelzorgondersteuning",
    "rolstoel en scootmobiel",
    "leerlingenvervoer",
    "huisvestingsvergunning",
    "trouwlocatie",
    "klacht",
    "bezwaar",
]


@pytest.fixture(scope="module")
def checked() -> Checked:
    return check(Settings())


@pytest.fixture(scope="module")
def catalog(checked: Checked) -> Graph:
    return checked.loaded.union()


@pytest.fixture(scope="module")
def upl_uris(shared: Path) -> dict[str, str]:
    with (shared / "data/upl/UPL-actueel.csv").open(encoding="utf-8-sig") as handle:
        return {row["UniformeProductnaam"]: row["URI"] for row in csv.DictReader(handle)}


def test_every_required_product_is_in_the_catalog(catalog: Graph, upl_uris: dict[str, str]) -> None:
    linked = {str(o) for o in catalog.objects(None, DG.uplProduct)}
    missing = [name for name in REQUIRED_UPL_NAMES if upl_uris[name] not in linked]
    assert missing == []
    assert len(set(catalog.subjects(RDF.type, DG.Product))) >= 60


def test_every_product_links_to_an_existing_upl_uri(catalog: Graph, upl_uris: dict[str, str]) -> None:
    known = set(upl_uris.values())
    for product in catalog.subjects(RDF.type, DG.Product):
        assert str(catalog.value(product, DG.uplProduct)) in known, product


def test_every_product_has_a_process_with_steps_and_three_faqs(catalog: Graph) -> None:
    for product in catalog.subjects(RDF.type, DG.Product):
        process = catalog.value(product, DG.standardProcess)
        assert process is not None and list(catalog.objects(process, DG.hasStep)), product
        assert len(set(catalog.subjects(DG.about, product))) >= 3, product


def test_products_are_one_file_each(root: Path) -> None:
    for path in sorted((root / "catalog" / "products").glob("*.ttl")):
        graph = Graph().parse(path)
        products = set(graph.subjects(RDF.type, DG.Product))
        assert len(products) == 1, path
        assert str(graph.value(next(iter(products)), DCT.identifier)) == path.stem


def test_catalog_validates_without_violations_or_warnings(checked: Checked) -> None:
    problems = [f for f in checked.report.findings if f.severity != "Info"]
    assert problems == [], "\n".join(f"{f.files} {f.resource}: {f.message}" for f in problems[:20])


def test_catalog_lints_clean(checked: Checked) -> None:
    assert checked.lint.violations == 0, checked.lint.as_text()


def test_example_data_is_marked_as_example(catalog: Graph) -> None:
    for kind in (DG.Municipality, DG.MunicipalOffering):
        for resource in catalog.subjects(RDF.type, kind):
            assert catalog.value(resource, DG.isExample).toPython() is True, resource


def test_informal_and_english_variants_exist(catalog: Graph) -> None:
    answers = list(catalog.objects(None, DG.answer))
    languages = {a.language for a in answers}
    assert {"nl", "nl-x-informal", "en"} <= languages


def test_national_services_of_the_issue_are_present(catalog: Graph) -> None:
    base = "https://dienstengraaf.nl/id/dienst/"
    for name in (
        "digid",
        "digid-machtigen",
        "eherkenning",
        "eidas",
        "mijnoverheid",
        "berichtenbox",
        "bsn",
        "brp",
        "rni",
        "bag",
        "woz",
        "handelsregister",
    ):
        service = URIRef(base + name)
        assert (service, RDF.type, DG.NationalService) in catalog, name
        assert catalog.value(service, URIRef("http://xmlns.com/foaf/0.1/homepage")) is not None
