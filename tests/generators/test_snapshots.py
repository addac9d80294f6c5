"""Snapshots of generated product pages, a home page and the content feed. Regenerate with
`pytest tests/generators/test_snapshots.py --update-snapshots` after an intended change; the output has
no generation dates, so the snapshots only change when the catalog or the templates do."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.generators.conftest import Site

SNAPSHOTS = Path(__file__).parent / "snapshots"


@pytest.mark.parametrize(
    ("generated", "snapshot"),
    [
        ("utrecht/producten/paspoort/index.html", "utrecht-paspoort.html"),
        ("zwolle/producten/voornaamwijziging/index.html", "zwolle-voornaamwijziging.html"),
        ("zwolle/index.html", "zwolle-home.html"),
    ],
)
def test_generated_output_matches_its_snapshot(
    site: Site, request: pytest.FixtureRequest, generated: str, snapshot: str
) -> None:
    actual = (site.out / generated).read_text(encoding="utf-8")
    path = SNAPSHOTS / snapshot
    if request.config.getoption("--update-snapshots"):
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"no snapshot {path}; run pytest with --update-snapshots"
    assert actual == path.read_text(encoding="utf-8"), f"{generated} differs from {path}"


FEED_PRODUCTS = ("paspoort", "voornaamwijziging", "huishoudelijke-hulp")


def test_content_feed_matches_its_snapshot(site: Site, request: pytest.FixtureRequest) -> None:
    """The feed's municipality, three products (local, national-only, sensitive) and the service ids."""
    feed = json.loads((site.out / "utrecht/content.json").read_text(encoding="utf-8"))
    excerpt = {
        "municipality": feed["municipality"],
        "products": [p for p in feed["products"] if p["id"] in FEED_PRODUCTS],
        "national_services": sorted(s["id"] for s in feed["national_services"]),
    }
    actual = json.dumps(excerpt, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    path = SNAPSHOTS / "utrecht-content-excerpt.json"
    if request.config.getoption("--update-snapshots"):
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"no snapshot {path}; run pytest with --update-snapshots"
    assert actual == path.read_text(encoding="utf-8")
