"""The schema.org JSON-LD of every generated page: the types are there, the FAQs in the markup are
exactly the FAQs on the page, and the product's identifier is its UPL URI."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

from tests.generators.conftest import Site


class PageReader(HTMLParser):
    """Collects the JSON-LD scripts and the visible accordion questions and answers of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.questions: list[str] = []
        self.answers: list[str] = []
        self._in: str | None = None
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = dict(attrs).get("class") or ""
        if tag == "script" and dict(attrs).get("type") == "application/ld+json":
            self._in = "script"
        elif tag == "button" and "utrecht-accordion__button" in classes:
            self._in = "question"
        elif tag == "p" and self._in == "panel":
            self._in = "answer"
        elif tag == "div" and "utrecht-accordion__panel" in classes:
            self._in = "panel"
            return
        else:
            return
        self._buffer = []

    def handle_data(self, data: str) -> None:
        if self._in in ("script", "question", "answer"):
            self._buffer.append(data)

    def handle_endtag(self, tag: str) -> None:
        text = "".join(self._buffer).strip()
        if tag == "script" and self._in == "script":
            self.scripts.append(text)
        elif tag == "button" and self._in == "question":
            self.questions.append(text)
        elif tag == "p" and self._in == "answer":
            self.answers.append(text)
        else:
            return
        self._in = None


def read(path: Path) -> PageReader:
    reader = PageReader()
    reader.feed(path.read_text(encoding="utf-8"))
    return reader


def nodes(reader: PageReader) -> list[dict]:  # type: ignore[type-arg]
    found = []
    for script in reader.scripts:
        data = json.loads(script)
        assert data["@context"] == "https://schema.org"
        found.extend(data["@graph"])
    return found


def test_every_product_page_has_government_service_and_faq_page(site: Site) -> None:
    pages = sorted(site.out.glob("*/producten/*/index.html")) + sorted(site.out.glob("*/en/products/*/index.html"))
    assert len(pages) > 150
    for page in pages:
        reader = read(page)
        graph = nodes(reader)
        types = {n["@type"] for n in graph}
        assert types == {"GovernmentService", "FAQPage"}, page
        service = next(n for n in graph if n["@type"] == "GovernmentService")
        assert service["identifier"].startswith("http://standaarden.overheid.nl/owms/terms/"), page
        assert service["provider"]["@type"] == "GovernmentOrganization"
        assert service["areaServed"]["identifier"].startswith("http://standaarden.overheid.nl/owms/terms/")
        faq = next(n for n in graph if n["@type"] == "FAQPage")
        marked = [(q["name"], q["acceptedAnswer"]["text"]) for q in faq["mainEntity"]]
        assert marked == list(zip(reader.questions, reader.answers, strict=True)), page
        assert len(marked) >= 3


def test_upl_identifier_matches_the_catalog(site: Site) -> None:
    graph = nodes(read(site.out / "utrecht/producten/paspoort/index.html"))
    service = next(n for n in graph if n["@type"] == "GovernmentService")
    assert service["identifier"] == "http://standaarden.overheid.nl/owms/terms/paspoort"
    channels = service["availableChannel"]
    assert any(c.get("servicePhone", {}).get("telephone") == "14 030" for c in channels)
    assert any("Stadsplateau" in c.get("serviceLocation", {}).get("address", "") for c in channels)
    assert all(c["@type"] == "ServiceChannel" for c in channels)


def test_theme_pages_mark_up_exactly_their_visible_faqs(site: Site) -> None:
    for page in sorted(site.out.glob("*/themas/*/index.html")):
        reader = read(page)
        faq = next(n for n in nodes(reader) if n["@type"] == "FAQPage")
        marked = [(q["name"], q["acceptedAnswer"]["text"]) for q in faq["mainEntity"]]
        assert marked == list(zip(reader.questions, reader.answers, strict=True)), page
