"""The generated site: every page type, the merged view with its sources, English pages for SDG
products, deterministic and incremental output, and the content feed."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from generators.site.build import generate_site
from registry import store as embedded
from registry.build import build
from tests.generators.conftest import ROOT, Site, make_checkout


def test_every_page_type_is_generated(site: Site) -> None:
    for path in (
        "index.html",
        "utrecht/index.html",
        "utrecht/producten/paspoort/index.html",
        "utrecht/themas/afval/index.html",
        "utrecht/voorzieningen/digid/index.html",
        "utrecht/content.json",
        "zwolle/index.html",
        "sudwest-fryslan/index.html",
        "assets/utrecht-components.css",
        "assets/utrecht-tokens.css",
        "assets/accordion.js",
    ):
        assert (site.out / path).exists(), path
    products = len(list((ROOT / "catalog" / "products").glob("*.ttl")))
    assert len(list(site.out.glob("utrecht/producten/*/index.html"))) == products


def test_product_page_shows_the_merged_view_with_sources(site: Site) -> None:
    page = site.read("utrecht/producten/paspoort/index.html")
    assert "€ 77,87" in page and "Informatie van de gemeente" in page and "Landelijke standaard" in page
    assert "Stadsplateau 1, 3521 AZ Utrecht" in page and "14 030" in page
    assert "Maak een afspraak" in page and "voorbeeld.dienstengraaf.nl/utrecht/afspraak/paspoort" in page
    for heading in (
        "Zo werkt het",
        "Wat heeft u nodig?",
        "Wat kost het?",
        "Hoe lang duurt het?",
        "Contact en openingstijden",
        "Veelgestelde vragen",
        "Laatst gewijzigd",
    ):
        assert heading in page, heading
    assert "vingerafdrukken" in page  # identity established at the desk with biometrics


def test_advised_channel_comes_first(site: Site) -> None:
    page = site.read("utrecht/producten/verhuismelding/index.html")
    channels = page[page.index('id="contact"') :]
    assert channels.index("Website") < channels.index("Balie")


def test_product_without_local_offering_says_so(site: Site) -> None:
    page = site.read("utrecht/producten/voornaamwijziging/index.html")
    assert "nog geen eigen informatie over dit product" in page
    assert "nog geen eigen informatie" not in site.read("utrecht/producten/paspoort/index.html")


def test_sdg_products_have_an_english_page(site: Site) -> None:
    english = site.read("utrecht/en/products/verhuismelding/index.html")
    assert '<html lang="en"' in english and "Reporting a change of address" in english
    assert 'href="../../../producten/verhuismelding/"' in english
    assert not (site.out / "utrecht/en/products/klacht/index.html").exists()  # not an SDG product


def test_service_page_says_which_level_is_needed_for_what(site: Site) -> None:
    page = site.read("utrecht/voorzieningen/digid/index.html")
    assert "Verhuizing doorgeven" in page and "Midden" in page


def test_informal_site_uses_je(tmp_path: Path, site: Site) -> None:
    generate_site(embedded.open_store(site.settings.store), tmp_path, ROOT, ["Zwolle"], informal=True)
    page = (tmp_path / "zwolle/producten/paspoort/index.html").read_text()
    assert "Wat heb je nodig?" in page and "Je komt zelf naar de balie" in page


def test_output_is_deterministic(tmp_path: Path, site: Site) -> None:
    generate_site(embedded.open_store(site.settings.store), tmp_path, ROOT)

    def digests(folder: Path) -> dict[str, str]:
        return {
            str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.rglob("*")
            if p.is_file()
        }

    assert digests(tmp_path) == digests(site.out)


def test_regenerating_without_changes_writes_nothing(site: Site) -> None:
    stats = site.regenerate()
    assert stats.written == [] and stats.removed == [] and stats.unchanged > 300


def test_changing_one_faq_rewrites_only_the_pages_that_show_it(tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    settings = make_checkout(tmp_path_factory.mktemp("incremental"))
    out = settings.root / "site"
    generate_site(embedded.open_store(settings.store), out, ROOT)
    product_file = settings.catalog / "products" / "hondenbelasting.ttl"
    text = product_file.read_text(encoding="utf-8")
    faq = re.search(r"(faq:hondenbelasting-\S+) a dg:FAQ", text)
    assert faq is not None
    start = text.index(faq.group(0))
    answer = text.index('dg:answer "', start) + len('dg:answer "')
    product_file.write_text(text[:answer] + "Nieuw: " + text[answer:], encoding="utf-8")
    assert build(settings).built
    stats = generate_site(embedded.open_store(settings.store), out, ROOT)
    themes = re.findall(r"cv:thematicArea ([^;]+);", text)[0].replace("thema:", "").replace(",", " ").split()
    expected = set()
    for municipality in ("utrecht", "zwolle", "sudwest-fryslan"):
        expected.add(f"{municipality}/producten/hondenbelasting/index.html")
        expected.add(f"{municipality}/content.json")
        expected.update(f"{municipality}/themas/{theme}/index.html" for theme in themes)
    assert set(stats.written) == expected


def test_content_feed_has_the_same_data_as_the_pages(site: Site) -> None:
    feed = json.loads(site.read("utrecht/content.json"))
    assert feed["municipality"]["id"] == "utrecht"
    paspoort = next(p for p in feed["products"] if p["id"] == "paspoort")
    assert paspoort["local"]["has_offering"] is True
    page = site.read("utrecht/producten/paspoort/index.html")
    for faq in paspoort["faqs"]:
        assert faq["question"]["nl"] in page
    assert {c["amount"] for c in paspoort["costs"]} >= {77.87, 58.89}
    assert len(feed["products"]) == len(list((ROOT / "catalog" / "products").glob("*.ttl")))
