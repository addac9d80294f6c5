"""Real SPARQL servers for the tests: an Oxigraph server and OpenLink Virtuoso 7, each started on
127.0.0.1 (random ports, fresh data folder) with the same scripts the README gives for running the
registry on an external server (scripts/stores/)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import SecretStr

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = ROOT / "scripts" / "stores"
KINDS = ("embedded", "oxigraph", "virtuoso")
USER, PASSWORD = "dienstengraaf", "test-wachtwoord-virtuoso"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class StoreServer:
    """A running SPARQL server and how the registry reaches it."""

    kind: str
    url: str
    folder: Path
    user: str | None = None
    password: str | None = None

    def settings(self) -> dict[str, Any]:
        """Keyword arguments for `Settings` that point the registry at this server."""
        options: dict[str, Any] = {"store_url": self.url, "store_dialect": self.kind}
        if self.user and self.password:
            options.update(store_user=self.user, store_password=SecretStr(self.password))
        return options

    def env(self) -> dict[str, str]:
        """The same as environment variables, for a `dienstengraaf` process."""
        env = {"DIENSTENGRAAF_STORE": self.url, "DIENSTENGRAAF_STORE_DIALECT": self.kind}
        if self.user and self.password:
            env.update(DIENSTENGRAAF_STORE_USER=self.user, DIENSTENGRAAF_STORE_PASSWORD=self.password)
        return env

    def stop(self) -> None:
        subprocess.run([SCRIPTS / "stop", str(self.folder)], check=False)


@dataclass
class StoreServers:
    """Starts servers on demand (a fresh one per call) and stops them all at the end."""

    base: Path
    started: list[StoreServer] = field(default_factory=list)

    def start(self, kind: str, env: dict[str, str] | None = None) -> StoreServer:
        """A fresh server of `kind`; `env` passes options to its start script (OXIGRAPH_TIMEOUT_S,
        VIRTUOSO_MAX_ROWS)."""
        folder = self.base / f"{kind}-{len(self.started)}"
        if kind == "oxigraph":
            command = [str(SCRIPTS / "start-oxigraph"), str(folder), str(free_port())]
            server = StoreServer(kind, _run(command, env), folder)
        elif kind == "virtuoso":
            if shutil.which("virtuoso-t") is None:
                raise RuntimeError(
                    "virtuoso-t ontbreekt: draai scripts/install-stores (Debian-pakket virtuoso-opensource-7-bin)."
                )
            ports = [str(free_port()), str(free_port())]
            command = [str(SCRIPTS / "start-virtuoso"), str(folder), *ports, USER, PASSWORD]
            server = StoreServer(kind, _run(command, env), folder, USER, PASSWORD)
        else:
            raise ValueError(kind)
        self.started.append(server)
        return server

    def stop_all(self) -> None:
        for server in self.started:
            server.stop()


def _run(command: list[str], env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=120, check=False, env={**os.environ, **(env or {})}
    )
    if result.returncode != 0:
        raise RuntimeError(f"{command[0]} mislukt: {result.stderr or result.stdout}")
    return result.stdout.strip().splitlines()[-1]
