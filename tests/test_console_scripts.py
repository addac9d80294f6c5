"""Every console script the distribution declares points at an importable callable."""

from __future__ import annotations

import importlib
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]


@pytest.mark.parametrize(("name", "target"), sorted(SCRIPTS.items()))
def test_console_script_target_imports(name: str, target: str) -> None:
    module_name, _, attribute = target.partition(":")
    module = importlib.import_module(module_name)
    assert callable(getattr(module, attribute)), f"{name} -> {target} is not callable"


def test_the_dienstengraaf_command_is_declared() -> None:
    assert "dienstengraaf" in SCRIPTS
