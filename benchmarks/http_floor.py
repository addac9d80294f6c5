"""The floor of any HTTP endpoint: an ASGI app that answers every request at once with a fixed SPARQL
JSON result, served by uvicorn as `dienstengraaf serve` is. Its round trip is what HTTP alone costs."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.sparql_client import SparqlClient

ROOT = Path(__file__).resolve().parents[1]
ANSWER = b'{"head":{"vars":["x"]},"results":{"bindings":[]}}'
HEADERS = [(b"content-type", b"application/sparql-results+json"), (b"content-length", str(len(ANSWER)).encode())]


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """Read the request body, then answer with ANSWER (lifespan messages are left to uvicorn)."""
    if scope["type"] != "http":
        return
    while (await receive()).get("more_body"):
        pass
    await send({"type": "http.response.start", "status": 200, "headers": HEADERS})
    await send({"type": "http.response.body", "body": ANSWER})


class FloorServer:
    """The floor app in its own uvicorn process on 127.0.0.1, like the registry's server."""

    def __init__(self, port: int):
        self.url = f"http://127.0.0.1:{port}/sparql"
        self.process = subprocess.Popen(
            [
                *(sys.executable, "-m", "uvicorn", "benchmarks.http_floor:app", "--app-dir", str(ROOT)),
                *("--host", "127.0.0.1", "--port", str(port), "--log-level", "warning", "--lifespan", "off"),
            ],
        )
        for _ in range(100):
            client = SparqlClient(self.url)
            try:
                client("ASK {}")
                return
            except OSError:  # not listening yet
                time.sleep(0.1)
            finally:
                client.close()
            if self.process.poll() is not None:
                break
        self.stop()
        raise RuntimeError(f"the HTTP floor server did not start on {self.url}")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
