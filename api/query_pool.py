"""SPARQL queries run in worker processes, so that a query over its time limit can be stopped (its
process is killed and replaced) while other requests keep being served.

Oxigraph evaluates a query inside native code that Python cannot interrupt; a separate process is
the only way to enforce a time limit. Each worker opens the current store read-only and reopens it
when the store has been swapped (after a build or a write).
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

import pyoxigraph as ox

from api import results
from registry.backend import AnyStore
from registry.remote import RemoteStore
from registry.settings import Settings

_CONTEXT = multiprocessing.get_context("spawn")


@dataclass(frozen=True)
class QueryRequest:
    """A query with its dataset and wanted format (media types chosen by content negotiation)."""

    text: str
    table_type: str
    graph_type: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    base_iri: str | None = None
    prefixes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class QueryAnswer:
    media_type: str
    body: bytes


class QueryFailed(Exception):
    """The query could not be answered; `kind` is syntax, limit, timeout or error."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind
        self.message = message


def execute(store: AnyStore, request: QueryRequest, limit: int) -> QueryAnswer:
    """Run one query and serialise at most `limit` rows or triples; more is an error, not a cut."""
    options: dict[str, Any] = {"base_iri": request.base_iri, "prefixes": request.prefixes or None}
    if request.default_graphs or request.named_graphs:
        options["default_graph"] = [ox.NamedNode(g) for g in request.default_graphs] or [ox.DefaultGraph()]
        if request.named_graphs:
            options["named_graphs"] = [ox.NamedNode(g) for g in request.named_graphs]
    else:
        options["use_default_graph_as_union"] = True
    outcome = store.query(request.text, **options)
    if isinstance(outcome, ox.QueryBoolean):
        media = request.table_type if request.table_type in results.BOOLEAN_TYPES else "application/sparql-results+json"
        return QueryAnswer(media, results.boolean(media, bool(outcome)))
    if isinstance(outcome, ox.QueryTriples):
        triples = _take(outcome, limit)
        return QueryAnswer(request.graph_type, results.graph(request.graph_type, triples, request.prefixes))
    variables = [v.value for v in outcome.variables]
    rows = [tuple(solution) for solution in _take(outcome, limit)]  # values in the order of `variables`
    return QueryAnswer(request.table_type, results.select(request.table_type, variables, rows))


def _take(iterator: Any, limit: int) -> list[Any]:
    taken: list[Any] = []
    for item in iterator:
        if len(taken) == limit:
            raise QueryFailed(
                "limit",
                f"Het resultaat heeft meer dan {limit} rijen. Gebruik LIMIT en OFFSET om het in delen op te halen.",
            )
        taken.append(item)
    return taken


def _worker(connection: Connection, settings: Settings, limit: int) -> None:
    """Worker loop: answer queries from the parent until it sends None."""
    opened: str | None = None
    store: AnyStore | None = None
    while True:
        request = connection.recv()
        if request is None:
            return
        try:
            if settings.remote:
                if store is None:  # the server is asked to stop a query at the pool's limit too
                    store = RemoteStore.from_settings(settings, min(settings.store_timeout, settings.query_timeout))
            else:
                current = os.path.realpath(settings.store)
                if store is None or current != opened:
                    store, opened = ox.Store.read_only(current), current
            answer = execute(store, request, limit)
            connection.send(("ok", answer.media_type, answer.body))
        except SyntaxError as error:
            connection.send(("syntax", str(error), b""))
        except TimeoutError as error:  # a remote store stopped the query (or would not start it)
            message = f"De query duurt te lang en is gestopt. Maak de query specifieker of gebruik LIMIT. ({error})"
            connection.send(("timeout", message, b""))
        except QueryFailed as error:
            connection.send((error.kind, error.message, b""))
        except Exception as error:  # the parent turns this into a 500 with the message
            connection.send(("error", f"{type(error).__name__}: {error}", b""))


class _Worker:
    def __init__(self, settings: Settings, limit: int):
        self.connection, child = _CONTEXT.Pipe()
        self.process: BaseProcess = _CONTEXT.Process(
            target=_worker, args=(child, settings, limit), daemon=True, name="dienstengraaf-query"
        )
        self.process.start()
        child.close()

    def kill(self) -> None:
        self.process.kill()
        self.process.join(timeout=5)
        self.connection.close()

    def stop(self) -> None:
        with contextlib.suppress(BrokenPipeError, OSError):
            self.connection.send(None)
        self.process.join(timeout=2)
        if self.process.is_alive():
            self.kill()


async def _reply(connection: Connection, timeout: float) -> Any:
    """The worker's reply, or None when none came within `timeout` seconds. The event loop watches the
    pipe itself (no thread, no extra task per query); the reply is read once its first bytes arrived."""
    loop = asyncio.get_running_loop()
    readable: asyncio.Future[bool] = loop.create_future()

    def settle(ready: bool) -> None:
        if not readable.done():
            readable.set_result(ready)

    descriptor = connection.fileno()
    loop.add_reader(descriptor, settle, True)
    timer = loop.call_later(timeout, settle, False)
    try:
        ready = await readable
    finally:
        timer.cancel()
        loop.remove_reader(descriptor)
        os.set_blocking(descriptor, True)  # uvloop leaves a watched descriptor non-blocking
    return connection.recv() if ready else None


class QueryPool:
    """A fixed number of query workers; a worker that runs over time is killed and replaced."""

    def __init__(self, settings: Settings, workers: int, timeout: float, limit: int):
        self.settings, self.timeout, self.limit = settings, timeout, limit
        self._workers = [_Worker(settings, limit) for _ in range(max(1, workers))]
        self._idle: asyncio.Queue[_Worker] | None = None

    def _queue(self) -> asyncio.Queue[_Worker]:
        if self._idle is None:
            self._idle = asyncio.Queue()
            for worker in self._workers:
                self._idle.put_nowait(worker)
        return self._idle

    async def run(self, request: QueryRequest) -> QueryAnswer:
        """Answer a query within the time limit (waiting for a free worker counts too)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout
        try:
            idle = self._queue()
            worker = idle.get_nowait() if not idle.empty() else await asyncio.wait_for(idle.get(), self.timeout)
        except TimeoutError as error:
            raise QueryFailed("busy", "Alle query-workers zijn bezet. Probeer het zo opnieuw.") from error
        try:
            worker.connection.send(request)
            answer = await _reply(worker.connection, max(0.0, deadline - loop.time()))
            if answer is None:
                worker.kill()
                worker = self._replace(worker)
                raise QueryFailed(
                    "timeout",
                    f"De query duurde langer dan {self.timeout:g} seconden en is gestopt. "
                    "Maak de query specifieker of gebruik LIMIT.",
                )
            status, message, body = answer
        except (EOFError, BrokenPipeError, OSError) as error:
            worker = self._replace(worker)
            raise QueryFailed("error", "De query-worker is onverwacht gestopt.") from error
        except asyncio.CancelledError:
            # The caller went away mid-query: the worker is still busy and its reply would reach the
            # next query, so it is replaced.
            worker = self._replace(worker)
            raise
        finally:
            self._queue().put_nowait(worker)
        if status != "ok":
            raise QueryFailed(status, message)
        return QueryAnswer(message, body)

    def _replace(self, old: _Worker) -> _Worker:
        if old.process.is_alive():
            old.kill()
        new = _Worker(self.settings, self.limit)
        self._workers[self._workers.index(old)] = new
        return new

    def close(self) -> None:
        for worker in self._workers:
            worker.stop()
