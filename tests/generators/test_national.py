"""The national synthetic dataset: complete, deterministic, marked synthetic, within the national
maxima, and a generated subset builds through the real build without a violation."""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from generators.national import REFERENCE_DATE, NationalResult, SelectionError, default_out, generate_national
from generators.national.generate import synthesize
from generators.national.municipalities import ListedMunicipality, assign_ids, current, read_municipalities, slug
from generators.national.turtle import TurtleWriter
from registry import store as embedded
from registry.build import build
from registry.cli import app
from registry.namespaces import UPL_GRAPH
from registry.reader import read_catalog, read_municipality
from registry.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SKOS_CONCEPT = "http://www.w3.org/2004/02/skos/core#Concept"
PREFIXES = """
PREFIX dg: <https://dienstengraaf.nl/def/>
PREFIX cv: <http://data.europa.eu/m8g/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX tariefsoort: <https://dienstengraaf.nl/id/tariefsoort/>
"""


def current_in_xml() -> dict[str, str]:
    """OWMS URI -> name of every municipality that exists on the reference date, read directly."""
    result = {}
    for value in ET.parse(SHARED / "data/municipalities/Gemeente.xml").getroot().iter("value"):
        start, end = (value.findtext(t, "").strip() for t in ("startDate", "endDate"))
        if (not start or date.fromisoformat(start) <= REFERENCE_DATE) and (
            not end or date.fromisoformat(end) >= REFERENCE_DATE
        ):
            result[value.findtext("resourceIdentifier", "").strip()] = value.findtext("prefLabel", "").strip()
    return result


def rows(store: ox.Store, query: str) -> list[ox.QuerySolution]:
    solutions = store.query(PREFIXES + query, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)
    return list(solutions)


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> NationalResult:
    return generate_national(Settings(shared_dir=SHARED), seed=42, out=tmp_path_factory.mktemp("national"))


@pytest.fixture(scope="module")
def full_store(full: NationalResult) -> ox.Store:
    """The generated files in graph <urn:generated>, the catalog (with the examples) in <urn:catalog>."""
    store = ox.Store()
    for graph, paths in (("generated", full.written), ("catalog", sorted((ROOT / "catalog").rglob("*.ttl")))):
        for path in paths:
            store.load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(f"urn:{graph}"))
    return store


def test_every_current_municipality_is_generated_or_already_in_the_catalog(
    full: NationalResult, full_store: ox.Store
) -> None:
    expected = current_in_xml()
    found = rows(full_store, "SELECT ?owms WHERE { ?m a dg:Municipality ; dg:owmsIdentifier ?owms }")
    owms = [r["owms"].value for r in found]
    assert sorted(owms) == sorted(expected), "every current municipality exactly once"
    assert len(full.written) == len(expected) - len(full.in_catalog)
    assert sorted(full.in_catalog) == ["Súdwest-Fryslân", "Utrecht", "Zwolle"]
    products = len(rows(full_store, "SELECT ?p WHERE { ?p a dg:Product }"))
    assert products == full.products >= 60
    counts = rows(
        full_store, "SELECT ?m (COUNT(?o) AS ?n) WHERE { GRAPH <urn:generated> { ?o dg:offeredBy ?m } } GROUP BY ?m"
    )
    assert len(counts) == len(full.written), "one municipality per file"
    assert {int(r["n"].value) for r in counts} == {products}, "an offering for every product"


def test_everything_generated_is_marked_synthetic(full: NationalResult, full_store: ox.Store) -> None:
    unmarked = rows(
        full_store,
        """SELECT ?x WHERE {
        VALUES ?class { dg:Municipality cv:Channel dg:MunicipalOffering } ?x a ?class .
        FILTER NOT EXISTS { ?x dg:isExample true } }""",
    )
    assert unmarked == []
    assert all(p.read_text(encoding="utf-8").startswith("# SYNTHETIC DATA - NOT REAL.") for p in full.written)
    links = rows(
        full_store,
        """SELECT ?link WHERE {
        VALUES ?property { dg:url dg:webPage dg:appointmentUrl dg:formUrl foaf:homepage }
        GRAPH <urn:generated> { ?x ?property ?link } }""",
    )
    hosts = {r["link"].value.split("/")[2] for r in links}
    assert len(hosts) == len(full.written), "one synthetic host per generated municipality"
    assert all(h.endswith(".voorbeeld.dienstengraaf.nl") for h in hosts)


def test_fees_stay_within_national_maxima_and_vary(full_store: ox.Store) -> None:
    local = rows(
        full_store,
        """SELECT ?cost ?value ?maximum WHERE {
        ?offering dg:offeredBy ?m ; cv:hasCost ?cost . ?cost dg:overridesCost ?standard ; cv:hasValue ?value .
        ?standard dg:feeType tariefsoort:landelijk-maximum ; cv:hasValue ?maximum . }""",
    )
    values = [(float(r["value"].value), float(r["maximum"].value)) for r in local]
    assert len(values) > 1000
    assert all(v <= m for v, m in values)
    assert any(v < m for v, m in values) and any(v == m for v, m in values)
    fixed = rows(
        full_store,
        """SELECT ?cost WHERE { ?cost dg:overridesCost ?standard ; cv:hasValue ?value .
        ?standard dg:feeType tariefsoort:landelijk-vast ; cv:hasValue ?fixed . FILTER (?value != ?fixed) }""",
    )
    assert fixed == []


def test_amounts_are_euros_with_cents(full: NationalResult) -> None:
    amounts = [a for p in full.written for a in re.findall(r'cv:hasValue "([^"]*)"', p.read_text(encoding="utf-8"))]
    assert len(amounts) == full.costs
    assert all(re.fullmatch(r"\d+\.\d\d", a) for a in amounts)


def test_same_seed_same_bytes_other_seed_other_values(tmp_path: Path) -> None:
    settings = Settings(shared_dir=SHARED)
    first = generate_national(settings, 7, tmp_path / "a", limit=4)
    again = generate_national(settings, 7, tmp_path / "b", limit=4)
    other = generate_national(settings, 8, tmp_path / "c", limit=4)
    assert [p.name for p in first.written] == [p.name for p in again.written] == [p.name for p in other.written]
    for a, b, c in zip(first.written, again.written, other.written, strict=True):
        assert a.read_bytes() == b.read_bytes()
        body = [line for line in a.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
        other_body = [line for line in c.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
        assert body != other_body


def test_one_municipality_does_not_depend_on_the_others(full: NationalResult, tmp_path: Path) -> None:
    alone = generate_national(Settings(shared_dir=SHARED), 42, tmp_path, only=["Ede"])
    assert [p.name for p in alone.written] == ["gemeente-ede.ttl"]
    assert alone.written[0].read_bytes() == (full.out / "gemeente-ede.ttl").read_bytes()


def test_ids_of_names_with_apostrophes_diacritics_and_brackets(full: NationalResult) -> None:
    assert slug("'s-Hertogenbosch") == "s-hertogenbosch"
    assert slug("Súdwest-Fryslân") == "sudwest-fryslan"
    assert slug("Nuenen, Gerwen en Nederwetten") == "nuenen-gerwen-en-nederwetten"
    assert slug("Bergen (NH)") == "bergen-nh"
    names = {p.name for p in full.written}
    assert {"gemeente-s-gravenhage.ttl", "gemeente-noardeast-fryslan.ttl", "gemeente-bergen-l.ttl"} <= names
    assert all(re.fullmatch(r"gemeente-[a-z0-9]+(-[a-z0-9]+)*\.ttl", n) for n in names)


def test_ids_stay_unique_when_names_collide() -> None:
    twins = [ListedMunicipality("Bergen", f"http://example.org/{n}", None, None) for n in ("b", "a")]
    assert assign_ids(twins, taken={"zwolle"}) == {"http://example.org/a": "bergen", "http://example.org/b": "bergen-2"}
    assert assign_ids([ListedMunicipality("Zwolle", "http://example.org/z", None, None)], {"zwolle"}) == {
        "http://example.org/z": "zwolle-2"
    }


def test_current_uses_the_pinned_date(tmp_path: Path) -> None:
    xml = tmp_path / "Gemeente.xml"
    xml.write_text(
        "<cv>"
        "<value><prefLabel>Oud</prefLabel><resourceIdentifier>u:oud</resourceIdentifier>"
        "<endDate>2018-12-31</endDate></value>"
        "<value><prefLabel>Bijna weg</prefLabel><resourceIdentifier> u:weg\n </resourceIdentifier>"
        "<endDate>2030-12-31</endDate></value>"
        "<value><prefLabel>Nieuw</prefLabel><resourceIdentifier>u:nieuw</resourceIdentifier>"
        "<startDate>2031-01-01</startDate></value>"
        "</cv>",
        encoding="utf-8",
    )
    listed = read_municipalities(xml)
    assert [m.owms for m in current(listed, date(2026, 11, 28))] == ["u:weg"]
    assert [m.owms for m in current(listed, date(2031, 1, 1))] == ["u:nieuw"]


def test_examples_are_left_to_the_catalog_and_unknown_names_refused(tmp_path: Path) -> None:
    settings = Settings(shared_dir=SHARED)
    result = generate_national(settings, 1, tmp_path, only=["Gemeente Utrecht", "zwolle"])
    assert result.written == [] and result.in_catalog == ["Utrecht", "Zwolle"]
    with pytest.raises(SelectionError, match="Atlantis"):
        generate_national(settings, 1, tmp_path, only=["Atlantis"])


def test_a_run_replaces_earlier_generated_files_and_keeps_others(tmp_path: Path) -> None:
    settings = Settings(shared_dir=SHARED)
    (tmp_path / "gemeente-eigen.ttl").write_text("# hand-written\n", encoding="utf-8")
    first = generate_national(settings, 1, tmp_path, only=["Ede"])
    second = generate_national(settings, 1, tmp_path, only=["Aalten"])
    assert second.removed == first.written
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gemeente-aalten.ttl", "gemeente-eigen.ttl"]


def test_texts_are_escaped_in_turtle(tmp_path: Path) -> None:
    listed = ListedMunicipality('Test "aan" de \\ Maas', "http://standaarden.overheid.nl/owms/terms/Test", None, None)
    municipality = synthesize(listed, "test", (), 1, REFERENCE_DATE)
    text = TurtleWriter("https://dienstengraaf.nl/").render(municipality, ["kop"], REFERENCE_DATE)
    labels = [
        t.object.value
        for t in ox.parse(text, format=ox.RdfFormat.TURTLE)
        if t.predicate.value == "http://www.w3.org/2004/02/skos/core#altLabel"
    ]
    assert labels == ['Test "aan" de \\ Maas']


def test_generated_subset_builds_without_violations(checkout_copy: Settings) -> None:
    chosen = ["'s-Gravenhage", "Noardeast-Fryslân", "Aa en Hunze"]
    generated = generate_national(checkout_copy, 42, only=chosen)
    assert generated.out == default_out(checkout_copy) == checkout_copy.root / "var" / "national"
    result = build(checkout_copy, extra=[generated.out])
    violations = [f for f in result.checked.report.findings if f.severity == "Violation"]
    assert violations == [] and result.checked.lint.violations == 0
    assert result.built
    store = embedded.open_store(checkout_copy.store)
    with (SHARED / "data/upl/UPL-actueel.csv").open(encoding="utf-8-sig", newline="") as handle:
        upl_products = {row["URI"].strip() for row in csv.DictReader(handle)}
    concepts = store.query(
        f"SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{ GRAPH <{UPL_GRAPH}> {{ ?c a <{SKOS_CONCEPT}> }} }}"
    )
    assert isinstance(concepts, ox.QuerySolutions)
    assert int(next(iter(concepts))["n"].value) == len(upl_products), "the whole UPL scheme is in the build"
    products = len(read_catalog(store).products)
    for municipality_id in ("s-gravenhage", "noardeast-fryslan", "aa-en-hunze"):
        municipality = read_municipality(store, f"https://dienstengraaf.nl/id/gemeente/{municipality_id}")
        assert municipality is not None and municipality.is_example
        assert len(municipality.offerings) == products


def test_the_command_reports_in_dutch(checkout_copy: Settings, tmp_path: Path) -> None:
    env = {"DIENSTENGRAAF_ROOT": str(checkout_copy.root), "DIENSTENGRAAF_SHARED_DIR": str(SHARED)}
    runner = CliRunner()
    arguments = ["generate", "national", "--seed", "3", "--out", str(tmp_path), "--limit", "2"]
    result = runner.invoke(app, arguments, env=env)
    assert result.exit_code == 0, result.output
    assert "Synthetische gegevens" in result.output and "2 gemeenten" in result.output
    assert len(list(tmp_path.glob("gemeente-*.ttl"))) == 2
    refused = runner.invoke(app, ["generate", "national", "--seed", "3", "--only", "Atlantis"], env=env)
    assert refused.exit_code == 2 and "Onbekende" in refused.output
