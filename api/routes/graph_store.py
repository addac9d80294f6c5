"""SPARQL 1.1 Graph Store HTTP Protocol (indirect graph identification) at /rdf-graphs: reading is
open; PUT, POST and DELETE need a write token and go through the same validated, all-or-nothing
write as SPARQL Update."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pyoxigraph as ox
from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import StreamingResponse

from api.deps import ReaderDep, SettingsDep, WriterDep
from api.negotiation import preferred
from api.routes.sparql import write_response
from api.sparql_text import UnsafeIri, check_iri
from registry.backend import AnyStore
from registry.writes import log_write, staged_write

router = APIRouter(tags=["Graph Store"])

RDF_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
DATASET_TYPES = {"application/n-quads": ox.RdfFormat.N_QUADS, "application/trig": ox.RdfFormat.TRIG}


def _target(request: Request) -> ox.NamedNode | ox.DefaultGraph | None:
    """The graph named by ?graph=IRI, the default graph for ?default, None for neither."""
    params = request.query_params
    if "graph" in params and "default" in params:
        raise HTTPException(400, "Gebruik ?graph=IRI of ?default, niet allebei.")
    if "graph" in params:
        try:
            return ox.NamedNode(check_iri(params["graph"]))
        except (UnsafeIri, ValueError) as error:
            raise HTTPException(400, f"Geen geldige graph-IRI: {params['graph']!r}") from error
    if "default" in params:
        return ox.DefaultGraph()
    return None


def _exists(store: AnyStore, target: ox.NamedNode | ox.DefaultGraph) -> bool:
    if isinstance(target, ox.DefaultGraph):
        return True
    return store.contains_named_graph(target)


@router.api_route("/rdf-graphs", methods=["GET", "HEAD"], summary="Een graph (?graph=IRI of ?default) of alles")
async def read_graph(request: Request, reader: ReaderDep) -> Response:
    store = reader.store()
    target = _target(request)
    accept = request.headers.get("accept")
    headers = {
        "Vary": "Accept",
        "ETag": f'"{reader.version}"',
        "Last-Modified": reader.modified.strftime("%a, %d %b %Y %H:%M:%S GMT"),
    }
    if target is None:
        media = preferred(accept, list(DATASET_TYPES)) or "application/n-quads"
        if request.method == "HEAD":
            return Response(media_type=media, headers=headers)
        data = store.dump(format=DATASET_TYPES[media])
        return StreamingResponse(iter([data or b""]), media_type=media, headers=headers)
    if not _exists(store, target):
        raise HTTPException(404, "Deze graph bestaat niet.")
    graph_media = preferred(accept, list(RDF_TYPES))
    if graph_media is None:
        raise HTTPException(406, f"Kies een van: {', '.join(RDF_TYPES)}.")
    if request.method == "HEAD":
        return Response(media_type=graph_media, headers=headers)
    data = store.dump(format=RDF_TYPES[graph_media], from_graph=target)
    return Response(data or b"", media_type=f"{graph_media}; charset=utf-8", headers=headers)


async def _body_triples(request: Request) -> list[ox.Triple]:
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media not in RDF_TYPES:
        raise HTTPException(415, f"Stuur RDF als een van: {', '.join(RDF_TYPES)}.")
    body = await request.body()
    try:
        return [
            ox.Triple(q.subject, q.predicate, q.object)
            for q in ox.parse(body, format=RDF_TYPES[media], base_iri=str(request.url))
        ]
    except SyntaxError as error:
        raise HTTPException(400, f"De RDF is niet te lezen: {error}") from error


async def _write(
    request: Request, settings: SettingsDep, who: str, operation: str, change: Callable[[ox.Store], None]
) -> Response:
    outcome = await asyncio.to_thread(staged_write, settings, change)
    log_write(settings, who, operation, outcome, int(request.headers.get("content-length") or 0))
    return write_response(outcome)


@router.put("/rdf-graphs", summary="Vervang een graph (token nodig)", status_code=204)
async def put_graph(request: Request, settings: SettingsDep, reader: ReaderDep, who: WriterDep) -> Response:
    target = _target(request)
    if target is None:
        raise HTTPException(400, "Zeg welke graph: ?graph=IRI of ?default.")
    triples = await _body_triples(request)
    created = not _exists(reader.store(), target)

    def change(store: ox.Store) -> None:
        if isinstance(target, ox.DefaultGraph):
            store.clear_graph(target)
        elif store.contains_named_graph(target):
            store.remove_graph(target)
        store.extend([ox.Quad(t.subject, t.predicate, t.object, target) for t in triples])

    response = await _write(request, settings, who, f"PUT {target}", change)
    if response.status_code == 204 and created:
        return Response(status_code=201)
    return response


@router.post("/rdf-graphs", summary="Voeg triples toe aan een graph (token nodig)", status_code=204)
async def post_graph(request: Request, settings: SettingsDep, reader: ReaderDep, who: WriterDep) -> Response:
    target = _target(request)
    if target is None:
        raise HTTPException(400, "Zeg welke graph: ?graph=IRI of ?default.")
    triples = await _body_triples(request)
    created = not _exists(reader.store(), target)

    def change(store: ox.Store) -> None:
        store.extend([ox.Quad(t.subject, t.predicate, t.object, target) for t in triples])

    response = await _write(request, settings, who, f"POST {target}", change)
    if response.status_code == 204 and created:
        return Response(status_code=201)
    return response


@router.delete("/rdf-graphs", summary="Verwijder een graph (token nodig)", status_code=204)
async def delete_graph(request: Request, settings: SettingsDep, reader: ReaderDep, who: WriterDep) -> Response:
    target = _target(request)
    if target is None:
        raise HTTPException(400, "Zeg welke graph: ?graph=IRI of ?default.")
    if not _exists(reader.store(), target):
        raise HTTPException(404, "Deze graph bestaat niet.")

    def change(store: ox.Store) -> None:
        if isinstance(target, ox.DefaultGraph):
            store.clear_graph(target)
        else:
            store.remove_graph(target)

    return await _write(request, settings, who, f"DELETE {target}", change)
