"""A server that takes writes prepares the first one when it starts (api.write_preparation): it reads
the store's data and the findings the build saved, so the first write need not validate everything; it
does so again after a build by another process. Tested on a real `dienstengraaf serve` over real builds."""

from __future__ import annotations

import logging
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from api.write_preparation import start_preparing_writes
from registry.build import build
from registry.settings import Settings
from tests.api.conftest import ROOT, SHARED, LiveServer, start

PASPOORT = "https://dienstengraaf.nl/id/product/paspoort"
GRAPH = "https://dienstengraaf.nl/graph/catalog/products/paspoort.ttl"
PREPARED = "Schrijven voorbereid in"
STOPPED = threading.Event()  # a server that stops at once: it prepares once and does not watch
STOPPED.set()


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
    assert "de volgende wijziging wordt meteen incrementeel gevalideerd" in log, log
    assert add_label(server, "reisdocument") == 204
    label = f'<{PASPOORT}> <http://www.w3.org/2004/02/skos/core#altLabel> "reisdocument"@nl'
    with server.client() as client:
        assert client.get("/sparql", params={"query": f"ASK {{ {label} }}"}).json()["boolean"] is True


@pytest.mark.parametrize(
    "options",
    [{}, {"prepare_writes": False}, {"store_url": "http://127.0.0.1:9/store", "store_dialect": "oxigraph"}],
    ids=["no-write-tokens", "switched-off", "remote-store"],
)
def test_nothing_is_prepared_where_it_is_not_needed(tmp_path: Path, options: dict[str, object]) -> None:
    tokens = {} if not options else {"tester": SecretStr("geheim")}
    settings = Settings(root=tmp_path, shared_dir=SHARED, write_tokens=tokens, **options)  # type: ignore[arg-type]
    assert start_preparing_writes(settings, threading.Event()) is None


def no_findings_beside(built: Settings, tmp_path: Path) -> Path:
    """The built store's current version, reached through a link without the findings saved beside it."""
    link = tmp_path / "store"
    link.symlink_to(built.store.resolve())
    return link


@pytest.mark.parametrize(
    ("store", "says"),
    [
        (lambda built, tmp: tmp / "no-store", "er is nog geen store; de eerste wijziging valideert alles"),
        (no_findings_beside, "geen bewaarde bevindingen bij deze store; de volgende wijziging valideert alles"),
    ],
    ids=["no-store", "no-saved-findings"],
)
def test_without_what_it_needs_it_says_the_write_validates_everything(
    built: Settings,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    store: Callable[[Settings, Path], Path],
    says: str,
) -> None:
    token = {"t": SecretStr("geheim")}
    settings = Settings(root=built.root, shared_dir=SHARED, store_dir=store(built, tmp_path), write_tokens=token)
    with caplog.at_level(logging.INFO, logger="dienstengraaf.writes"):
        thread = start_preparing_writes(settings, STOPPED)
        assert thread is not None
        thread.join(timeout=60)
    assert [r.levelname for r in caplog.records] == ["INFO"]
    assert says in caplog.records[0].getMessage()


AGAIN = "Nieuwe build gezien; schrijven opnieuw voorbereid"


def test_after_another_process_builds_the_server_prepares_writes_again(checkout_copy: Settings) -> None:
    """A build by another process (an information architect's `dienstengraaf build`) gets a new version
    whose graphs all look changed: the server reads its saved findings in the background at once, so
    that its next write is validated incrementally. The server's own writes do not set this off."""
    settings = checkout_copy.model_copy(update={"reason": False})
    assert build(settings).built
    live = start(settings, extra_env={"DIENSTENGRAAF_STORE_WATCH_SECONDS": "0.2"})
    try:
        assert "de volgende wijziging wordt meteen incrementeel gevalideerd" in server_log(settings, PREPARED)
        assert add_label(live, "reisdocument") == 204
        assert build(settings).built  # as another process: the test, not the server
        log = server_log(settings, AGAIN)
        assert "de volgende wijziging wordt meteen incrementeel gevalideerd" in log.split(AGAIN)[1], log
        assert add_label(live, "reispas") == 204
        time.sleep(1)  # the watcher has seen the server's own last write
        assert server_log(settings, AGAIN).count(AGAIN) == 1
    finally:
        live.process.terminate()
        live.process.wait(timeout=10)


def add_label(live: LiveServer, text: str) -> int:
    """The status of a SPARQL update that adds an alternative label to the passport."""
    label = f'<{PASPOORT}> <http://www.w3.org/2004/02/skos/core#altLabel> "{text}"@nl'
    update = f"INSERT DATA {{ GRAPH <{GRAPH}> {{ {label} }} }}"
    headers = {**live.auth, "Content-Type": "application/sparql-update"}
    with live.client() as client:
        return client.post("/sparql/update", content=update, headers=headers).status_code
