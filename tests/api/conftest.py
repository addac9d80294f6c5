"""Live servers for the API tests: a real `dienstengraaf serve` on 127.0.0.1 (random port) over a
store built from a private copy of the checkout."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from rdflib import Graph, URIRef

from registry import backend
from registry.build import check, store_graphs
from registry.settings import Settings
from tests.stores import KINDS, StoreServer, StoreServers

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
TOKEN = "test-token-dat-schrijven-mag"


@dataclass
class LiveServer:
    url: str
    settings: Settings
    token: str
    process: subprocess.Popen[bytes]
    kind: str = "embedded"

    def client(self, **kwargs: object) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=60, **kwargs)  # type: ignore[arg-type]

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _copy_checkout(directory: Path) -> None:
    for name in ("ontology", "shapes", "catalog"):
        shutil.copytree(ROOT / name, directory / name)
    (directory / "node_modules").symlink_to(ROOT / "node_modules")


@pytest.fixture(scope="session")
def checked_graphs(tmp_path_factory: pytest.TempPathFactory) -> dict[URIRef, Graph]:
    """The checkout checked once (validation, lint, reasoning): the graphs every test server starts from.
    (The build itself is tested on every store in tests/registry/test_store_contract.py.)"""
    directory = tmp_path_factory.mktemp("checked")
    _copy_checkout(directory)
    checked = check(Settings(root=directory, shared_dir=SHARED), with_reasoning=True)
    assert checked.ok, [f.message for f in checked.report.findings][:3]
    return store_graphs(checked)


def built_checkout(directory: Path, graphs: dict[URIRef, Graph], remote: StoreServer | None = None) -> Settings:
    """A private copy of the checkout with its store (embedded, or a remote server) holding `graphs`."""
    _copy_checkout(directory)
    options = remote.settings() if remote else {}
    settings = Settings(root=directory, shared_dir=SHARED, store_dir=directory / "var" / "store", **options)
    backend.write_all(settings, graphs)
    return settings


def start(
    settings: Settings, timeout: float = 2.0, remote: StoreServer | None = None, extra_env: dict[str, str] | None = None
) -> LiveServer:
    port = free_port()
    env = {
        **os.environ,
        **(extra_env or {}),
        "DIENSTENGRAAF_ROOT": str(settings.root),
        "DIENSTENGRAAF_SHARED_DIR": str(SHARED),
        "DIENSTENGRAAF_STORE_DIR": str(settings.store),
        "DIENSTENGRAAF_WRITE_TOKENS": f'{{"tester": "{TOKEN}"}}',
        "DIENSTENGRAAF_QUERY_TIMEOUT": str(timeout),
        "DIENSTENGRAAF_PORT": str(port),
        **(remote.env() if remote else {}),
    }
    command = [str(Path(sys.executable).parent / "dienstengraaf"), "serve", "--host", "127.0.0.1", "--port", str(port)]
    log = (settings.root / "server.log").open("wb")
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError((settings.root / "server.log").read_text())
        try:
            if httpx.get(f"{url}/api/municipalities", timeout=2).status_code == 200:
                options = remote.settings() if remote else {}
                return LiveServer(
                    url,
                    Settings(root=settings.root, shared_dir=SHARED, store_dir=settings.store, port=port, **options),
                    TOKEN,
                    process,
                    remote.kind if remote else "embedded",
                )
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    process.kill()
    raise RuntimeError("server did not start")


@pytest.fixture(scope="session", params=KINDS)
def store_kind(request: pytest.FixtureRequest) -> str:
    """Every API test runs on the embedded store, an Oxigraph server and Virtuoso."""
    return str(request.param)


def _live(
    name: str, factory: pytest.TempPathFactory, kind: str, servers: StoreServers, graphs: dict[URIRef, Graph]
) -> Iterator[LiveServer]:
    remote = servers.start(kind) if kind != "embedded" else None
    # A remote store adds HTTP and serialisation: 47,000 rows take Virtuoso about 2 s.
    timeout = 2.0 if remote is None else 8.0
    live = start(built_checkout(factory.mktemp(name), graphs, remote), timeout, remote=remote)
    yield live
    live.process.terminate()
    live.process.wait(timeout=10)
    if remote:
        remote.stop()


@pytest.fixture(scope="session")
def server(
    tmp_path_factory: pytest.TempPathFactory,
    store_kind: str,
    store_servers: StoreServers,
    checked_graphs: dict[URIRef, Graph],
) -> Iterator[LiveServer]:
    """A server over the real catalog; tests that write must leave the catalog valid."""
    yield from _live("catalog-server", tmp_path_factory, store_kind, store_servers, checked_graphs)


@pytest.fixture(scope="session")
def scratch_server(
    tmp_path_factory: pytest.TempPathFactory,
    store_kind: str,
    store_servers: StoreServers,
    checked_graphs: dict[URIRef, Graph],
) -> Iterator[LiveServer]:
    """A server whose store tests may empty (the W3C protocol tests run CLEAR ALL)."""
    yield from _live("scratch-server", tmp_path_factory, store_kind, store_servers, checked_graphs)
