"""Text with markup, quotes and ampersands in the catalog is escaped in the HTML and survives intact
in the JSON-LD (regression guard for injection through catalog content)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generators.site.build import generate_site
from registry import store as embedded
from registry.build import build
from tests.generators.conftest import ROOT, make_checkout
from tests.generators.test_jsonld import nodes, read

NASTY = '<script>alert("x")</script> & \'quotes\' "dubbel" </script><!--'


@pytest.fixture(scope="module")
def nasty_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    settings = make_checkout(tmp_path_factory.mktemp("nasty"))
    path = settings.catalog / "products" / "paspoort.ttl"
    text = path.read_text(encoding="utf-8")
    escaped = NASTY.replace("\\", "\\\\").replace('"', '\\"')
    text = text.replace(
        'dg:answer "Neem een recente pasfoto mee', f'dg:answer "{escaped} Neem een recente pasfoto mee', 1
    )
    text = text.replace('dct:title "Paspoort"@nl', f'dct:title "Paspoort {escaped}"@nl', 1)
    path.write_text(text, encoding="utf-8")
    assert build(settings).built
    out = settings.root / "site"
    generate_site(embedded.open_store(settings.store), out, ROOT, ["Utrecht"])
    return out


def test_markup_in_the_catalog_is_escaped_in_html(nasty_site: Path) -> None:
    page = (nasty_site / "utrecht/producten/paspoort/index.html").read_text(encoding="utf-8")
    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#39;quotes&#39;" in page
    assert page.count("<script") == 2  # the JSON-LD block and accordion.js, nothing injected
    assert "<!--" not in page


def test_markup_survives_intact_in_json_ld(nasty_site: Path) -> None:
    path = nasty_site / "utrecht/producten/paspoort/index.html"
    raw = path.read_text(encoding="utf-8")
    script = raw[raw.index('<script type="application/ld+json">') : raw.index("</script>", raw.index("ld+json"))]
    assert "</script" not in script.lower()[10:] and "<!--" not in script
    graph = nodes(read(path))
    service = next(n for n in graph if n["@type"] == "GovernmentService")
    assert NASTY in service["name"]
    faq = next(n for n in graph if n["@type"] == "FAQPage")
    assert any(NASTY in q["acceptedAnswer"]["text"] for q in faq["mainEntity"])


def test_markup_survives_in_the_content_feed(nasty_site: Path) -> None:
    feed = json.loads((nasty_site / "utrecht/content.json").read_text(encoding="utf-8"))
    paspoort = next(p for p in feed["products"] if p["id"] == "paspoort")
    assert NASTY in paspoort["title"]["nl"]
