"""A generated site over a store built from a private copy of the checkout, shared by the tests."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from generators.chatbot.engine import ChatEngine
from generators.chatbot.index import build_from_store
from generators.site.build import generate_site
from generators.site.writer import WriteStats
from registry import store as embedded
from registry.build import build
from registry.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-snapshots", action="store_true", help="Rewrite the snapshot files.")


@dataclass
class Site:
    settings: Settings
    out: Path
    stats: WriteStats

    def regenerate(self, **options: object) -> WriteStats:
        return generate_site(embedded.open_store(self.settings.store), self.out, ROOT, **options)  # type: ignore[arg-type]

    def read(self, path: str) -> str:
        return (self.out / path).read_text(encoding="utf-8")


def make_checkout(directory: Path) -> Settings:
    for name in ("ontology", "shapes", "catalog"):
        shutil.copytree(ROOT / name, directory / name)
    settings = Settings(root=directory, shared_dir=SHARED, store_dir=directory / "var" / "store", reason=False)
    result = build(settings)
    assert result.built, [f.message for f in result.checked.report.findings if f.severity == "Violation"][:3]
    return settings


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    settings = make_checkout(tmp_path_factory.mktemp("site-checkout"))
    out = settings.root / "site"
    stats = generate_site(embedded.open_store(settings.store), out, ROOT)
    return Site(settings, out, stats)


@pytest.fixture(scope="session")
def engine(site: Site) -> ChatEngine:
    """The answer engine over the shared test store."""
    return ChatEngine(build_from_store(embedded.open_store(site.settings.store), "test"))
