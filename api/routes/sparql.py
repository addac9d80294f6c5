"""SPARQL 1.1 Protocol: queries (GET, POST form, POST direct) at /sparql for everyone, updates at
/sparql/update (and POST /sparql) with a write token; a service description and a query editor."""

from __future__ import annotations

import asyncio
import hashlib
import json
from pathlib import Path
from urllib.parse import parse_qs

import pyoxigraph as ox
from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse

from api import results
from api.deps import SettingsDep, TemplatesDep, require_writer
from api.negotiation import accepts_html, preferred
from api.query_pool import QueryFailed, QueryPool, QueryRequest
from api.service_description import service_description
from api.sparql_text import DatasetConflict, UnsafeIri, apply_using, check_iri, keywords_used
from registry.namespaces import PREFIXES
from registry.report import as_json
from registry.settings import Settings
from registry.writes import WriteOutcome, log_write, staged_write

router = APIRouter(tags=["SPARQL"])
EXAMPLES = Path(__file__).resolve().parents[1] / "queries" / "examples"
STATUS = {"syntax": 400, "limit": 400, "timeout": 503, "busy": 503, "error": 500}
TABLE_OFFER = list(dict.fromkeys(results.TABLE_TYPES))
GRAPH_OFFER = list(results.GRAPH_TYPES)


class Operation:
    """A parsed protocol request: exactly one query or one update, and its dataset parameters."""

    def __init__(self, kind: str, text: str, params: dict[str, list[str]]):
        self.kind, self.text, self.params = kind, text, params

    def graphs(self, name: str) -> tuple[str, ...]:
        try:
            return tuple(check_iri(value) for value in self.params.get(name, []))
        except UnsafeIri as error:
            raise HTTPException(400, str(error)) from error


def _charset_ok(content_type: str) -> bool:
    for parameter in content_type.split(";")[1:]:
        name, _, value = parameter.strip().partition("=")
        if name.lower() == "charset" and value.strip().strip('"').lower() not in ("utf-8", "utf8"):
            return False
    return True


async def parse_operation(request: Request, allow_query: bool = True) -> Operation:
    """Read the operation from the URL and body as the protocol prescribes; protocol errors are 4xx."""
    params = parse_qs(request.url.query, keep_blank_values=True)
    content_type = request.headers.get("content-type", "")
    media = content_type.split(";")[0].strip().lower()
    if request.method == "GET":
        if "update" in params:
            raise HTTPException(400, "Een update kan alleen met POST.")
        kind, values = "query", params.get("query", [])
    else:
        body = await request.body()
        if media == "application/x-www-form-urlencoded":
            try:
                form = parse_qs(body.decode("utf-8"), keep_blank_values=True)
            except UnicodeDecodeError as error:
                raise HTTPException(400, "Het formulier is geen UTF-8.") from error
            for name, values in form.items():
                params.setdefault(name, []).extend(values)
            if "query" in form and "update" in form:
                raise HTTPException(400, "Stuur een query of een update, niet allebei.")
            kind = "update" if "update" in form else "query"
            values = form.get(kind, [])
        elif media in ("application/sparql-query", "application/sparql-update"):
            if not _charset_ok(content_type):
                raise HTTPException(415, "De tekst moet UTF-8 zijn.")
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError as error:
                raise HTTPException(400, "De tekst is geen UTF-8.") from error
            kind = "query" if media == "application/sparql-query" else "update"
            values = [text]
        else:
            raise HTTPException(
                415, "Gebruik application/sparql-query, application/sparql-update of application/x-www-form-urlencoded."
            )
    if kind == "query" and not allow_query:
        raise HTTPException(400, "Dit is het update-endpoint; stuur queries naar /sparql.")
    if len(values) != 1:
        raise HTTPException(400, f"Stuur precies één {kind} (er waren er {len(values)}).")
    return Operation(kind, values[0], params)


# The two query routes take only the request and read settings and pool from the app state: FastAPI's
# dependency resolution cost about 0.2 ms per request (measured end to end), as much as a typical lookup
# query itself.


@router.get("/sparql", summary="SPARQL-query (GET), service description of query-editor")
async def sparql_get(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    params = parse_qs(request.url.query)
    if "query" not in params and "update" not in params:
        accept = request.headers.get("accept")
        if accepts_html(accept):
            return HTMLResponse(editor_page(request.app.state.templates, settings))
        return describe_service(request, settings)
    operation = await parse_operation(request)
    return await run_query(request, settings, request.app.state.pool, operation)


@router.post("/sparql", summary="SPARQL-query (POST); een update vraagt een token")
async def sparql_post(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    operation = await parse_operation(request)
    if operation.kind == "update":
        return await run_update(request, settings, operation)
    return await run_query(request, settings, request.app.state.pool, operation)


@router.post("/sparql/update", summary="SPARQL-update (met token)")
async def sparql_update(request: Request, settings: SettingsDep) -> Response:
    operation = await parse_operation(request, allow_query=False)
    return await run_update(request, settings, operation)


@router.api_route("/sparql", methods=["PUT", "DELETE", "PATCH"], include_in_schema=False)
async def sparql_wrong_method() -> Response:
    raise HTTPException(405, "Gebruik GET of POST.", headers={"Allow": "GET, POST"})


async def run_query(request: Request, settings: Settings, pool: QueryPool, operation: Operation) -> Response:
    if keywords_used(operation.text, {"SERVICE"}):
        raise HTTPException(400, "SERVICE is niet toegestaan: deze endpoint haalt geen gegevens van buiten.")
    accept = request.headers.get("accept")
    query = QueryRequest(
        text=operation.text,
        table_type=preferred(accept, TABLE_OFFER) or TABLE_OFFER[0],
        graph_type=preferred(accept, GRAPH_OFFER) or GRAPH_OFFER[0],
        default_graphs=operation.graphs("default-graph-uri"),
        named_graphs=operation.graphs("named-graph-uri"),
        base_iri=f"{settings.base_url}/sparql",
        prefixes=PREFIXES,
    )
    try:
        answer = await pool.run(query)
    except QueryFailed as error:
        return JSONResponse({"error": error.kind, "message": error.message}, status_code=STATUS.get(error.kind, 500))
    etag = '"' + hashlib.sha256(answer.body).hexdigest()[:32] + '"'
    if request.method == "GET" and request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers={"ETag": etag, "Vary": "Accept"})
    charset = "; charset=utf-8" if not answer.media_type.endswith("+xml") else ""
    return Response(
        answer.body,
        media_type=answer.media_type + charset,
        headers={"Vary": "Accept", "ETag": etag, "Cache-Control": "no-cache"},
    )


async def run_update(request: Request, settings: Settings, operation: Operation) -> Response:
    who = await require_writer(request)
    forbidden = keywords_used(operation.text, {"SERVICE", "LOAD"})
    if forbidden:
        raise HTTPException(400, f"{forbidden[0]} is niet toegestaan: deze endpoint haalt geen gegevens van buiten.")
    try:
        text = apply_using(
            operation.text, operation.graphs("using-graph-uri"), operation.graphs("using-named-graph-uri")
        )
    except DatasetConflict as error:
        raise HTTPException(400, str(error)) from error
    base = f"{settings.base_url}/sparql"
    try:
        ox.Store().update(text, base_iri=base)  # syntax check on an empty store, before anything is copied
    except SyntaxError as error:
        raise HTTPException(400, f"Syntaxfout in de update: {error}") from error
    outcome = await asyncio.to_thread(staged_write, settings, lambda store: store.update(text, base_iri=base))
    log_write(settings, who, "sparql-update", outcome, len(operation.text.encode()))
    return write_response(outcome)


def write_response(outcome: WriteOutcome) -> Response:
    """204 when a write was applied; 422 with the validation report when it was rejected."""
    if outcome.applied:
        return Response(status_code=204)
    payload = outcome.as_dict()
    payload["message"] = "De wijziging is afgewezen: het resultaat voldoet niet aan de shapes. Er is niets veranderd."
    if outcome.report is not None:
        payload["report"] = json.loads(as_json(outcome.report))
    return JSONResponse(payload, status_code=422)


def describe_service(request: Request, settings: Settings) -> Response:
    reader = request.app.state.reader
    offered = ["text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml"]
    media = preferred(request.headers.get("accept"), offered) or "text/turtle"
    graph = service_description(settings, reader.store())
    body = graph.serialize(
        format={
            "text/turtle": "turtle",
            "application/ld+json": "json-ld",
            "application/n-triples": "nt",
            "application/rdf+xml": "xml",
        }[media]
    )
    return Response(body, media_type=media + "; charset=utf-8", headers={"Vary": "Accept"})


def example_queries() -> list[dict[str, str]]:
    """The example queries of the editor: each .rq file, named by its first comment line."""
    examples = []
    for path in sorted(EXAMPLES.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        first = text.splitlines()[0] if text else ""
        name = first.lstrip("# ").strip() if first.startswith("#") else path.stem
        examples.append({"name": name, "query": text})
    return examples


def editor_page(templates: TemplatesDep, settings: Settings) -> str:
    return templates.get_template("sparql-editor.html.j2").render(
        base_url=settings.base_url,
        endpoint=f"{settings.base_url}/sparql",
        examples=example_queries(),
        timeout=settings.query_timeout,
        limit=settings.result_limit,
    )
