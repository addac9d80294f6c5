"""The query pool on its own: real worker processes over a real embedded store (no HTTP)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import uvloop
from rdflib import Graph, Literal, URIRef

from api.query_pool import QueryFailed, QueryPool, QueryRequest
from registry import backend
from registry.settings import Settings

EX = "https://example.org/"
JSON = "application/sparql-results+json"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    graph = Graph()
    for i in range(3000):
        graph.add((URIRef(f"{EX}s{i}"), URIRef(f"{EX}p"), Literal(i)))
    settings = Settings(store_dir=Path(tmp_path_factory.mktemp("pool")) / "store")
    backend.write_all(settings, {URIRef(f"{EX}graph"): graph})
    return settings


def ask(value: int) -> QueryRequest:
    return QueryRequest(f"SELECT ?s WHERE {{ ?s <{EX}p> {value} }}", JSON, "text/turtle")


async def _cancelled_then_next(settings: Settings) -> bytes:
    pool = QueryPool(settings, workers=1, timeout=30, limit=1000)
    try:
        slow = asyncio.ensure_future(pool.run(QueryRequest(SLOW, JSON, "text/turtle")))
        await asyncio.sleep(0.5)
        slow.cancel()  # e.g. the client went away
        with pytest.raises(asyncio.CancelledError):
            await slow
        return (await pool.run(ask(7))).body
    finally:
        pool.close()


def test_a_cancelled_query_does_not_hand_its_answer_to_the_next_one(settings: Settings) -> None:
    # Regression: the cancelled query's worker went back to the pool still busy, and the next query
    # read the old query's reply.
    body = asyncio.run(_cancelled_then_next(settings))
    assert f"{EX}s7".encode() in body and b'"n"' not in body


async def _timeout_then_next(settings: Settings) -> tuple[QueryFailed, bytes]:
    pool = QueryPool(settings, workers=1, timeout=1, limit=1000)
    try:
        with pytest.raises(QueryFailed) as failed:
            await pool.run(QueryRequest(SLOW, JSON, "text/turtle"))
        # The replacement worker starts a new Python process; on a busy machine (the suite runs on every
        # core) that took longer than 1 s and this test failed once. The next query may take its time.
        pool.timeout = 30
        return failed.value, (await pool.run(ask(3))).body
    finally:
        pool.close()


def test_a_query_over_time_is_stopped_and_its_worker_replaced(settings: Settings) -> None:
    error, body = asyncio.run(_timeout_then_next(settings))
    assert error.kind == "timeout" and "1 seconden" in error.message
    assert f"{EX}s3".encode() in body


async def _concurrent(settings: Settings) -> list[bytes]:
    pool = QueryPool(settings, workers=2, timeout=30, limit=1000)
    try:
        answers = await asyncio.gather(*(pool.run(ask(i)) for i in range(20)))
        return [answer.body for answer in answers]
    finally:
        pool.close()


def test_concurrent_queries_each_get_their_own_answer(settings: Settings) -> None:
    bodies = asyncio.run(_concurrent(settings))
    for i, body in enumerate(bodies):
        assert f'"{EX}s{i}"'.encode() in body, i


async def _everything(settings: Settings) -> bytes:
    pool = QueryPool(settings, workers=1, timeout=30, limit=10_000)
    try:
        every = QueryRequest(f"SELECT ?s ?o WHERE {{ ?s <{EX}p> ?o }}", JSON, "text/turtle")
        return b"".join([(await pool.run(every)).body for _ in range(3)])
    finally:
        pool.close()


def test_an_answer_larger_than_the_pipe_buffer_arrives_whole_under_uvloop(settings: Settings) -> None:
    # Regression: uvloop left the watched pipe non-blocking, so reading a reply of more than 64 KB
    # failed half-way and the worker was reported as stopped.
    bodies = uvloop.run(_everything(settings))
    assert bodies.count(f'"{EX}s2999"'.encode()) == 3 and len(bodies) > 3 * 64 * 1024
