"""Typed FastAPI dependencies: settings, the query pool, the store reader and write authorisation.

They are coroutines on purpose: FastAPI runs a plain function dependency in a worker thread, which
costs more than the lookup itself."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from jinja2 import Environment

from api.query_pool import QueryPool
from api.reader import RegistryReader
from registry.settings import Settings


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_pool(request: Request) -> QueryPool:
    pool: QueryPool = request.app.state.pool
    return pool


async def get_reader(request: Request) -> RegistryReader:
    reader: RegistryReader = request.app.state.reader
    return reader


async def get_templates(request: Request) -> Environment:
    templates: Environment = request.app.state.templates
    return templates


async def require_writer(request: Request) -> str:
    """The name of the write token in the Authorization header; 401 without one, 403 if unknown."""
    settings: Settings = request.app.state.settings
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(
            401,
            "Schrijven vraagt een token: stuur 'Authorization: Bearer <token>'.",
            headers={"WWW-Authenticate": 'Bearer realm="dienstengraaf"'},
        )
    for name, secret in settings.write_tokens.items():
        if secrets.compare_digest(token.encode(), secret.get_secret_value().encode()):
            return name
    raise HTTPException(403, "Dit token mag niet schrijven.")


SettingsDep = Annotated[Settings, Depends(get_settings)]
PoolDep = Annotated[QueryPool, Depends(get_pool)]
ReaderDep = Annotated[RegistryReader, Depends(get_reader)]
TemplatesDep = Annotated[Environment, Depends(get_templates)]
WriterDep = Annotated[str, Depends(require_writer)]
