"""Linked data: every IRI the registry mints (https://dienstengraaf.nl/id/..., /def/...) dereferences
under the server's base, as an HTML page for browsers and as Turtle, JSON-LD, N-Triples or RDF/XML
by content negotiation (or ?format=)."""

from __future__ import annotations

import hashlib

import pyoxigraph as ox
from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import HTMLResponse

from api import results
from api.deps import ReaderDep, SettingsDep, TemplatesDep
from api.negotiation import accepts_html, preferred
from api.reader import RegistryReader
from api.schemas import local_url
from registry.describe import describe, resource_view
from registry.merge import merge
from registry.namespaces import PREFIXES
from registry.settings import Settings

router = APIRouter(tags=["Linked data"])

RDF_TYPES = results.GRAPH_TYPES
FORMAT_NAMES = {
    "ttl": "text/turtle",
    "turtle": "text/turtle",
    "jsonld": "application/ld+json",
    "json-ld": "application/ld+json",
    "json": "application/ld+json",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "rdf": "application/rdf+xml",
    "xml": "application/rdf+xml",
    "html": "text/html",
}


def choose_media(request: Request) -> str:
    """?format= wins; otherwise HTML for browsers and Turtle for everything else."""
    wanted = request.query_params.get("format")
    if wanted is not None:
        if wanted.lower() not in FORMAT_NAMES:
            raise HTTPException(400, f"Onbekend formaat {wanted!r}; kies uit {', '.join(sorted(FORMAT_NAMES))}.")
        return FORMAT_NAMES[wanted.lower()]
    accept = request.headers.get("accept")
    if accepts_html(accept):
        return "text/html"
    media = preferred(accept, list(RDF_TYPES))
    if media is None:
        raise HTTPException(406, f"Kies een van: text/html, {', '.join(RDF_TYPES)}.")
    return media


def _cache_headers(reader: RegistryReader, iri: str, media: str) -> dict[str, str]:
    etag = '"' + hashlib.sha256(f"{reader.version}|{iri}|{media}".encode()).hexdigest()[:32] + '"'
    return {
        "ETag": etag,
        "Vary": "Accept",
        "Cache-Control": "public, max-age=300",
        "Last-Modified": reader.modified.strftime("%a, %d %b %Y %H:%M:%S GMT"),
    }


def _alternates(request: Request) -> str:
    path = request.url.path
    return ", ".join(
        f'<{path}?format={name}>; rel="alternate"; type="{media}"'
        for name, media in (("ttl", "text/turtle"), ("jsonld", "application/ld+json"), ("nt", "application/n-triples"))
    )


def dereference(
    request: Request, iri: str, reader: RegistryReader, settings: Settings, templates: TemplatesDep
) -> Response:
    media = choose_media(request)
    store = reader.store()
    triples = describe(store, iri)
    if not triples:
        if media == "text/html":
            page = templates.get_template("not-found.html.j2").render(iri=iri, base_url=settings.base_url)
            return HTMLResponse(page, status_code=404)
        raise HTTPException(404, f"De registry kent {iri} niet.")
    headers = _cache_headers(reader, iri, media)
    headers["Link"] = _alternates(request)
    if request.headers.get("if-none-match") == headers["ETag"]:
        return Response(status_code=304, headers=headers)
    if media == "text/html":
        return HTMLResponse(render_page(iri, reader, settings, templates), headers=headers)
    own = [t for t in triples if isinstance(t.subject, ox.NamedNode) and t.subject.value == iri]
    nested = [t for t in triples if not (isinstance(t.subject, ox.NamedNode) and t.subject.value == iri)]
    body = results.graph(media, own + nested, PREFIXES)
    return Response(body, media_type=f"{media}; charset=utf-8", headers=headers)


def render_page(iri: str, reader: RegistryReader, settings: Settings, templates: TemplatesDep) -> str:
    """The readable page for a resource: products, processes, national services and municipalities get
    their own page; anything else a table of its properties."""
    catalog = reader.catalog()

    def link(target: str) -> str:
        return local_url(target, settings.base_iri, settings.base_url)

    common = {"base_url": settings.base_url, "link": link, "iri": iri}
    product = catalog.product_by_iri(iri) or next(
        (p for p in catalog.products.values() if p.process is not None and p.process.iri == iri), None
    )
    if product is not None:
        offers = []
        for listed in reader.municipalities():
            full = reader.municipality(listed.iri)
            if full is not None and any(o.product == product.iri for o in full.offerings):
                offers.append(merge(product, full))
        template = "product.html.j2" if product.iri == iri else "process.html.j2"
        return templates.get_template(template).render(product=product, offers=offers, **common)
    service = next((s for s in catalog.services.values() if s.iri == iri), None)
    if service is not None:
        users = [p for p in catalog.products.values() if any(s.iri == iri for s in p.services)]
        return templates.get_template("national-service.html.j2").render(service=service, users=users, **common)
    municipality = next((m for m in reader.municipalities() if m.iri == iri), None)
    if municipality is not None:
        full = reader.municipality(iri)
        products = {p.iri: p for p in catalog.products.values()}
        return templates.get_template("municipality.html.j2").render(municipality=full, products=products, **common)
    view = resource_view(reader.store(), iri)
    return templates.get_template("resource.html.j2").render(view=view, **common)


@router.get("/", include_in_schema=False)
def home(request: Request, reader: ReaderDep, settings: SettingsDep, templates: TemplatesDep) -> HTMLResponse:
    catalog = reader.catalog()
    page = templates.get_template("home.html.j2").render(
        base_url=settings.base_url,
        products=list(catalog.products.values()),
        services=list(catalog.services.values()),
        municipalities=reader.municipalities(),
        link=lambda target: local_url(target, settings.base_iri, settings.base_url),
    )
    return HTMLResponse(page)


@router.get("/id/{path:path}", summary="Een resource van de registry (HTML of RDF)")
def resource(
    path: str, request: Request, reader: ReaderDep, settings: SettingsDep, templates: TemplatesDep
) -> Response:
    return dereference(request, f"{settings.base_iri}id/{path}", reader, settings, templates)


@router.get("/def/{term}", summary="Een term van de ontologie (HTML of RDF)")
def term(term: str, request: Request, reader: ReaderDep, settings: SettingsDep, templates: TemplatesDep) -> Response:
    return dereference(request, f"{settings.base_iri}def/{term}", reader, settings, templates)


@router.get("/def", summary="De ontologie (HTML of RDF)")
def ontology(request: Request, reader: ReaderDep, settings: SettingsDep, templates: TemplatesDep) -> Response:
    return dereference(request, f"{settings.base_iri}def", reader, settings, templates)
