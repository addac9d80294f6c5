"""The HTTP application: SPARQL endpoint, graph store, linked-data pages and the JSON content API,
all over the same store. Built by `create_app(settings)`; `dienstengraaf serve` runs it."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from api.limits import RequestSizeLimit
from api.query_pool import QueryPool
from api.reader import RegistryReader
from api.routes import chat, content, graph_store, linked_data, sparql
from api.write_preparation import start_preparing_writes
from generators import formatting
from registry.settings import Settings

HERE = Path(__file__).parent
VENDOR = {
    "yasgui": ("@zazuko", "yasgui", "build"),
    "utrecht/components": ("@utrecht", "component-library-css", "dist"),
    "utrecht/tokens": ("@utrecht", "design-tokens", "dist"),
}


def templates() -> Environment:
    """Jinja2 with autoescaping and StrictUndefined: a missing value is an error, not an empty string."""
    environment = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters.update(
        euro=formatting.euro,
        duration=formatting.duration,
        date_nl=formatting.date_nl,
        days=formatting.days,
        clock=formatting.clock,
    )
    return environment


def log_to_console() -> None:
    """Show the server's own messages (loggers under `dienstengraaf`, from INFO) beside uvicorn's."""
    logger = logging.getLogger("dienstengraaf")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s:     %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def create_app(settings: Settings | None = None) -> FastAPI:
    """The FastAPI application for one registry (settings decide store, limits and tokens)."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.pool = QueryPool(settings, settings.query_workers, settings.query_timeout, settings.result_limit)
        stop = threading.Event()
        start_preparing_writes(settings, stop)
        try:
            yield
        finally:
            stop.set()
            app.state.pool.close()

    app = FastAPI(
        title="Dienstengraaf",
        version="0.1.0",
        description="Register van gemeentelijke producten en landelijke standaardprocessen: SPARQL 1.1, "
        "linked data en een JSON-content-API over één graaf.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.reader = RegistryReader(settings)
    app.state.templates = templates()
    app.add_middleware(RequestSizeLimit, limit=settings.max_request_bytes)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_methods=["GET", "HEAD", "POST", "OPTIONS"],
        allow_headers=["Accept", "Content-Type", "If-None-Match"],
        expose_headers=["ETag", "Last-Modified"],
    )
    for router in (sparql.router, graph_store.router, content.router, chat.router, linked_data.router):
        app.include_router(router)
    app.mount("/static/dienstengraaf", StaticFiles(directory=HERE / "static"), name="static")
    # The generated websites (dienstengraaf generate site), served as static files.
    app.mount("/site", StaticFiles(directory=settings.site, html=True, check_dir=False), name="site")
    for prefix, (scope, package, folder) in VENDOR.items():
        directory = settings.root / "node_modules" / scope / package / folder
        if directory.is_dir():
            app.mount(f"/static/{prefix}", StaticFiles(directory=directory), name=prefix)

    @app.exception_handler(FileNotFoundError)
    async def store_missing(request: Request, error: FileNotFoundError) -> JSONResponse:
        return JSONResponse(
            {"error": "store", "message": f"{error} Draai eerst `dienstengraaf build`."}, status_code=503
        )

    return app
