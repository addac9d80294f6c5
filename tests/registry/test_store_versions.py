"""Store version folders: their names say what made them (registry.store.new_version, version_kind)."""

from __future__ import annotations

from pathlib import Path

from registry.store import new_version, version_kind


def test_the_kind_of_a_version_is_read_back_from_its_name(tmp_path: Path) -> None:
    for kind in ("build", "write", "legacy"):
        assert version_kind(new_version(tmp_path / "store", kind).name) == kind


def test_names_not_made_by_new_version_have_no_kind() -> None:
    assert version_kind("store") == ""
    assert version_kind("build-123") == ""
    assert version_kind("abc-build-1") == ""
