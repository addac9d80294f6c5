"""Pages rendered in a real headless Chromium: the paspoort product page shows its steps, channels,
identity requirement and FAQs; the SPARQL editor loads YASGUI with the example queries."""

from __future__ import annotations

from pathlib import Path

from tests.api.conftest import LiveServer
from tests.browser import browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"


def test_paspoort_page_renders_with_steps_channels_identity_and_faqs(server: LiveServer) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with browser() as chromium:
        page = chromium.new_page()
        response = page.goto(f"{server.url}/id/product/paspoort")
        assert response is not None and response.status == 200
        main = page.inner_text("main")
        for expected in (
            "Stappen",
            "Aanvragen aan de balie",
            "Kanalen:",
            "Balie",
            "Identificatie:",
            "Identiteit vastgesteld aan de balie met document en biometrie",
            "Veelgestelde vragen",
            "Wat kost een paspoort?",
        ):
            assert expected in main, expected
        summary = page.locator("details.dg-faq summary").first
        summary.click()
        assert page.locator("details.dg-faq").first.get_attribute("open") is not None
        page.screenshot(path=str(SCREENSHOTS / "linked-data-paspoort.png"), full_page=True)


def test_sparql_editor_loads_yasgui_with_examples(server: LiveServer) -> None:
    with browser() as chromium:
        page = chromium.new_page()
        page.goto(f"{server.url}/sparql")
        page.wait_for_selector(".yasqe", timeout=15_000)
        tabs = page.inner_text(".tabsList")
        assert "Alle producten met hun UPL-naam" in tabs
        page.click(".yasqe_queryButton")
        page.wait_for_function(
            "document.querySelector('.yasr') && document.querySelector('.yasr').innerText.includes('Paspoort')",
            timeout=15_000,
        )
        page.screenshot(path=str(SCREENSHOTS / "sparql-editor.png"))
