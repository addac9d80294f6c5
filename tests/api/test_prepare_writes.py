"""A server that takes writes prepares the first one when it starts (api.main.start_preparing_writes):
it reads the store's data and the findings the build saved, so the first write need not validate
everything. Tested on a real `dienstengraaf serve` process over a real build."""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from api.main import start_preparing_writes
from registry.build import build
from registry.settings import Settings
from tests.api.conftest import ROOT, SHARED, LiveServer, start

PASPOORT = "https://dienstengraaf.nl/id/product/paspoort"
GRAPH = "https://dienstengraaf.nl/graph/catalog/products/paspoort.ttl"
PREPARED = "Schrijven voorbereid in"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("prepared")
    for name in ("ontology", "shapes", "catalog"):
        shutil.copytree(ROOT / name, root / name)
    (root / "node_modules").symlink_to(ROOT / "node_modules")
    settings = Settings(root=root, shared_dir=SHARED, store_dir=root / "var" / "store", reason=False)
    assert build(settings).built
    return settings


@pytest.fixture(scope="module")
def server(built: Settings) -> Iterator[LiveServer]:
    live = start(built)
    yield live
    live.process.terminate()
    live.process.wait(timeout=10)


def server_log(settings: Settings, wanted: str, seconds: float = 120) -> str:
    """The server's output once it holds `wanted` (or as it is when `seconds` have passed)."""
    path = settings.root / "server.log"
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and wanted not in path.read_text(encoding="utf-8"):
        time.sleep(0.2)
    return path.read_text(encoding="utf-8")


def test_the_server_prepares_the_first_write_from_the_saved_findings(server: LiveServer) -> None:
    log = server_log(server.settings, PREPARED)
    assert "de eerste wijziging wordt meteen incrementeel gevalideerd" in log, log
    label = f'<{PASPOORT}> <http://www.w3.org/2004/02/skos/core#altLabel> "reisdocument"@nl'
    insert = f"INSERT DATA {{ GRAPH <{GRAPH}> {{ {label} }} }}"
    with server.client() as client:
        added = client.post(
            "/sparql/update", content=insert, headers={**server.auth, "Content-Type": "application/sparql-update"}
        )
        assert added.status_code == 204, added.text
        assert client.get("/sparql", params={"query": f"ASK {{ {label} }}"}).json()["boolean"] is True


@pytest.mark.parametrize(
    "options",
    [{}, {"prepare_writes": False}, {"store_url": "http://127.0.0.1:9/store", "store_dialect": "oxigraph"}],
    ids=["no-write-tokens", "switched-off", "remote-store"],
)
def test_nothing_is_prepared_where_it_is_not_needed(tmp_path: Path, options: dict[str, object]) -> None:
    tokens = {} if not options else {"tester": SecretStr("geheim")}
    settings = Settings(root=tmp_path, shared_dir=SHARED, write_tokens=tokens, **options)  # type: ignore[arg-type]
    assert start_preparing_writes(settings) is None


def test_without_a_store_it_says_the_first_write_validates_everything(
    built: Settings, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings(
        root=built.root, shared_dir=SHARED, store_dir=tmp_path / "no-store", write_tokens={"t": SecretStr("geheim")}
    )
    with caplog.at_level(logging.INFO, logger="dienstengraaf.writes"):
        thread = start_preparing_writes(settings)
        assert thread is not None
        thread.join(timeout=60)
    assert [r.levelname for r in caplog.records] == ["INFO"]
    assert "er is nog geen store; de eerste wijziging valideert alles" in caplog.records[0].getMessage()


def test_without_saved_findings_it_says_the_first_write_validates_everything(
    built: Settings, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The built store's current version, reached through a link without the findings saved beside it."""
    link = tmp_path / "store"
    link.symlink_to(built.store.resolve())
    settings = Settings(root=built.root, shared_dir=SHARED, store_dir=link, write_tokens={"t": SecretStr("geheim")})
    with caplog.at_level(logging.INFO, logger="dienstengraaf.writes"):
        thread = start_preparing_writes(settings)
        assert thread is not None
        thread.join(timeout=60)
    assert [r.levelname for r in caplog.records] == ["INFO"]
    message = caplog.records[0].getMessage()
    assert "geen bewaarde bevindingen bij deze store; de eerste wijziging valideert alles" in message
