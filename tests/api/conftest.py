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

from registry.build import build
from registry.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
TOKEN = "test-token-dat-schrijven-mag"


@dataclass
class LiveServer:
    url: str
    settings: Settings
    token: str
    process: subprocess.Popen[bytes]

    def client(self, **kwargs: object) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=60, **kwargs)  # type: ignore[arg-type]

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def built_checkout(directory: Path) -> Settings:
    for name in ("ontology", "shapes", "catalog"):
        shutil.copytree(ROOT / name, directory / name)
    (directory / "node_modules").symlink_to(ROOT / "node_modules")
    settings = Settings(root=directory, shared_dir=SHARED, store_dir=directory / "var" / "store")
    result = build(settings)
    assert result.built, [f.message for f in result.checked.report.findings][:3]
    return settings


def start(settings: Settings, timeout: float = 2.0) -> LiveServer:
    port = free_port()
    env = {
        **os.environ,
        "DIENSTENGRAAF_ROOT": str(settings.root),
        "DIENSTENGRAAF_SHARED_DIR": str(SHARED),
        "DIENSTENGRAAF_STORE_DIR": str(settings.store),
        "DIENSTENGRAAF_WRITE_TOKENS": f'{{"tester": "{TOKEN}"}}',
        "DIENSTENGRAAF_QUERY_TIMEOUT": str(timeout),
        "DIENSTENGRAAF_PORT": str(port),
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
                return LiveServer(
                    url,
                    Settings(root=settings.root, shared_dir=SHARED, store_dir=settings.store, port=port),
                    TOKEN,
                    process,
                )
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    process.kill()
    raise RuntimeError("server did not start")


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server over the real catalog; tests that write must leave the catalog valid."""
    live = start(built_checkout(tmp_path_factory.mktemp("catalog-server")))
    yield live
    live.process.terminate()
    live.process.wait(timeout=10)


@pytest.fixture(scope="session")
def scratch_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server whose store tests may empty (the W3C protocol tests run CLEAR ALL)."""
    live = start(built_checkout(tmp_path_factory.mktemp("scratch-server")))
    yield live
    live.process.terminate()
    live.process.wait(timeout=10)
