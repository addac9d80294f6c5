"""Settings: environment variables with the DIENSTENGRAAF_ prefix, defaults from the checkout."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from registry.settings import Settings


def test_defaults_point_into_the_checkout(root: Path) -> None:
    settings = Settings()
    assert settings.ontology == root / "ontology"
    assert settings.catalog == root / "catalog"
    assert settings.shapes == root / "shapes"
    assert settings.store == root / "var" / "store"


def test_environment_variables_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DIENSTENGRAAF_CATALOG_DIR", str(tmp_path))
    monkeypatch.setenv("DIENSTENGRAAF_INCLUDE_EXAMPLES", "false")
    settings = Settings()
    assert settings.catalog == tmp_path and settings.include_examples is False


def test_store_location_is_not_resolved_through_its_link(tmp_path: Path) -> None:
    """Regression: resolving the store link made the next build write inside the old version."""
    version = tmp_path / "store.d" / "v1"
    version.mkdir(parents=True)
    os.symlink(version, tmp_path / "store")
    assert Settings(store_dir=tmp_path / "store").store == tmp_path / "store"
