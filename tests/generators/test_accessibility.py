"""Every page type of the generated site in a real headless Chromium with axe-core: zero WCAG 2.1
A/AA violations; the FAQ accordion works with the keyboard alone; screenshots at desktop and mobile
width are written to test-output/screenshots/."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator

import pytest

from tests.browser import browser
from tests.generators.conftest import ROOT, Site

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-output" / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = [
    "index.html",
    "utrecht/index.html",
    "utrecht/producten/paspoort/",
    "utrecht/en/products/verhuismelding/",
    "zwolle/producten/voornaamwijziging/",
    "utrecht/themas/afval/",
    "utrecht/voorzieningen/digid/",
    "sudwest-fryslan/producten/huishoudelijke-hulp/",
]


@pytest.fixture(scope="module")
def served(site: Site) -> Iterator[str]:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site.out))
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_no_wcag_violations_on_any_page_type(served: str) -> None:
    failures = {}
    with browser() as chromium:
        page = chromium.new_page()
        for path in PAGES:
            response = page.goto(f"{served}/{path}")
            assert response is not None and response.status == 200, path
            page.add_script_tag(path=str(AXE))
            result = page.evaluate(f"() => axe.run(document, {{runOnly: {{type: 'tag', values: {WCAG_TAGS}}}}})")
            if result["violations"]:
                failures[path] = [(v["id"], v["nodes"][0]["target"]) for v in result["violations"]]
            assert result["passes"], f"axe checked nothing on {path}"
    assert failures == {}


def test_accordion_works_with_the_keyboard_alone(served: str) -> None:
    with browser() as chromium:
        page = chromium.new_page()
        page.goto(f"{served}/utrecht/producten/paspoort/")
        button = page.locator(".utrecht-accordion__button").first
        panel = page.locator(".utrecht-accordion__panel").first
        assert button.get_attribute("aria-expanded") == "false" and panel.is_hidden()
        for _ in range(200):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('utrecht-accordion__button')"):
                break
        else:
            pytest.fail("the accordion cannot be reached with Tab")
        page.keyboard.press("Enter")
        assert button.get_attribute("aria-expanded") == "true" and panel.is_visible()
        page.keyboard.press("Space")
        assert button.get_attribute("aria-expanded") == "false" and panel.is_hidden()


def test_without_javascript_every_answer_is_readable(served: str) -> None:
    with browser() as chromium:
        context = chromium.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(f"{served}/utrecht/producten/paspoort/")
        assert page.locator(".utrecht-accordion__panel").first.is_visible()


@pytest.mark.parametrize(("name", "width", "height"), [("desktop", 1280, 900), ("mobile", 390, 844)])
def test_screenshots_of_a_product_page(served: str, name: str, width: int, height: int) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"site-paspoort-utrecht-{name}.png"
    with browser() as chromium:
        page = chromium.new_page(viewport={"width": width, "height": height})
        page.goto(f"{served}/utrecht/producten/paspoort/")
        page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 10_000
