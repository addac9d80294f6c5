"""A lean SPARQL protocol client for the benchmarks: one kept-alive connection (http.client), so that
a query's time over HTTP is the server's, not the client library's."""

from __future__ import annotations

import http.client
from urllib.parse import urlencode, urlsplit


class SparqlClient:
    """POSTs a query form to one endpoint and returns the response body (SPARQL JSON results)."""

    def __init__(self, url: str, extra: dict[str, str] | None = None):
        parts = urlsplit(url)
        self.host, self.port, self.path = parts.hostname or "127.0.0.1", parts.port or 80, parts.path or "/"
        self.extra = extra or {}
        self._connection: http.client.HTTPConnection | None = None

    def __call__(self, query: str) -> bytes:
        try:
            return self._post(query)
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
            self.close()  # the server closed an idle kept-alive connection: ask once more
            return self._post(query)

    def _post(self, query: str) -> bytes:
        if self._connection is None:
            self._connection = http.client.HTTPConnection(self.host, self.port, timeout=300)
        body = urlencode({"query": query, **self.extra})
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"}
        self._connection.request("POST", self.path, body, headers)
        response = self._connection.getresponse()
        data = response.read()
        if response.status != 200:
            raise RuntimeError(f"{self.path}: HTTP {response.status}: {data[:300]!r}")
        return data

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
