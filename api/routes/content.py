"""The JSON content API for websites and apps: products (with filters, search and paging, and the
merged view for one municipality), national services, channels, municipalities and FAQs.

Filters and search run over the read model in Python; request parameters never reach SPARQL text.
Every answer carries ETag and Last-Modified (of the store version) and honours conditional requests.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request, Response
from pydantic import BaseModel

from api import schemas
from api.deps import ReaderDep, SettingsDep
from api.reader import RegistryReader
from registry.merge import merge
from registry.model import Product

router = APIRouter(prefix="/api", tags=["Content-API"])
KANAALTYPE = "https://dienstengraaf.nl/id/kanaaltype/"

PageNumber = Annotated[int, Query(ge=1, le=10_000, description="Paginanummer, vanaf 1")]
PageSize = Annotated[int, Query(ge=1, le=100, description="Aantal per pagina")]
Filter = Annotated[str | None, Query(max_length=200)]


def normalise(value: str) -> str:
    """Lower case without accents, for search: 'Súdwest' matches 'sudwest'."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _matches(ref_ids: list[str], ref_iris: list[str], wanted: str | None) -> bool:
    return wanted is None or wanted in ref_ids or wanted in ref_iris


def _respond(request: Request, reader: RegistryReader, content: BaseModel | list[Any]) -> Response:
    """JSON with ETag and Last-Modified; 304 when the client already has this version."""
    if isinstance(content, list):
        body = ("[" + ",".join(item.model_dump_json() for item in content) + "]").encode("utf-8")
    else:
        body = content.model_dump_json().encode("utf-8")
    etag = '"' + hashlib.sha256(reader.version.encode() + body).hexdigest()[:32] + '"'
    last_modified = reader.modified.strftime("%a, %d %b %Y %H:%M:%S GMT")
    headers = {"ETag": etag, "Last-Modified": last_modified, "Cache-Control": "public, max-age=60"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    since = request.headers.get("if-modified-since")
    if since is not None and "if-none-match" not in request.headers and since == last_modified:
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="application/json", headers=headers)


def _text_score(product: Product, query: str) -> int:
    """How well a product matches a search text: title 3, other names 2, description or FAQ 1, else 0."""
    words = normalise(query).split()
    if not words:
        return 1

    def has(values: list[str]) -> bool:
        haystack = " ".join(normalise(v) for v in values)
        return all(word in haystack for word in words)

    if has([product.title.get(), product.title.get("en"), product.id]):
        return 3
    if has(list(product.alt_labels)):
        return 2
    faq_texts = [f.question.get() for f in product.faqs] + [v for f in product.faqs for v in f.variants]
    if has([product.description.get(), *faq_texts]):
        return 1
    return 0


def _page(items: list[Any], page: int, page_size: int) -> tuple[list[Any], int]:
    start = (page - 1) * page_size
    return items[start : start + page_size], len(items)


@router.get("/products", response_model=schemas.Page[schemas.ProductSummary], summary="Producten, met filters")
def list_products(
    request: Request,
    reader: ReaderDep,
    settings: SettingsDep,
    audience: Filter = None,
    theme: Filter = None,
    life_event: Filter = None,
    channel: Filter = None,
    national_service: Filter = None,
    complexity: Filter = None,
    municipality: Filter = None,
    q: Annotated[str | None, Query(max_length=200, description="Zoektekst")] = None,
    page: PageNumber = 1,
    page_size: PageSize = 20,
) -> Response:
    """Products filtered by audience (burger, ondernemer), theme, life event, channel type, national
    service, complexity (enkelvoudig, samengesteld, maatwerk), municipality (only products it offers),
    and a search text. Filter values are ids (e.g. `afval`) or full IRIs."""
    catalog = reader.catalog()
    offered: set[str] | None = None
    if municipality is not None:
        found = reader.find_municipality(municipality)
        offered = {o.product for o in found.offerings} if found else set()
    checks: list[Callable[[Product], bool]] = [
        lambda p: _matches([r.id for r in p.audiences], [r.iri for r in p.audiences], audience),
        lambda p: _matches([r.id for r in p.themes], [r.iri for r in p.themes], theme),
        lambda p: _matches([r.id for r in p.life_events], [r.iri for r in p.life_events], life_event),
        lambda p: _matches([r.id for r in p.channel_types], [r.iri for r in p.channel_types], channel),
        lambda p: _matches([r.id for r in p.services], [r.iri for r in p.services], national_service),
        lambda p: _matches(
            [p.complexity.id] if p.complexity else [], [p.complexity.iri] if p.complexity else [], complexity
        ),
        lambda p: offered is None or p.iri in offered,
    ]
    chosen = [p for p in catalog.products.values() if all(check(p) for check in checks)]
    if q:
        scored = [(_text_score(p, q), p) for p in chosen]
        chosen = [p for score, p in sorted(scored, key=lambda sp: (-sp[0], sp[1].id)) if score > 0]
    items, total = _page(chosen, page, page_size)
    payload = schemas.Page[schemas.ProductSummary](
        items=[schemas.summary(p, settings.base_iri, settings.base_url) for p in items],
        total=total,
        page=page,
        page_size=page_size,
    )
    return _respond(request, reader, payload)


@router.get("/products/{product_id}", response_model=schemas.ProductDetail, summary="Eén product")
def get_product(
    request: Request,
    product_id: str,
    reader: ReaderDep,
    settings: SettingsDep,
    municipality: Annotated[str | None, Query(max_length=200, description="Gemeente: id, naam of OWMS-URI")] = None,
) -> Response:
    """One product. With `municipality`, the merged view: the national standard plus that
    municipality's local facts; `provenance` says per field whether it is national or local."""
    product = reader.catalog().products.get(product_id)
    if product is None:
        raise HTTPException(404, f"Geen product met id {product_id!r}.")
    place = None
    if municipality is not None:
        place = reader.find_municipality(municipality)
        if place is None:
            raise HTTPException(404, f"Geen gemeente {municipality!r} gevonden.")
    return _respond(request, reader, schemas.detail(merge(product, place), settings.base_iri, settings.base_url))


@router.get("/national-services", response_model=list[schemas.NationalServiceOut], summary="Landelijke voorzieningen")
def list_services(request: Request, reader: ReaderDep, settings: SettingsDep) -> Response:
    catalog = reader.catalog()
    services = []
    for service in catalog.services.values():
        used_by = sorted(p.id for p in catalog.products.values() if any(s.iri == service.iri for s in p.services))
        services.append(schemas.national_service(service, used_by, settings.base_iri, settings.base_url))
    return _respond(request, reader, services)


@router.get("/channels", response_model=list[schemas.ChannelTypeOut], summary="Kanaaltypen")
def list_channels(request: Request, reader: ReaderDep) -> Response:
    catalog = reader.catalog()
    counts: dict[str, int] = {}
    for product in catalog.products.values():
        for channel_type in product.channel_types:
            counts[channel_type.iri] = counts.get(channel_type.iri, 0) + 1
    channels = [
        schemas.ChannelTypeOut(
            id=c.id,
            iri=c.iri,
            label=schemas.text(c.label),
            group=catalog.broader.get(c.iri),
            products=counts.get(c.iri, 0),
        )
        for iri, c in sorted(catalog.concepts.items())
        if iri.startswith(KANAALTYPE) and iri in catalog.broader
    ]
    return _respond(request, reader, channels)


@router.get("/municipalities", response_model=list[schemas.MunicipalityOut], summary="Gemeenten")
def list_municipalities(request: Request, reader: ReaderDep, settings: SettingsDep) -> Response:
    items = [schemas.municipality(m, settings.base_iri, settings.base_url) for m in reader.municipalities()]
    return _respond(request, reader, items)


@router.get("/municipalities/{key:path}", response_model=schemas.MunicipalityOut, summary="Eén gemeente")
def get_municipality(request: Request, key: str, reader: ReaderDep, settings: SettingsDep) -> Response:
    found = reader.find_municipality(key)
    if found is None:
        raise HTTPException(404, f"Geen gemeente {key!r} gevonden.")
    return _respond(request, reader, schemas.municipality(found, settings.base_iri, settings.base_url, full=True))


@router.get("/faqs", response_model=schemas.Page[schemas.FAQOut], summary="Veelgestelde vragen")
def list_faqs(
    request: Request,
    reader: ReaderDep,
    product: Filter = None,
    topic: Filter = None,
    q: Annotated[str | None, Query(max_length=200, description="Zoektekst")] = None,
    page: PageNumber = 1,
    page_size: PageSize = 20,
) -> Response:
    """FAQs of products and national services, filtered by product or service id, topic and text."""
    catalog = reader.catalog()
    everything = {f.iri: f for p in catalog.products.values() for f in p.faqs}
    everything.update({f.iri: f for s in catalog.services.values() for f in s.faqs})
    ids = {**{p.iri: p.id for p in catalog.products.values()}, **{s.iri: s.id for s in catalog.services.values()}}
    chosen = []
    for item in sorted(everything.values(), key=lambda f: f.id):
        about = [ids.get(a, a) for a in item.about]
        if product is not None and product not in about and product not in item.about:
            continue
        if topic is not None and (item.topic is None or topic not in (item.topic.id, item.topic.iri)):
            continue
        if q and not all(
            w in normalise(" ".join([item.question.get(), *item.variants, item.answer.get()]))
            for w in normalise(q).split()
        ):
            continue
        chosen.append(item)
    items, total = _page(chosen, page, page_size)
    payload = schemas.Page[schemas.FAQOut](
        items=[schemas.faq(f) for f in items], total=total, page=page, page_size=page_size
    )
    return _respond(request, reader, payload)
