"""Generating the static site: per municipality a home page (themes and life events), a page per
product (the merged view, with where each fact came from), an FAQ page per theme, a page per national
service, English product pages for SDG products, and a content feed (content.json).

Pipeline: read model (queries in registry/queries/read) -> dataclasses -> Jinja2 templates with
autoescape and StrictUndefined. Output is deterministic and written incrementally.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from api import schemas
from generators import formatting, phrases
from generators.site import jsonld
from generators.site.ui import words
from generators.site.writer import SiteWriter, WriteStats
from registry.backend import AnyStore
from registry.merge import NATIONAL, MergedProduct, merge
from registry.model import Catalog, Municipality, NationalService, Product, Ref, Text
from registry.reader import list_municipalities, match_municipality, read_catalog, read_municipality

HERE = Path(__file__).parent
VENDOR_CSS = {
    "utrecht-tokens.css": ("@utrecht", "design-tokens", "dist", "index.css"),
    "utrecht-components.css": ("@utrecht", "component-library-css", "dist", "index.css"),
}
Progress = Callable[[int, int], None]


class SiteError(ValueError):
    """The site cannot be generated as asked (unknown municipality, missing front-end packages)."""


@dataclass(frozen=True)
class Page:
    """One file of the site: its path (relative to the site root), template and context."""

    path: str
    template: str
    context: dict[str, Any]
    lang: str = "nl"


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        euro=formatting.euro,
        duration=formatting.duration,
        date_nl=formatting.date_nl,
        days=formatting.days,
        clock=formatting.clock,
    )
    env.globals.update(
        identity_sentence=phrases.identity_sentence,
        cost_sentence=phrases.cost_sentence,
        opening_hours_sentence=phrases.opening_hours_sentence,
    )
    return env


def product_path(municipality: str, product: str, lang: str = "nl") -> str:
    return (
        f"{municipality}/en/products/{product}/index.html"
        if lang == "en"
        else f"{municipality}/producten/{product}/index.html"
    )


def _relative(from_page: str, to_page: str) -> str:
    """A link from one page to another that works wherever the site is hosted."""
    folder = to_page.endswith(("index.html", "/"))
    target = to_page.removesuffix("index.html")
    relative = posixpath.relpath(target or ".", posixpath.dirname(from_page) or ".")
    if not folder:
        return relative
    return "./" if relative == "." else relative + "/"


def _ordered_channels(merged: MergedProduct) -> list[Any]:
    """The municipality's channels for this product, the advised channel type first."""
    advised = merged.product.advice.channel.iri if merged.product.advice else None
    return sorted(merged.channels, key=lambda c: (c.type is None or c.type.iri != advised, c.id))


def _themes(catalog: Catalog, products: list[Product]) -> dict[str, tuple[Ref, list[Product]]]:
    themes: dict[str, tuple[Ref, list[Product]]] = {}
    for product in products:
        for theme in product.themes:
            themes.setdefault(theme.id, (theme, []))[1].append(product)
    return dict(sorted(themes.items(), key=lambda kv: kv[1][0].label.get()))


def _life_events(products: list[Product]) -> dict[str, tuple[Ref, list[Product]]]:
    events: dict[str, tuple[Ref, list[Product]]] = {}
    for product in products:
        for event in product.life_events:
            events.setdefault(event.id, (event, []))[1].append(product)
    return dict(sorted(events.items(), key=lambda kv: kv[1][0].label.get()))


def _service_levels(service: NationalService, products: list[Product]) -> list[tuple[Product, str]]:
    """For an identity service: each product with an online step that accepts it, and the level."""
    rows = []
    means_id = service.id
    for product in products:
        for step in product.steps:
            if step.identity is None:
                continue
            for level in step.identity.levels:
                if level.means.rstrip("/").rsplit("/", 1)[-1] == means_id:
                    rows.append((product, phrases.LEVEL_NAMES_NL.get(level.id, level.label.get())))
                    break
            else:
                continue
            break
    return sorted(rows, key=lambda row: row[0].title.get())


def municipality_pages(
    catalog: Catalog, municipality: Municipality, lang: str, informal: bool, base_iri: str
) -> list[Page]:
    """Every page of one municipality's site (content.json is added separately)."""
    m = municipality.id
    products = sorted(catalog.products.values(), key=lambda p: p.title.get(lang, informal).casefold())
    merged = {p.id: merge(p, municipality) for p in products}
    themes = _themes(catalog, products)
    common = {
        "municipality": municipality,
        "lang": lang,
        "informal": informal,
        "ui": words(lang, informal),
        "themes": themes,
        "services": list(catalog.services.values()),
    }

    def t(text: Text) -> str:
        return text.get(lang, informal)

    def links(page: str) -> dict[str, Any]:
        return {
            "url": lambda target: _relative(page, target),
            "product_url": lambda product_id: _relative(page, product_path(m, product_id)),
            "theme_url": lambda theme_id: _relative(page, f"{m}/themas/{theme_id}/index.html"),
            "service_url": lambda service_id: _relative(page, f"{m}/voorzieningen/{service_id}/index.html"),
            "home_url": _relative(page, f"{m}/index.html"),
            "assets": _relative(page, "assets/"),
            "t": t,
        }

    pages: list[Page] = []
    home = f"{m}/index.html"
    pages.append(
        Page(
            home,
            "home.html.j2",
            {
                **common,
                **links(home),
                "page_title": t(municipality.label),
                "life_events": _life_events(products),
                "products": products,
                "channels": sorted((c for c in municipality.channels if c.reachable), key=lambda c: c.id),
            },
            lang,
        )
    )
    for product in products:
        item = merged[product.id]
        for page_lang in ["nl", "en"] if product.sdg_codes and lang == "nl" and product.title.en else [lang]:
            path = product_path(m, product.id, page_lang)
            page_informal = informal and page_lang == "nl"
            context = {
                **common,
                **links(path),
                "lang": page_lang,
                "ui": words(page_lang, page_informal),
                "informal": page_informal,
                "t": lambda text, pl=page_lang, pi=page_informal: text.get(pl, pi),
                "merged": item,
                "product": product,
                "channels": _ordered_channels(item),
                "national": NATIONAL,
                "page_title": product.title.get(page_lang, page_informal),
                "other_language": _relative(path, product_path(m, product.id, "nl" if page_lang == "en" else "en"))
                if product.sdg_codes and product.title.en and lang == "nl"
                else None,
            }
            page_url = f"{base_iri}site/{path.removesuffix('index.html')}"
            context["jsonld"] = jsonld.script(
                [
                    jsonld.government_service(item, page_url, page_lang, page_informal),
                    jsonld.faq_page(product.faqs, page_url, page_lang, page_informal),
                ]
            )
            pages.append(Page(path, "product.html.j2", context, page_lang))
    for theme_id, (theme, theme_products) in themes.items():
        path = f"{m}/themas/{theme_id}/index.html"
        faqs = [f for p in theme_products for f in p.faqs]
        page_url = f"{base_iri}site/{path.removesuffix('index.html')}"
        pages.append(
            Page(
                path,
                "theme.html.j2",
                {
                    **common,
                    **links(path),
                    "theme": theme,
                    "products": theme_products,
                    "page_title": t(theme.label),
                    "jsonld": jsonld.script([jsonld.faq_page(faqs, page_url, lang, informal)]),
                },
                lang,
            )
        )
    for service in catalog.services.values():
        path = f"{m}/voorzieningen/{service.id}/index.html"
        users = sorted(
            (p for p in products if any(s.iri == service.iri for s in p.services)),
            key=lambda p: p.title.get().casefold(),
        )
        pages.append(
            Page(
                path,
                "service.html.j2",
                {
                    **common,
                    **links(path),
                    "service": service,
                    "users": users,
                    "page_title": t(service.title),
                    "levels": _service_levels(service, products),
                },
                lang,
            )
        )
    return pages


def content_feed(catalog: Catalog, municipality: Municipality, base_iri: str, base_url: str) -> bytes:
    """The same data as the pages, as JSON, for sites that render their own HTML."""
    products = [schemas.detail(merge(p, municipality), base_iri, base_url) for p in catalog.products.values()]
    services = [
        schemas.national_service(
            s,
            sorted(p.id for p in catalog.products.values() if any(x.iri == s.iri for x in p.services)),
            base_iri,
            base_url,
        )
        for s in catalog.services.values()
    ]
    parts = [
        '{"municipality":' + schemas.municipality(municipality, base_iri, base_url, full=True).model_dump_json(),
        '"products":[' + ",".join(p.model_dump_json() for p in products) + "]",
        '"national_services":[' + ",".join(s.model_dump_json() for s in services) + "]}",
    ]
    return (",".join(parts) + "\n").encode("utf-8")


def generate_site(
    store: AnyStore,
    out: Path,
    root: Path,
    municipalities: list[str] | None = None,
    lang: str = "nl",
    informal: bool = False,
    base_iri: str = "https://dienstengraaf.nl/",
    base_url: str = "http://127.0.0.1:8000",
    progress: Progress | None = None,
) -> WriteStats:
    """Generate the site for the given municipalities (names, ids or OWMS URIs; default all)."""
    catalog = read_catalog(store)
    listed = list_municipalities(store)
    chosen = listed if not municipalities else []
    for key in municipalities or []:
        found = match_municipality(listed, key)
        if found is None:
            raise SiteError(f"Onbekende gemeente: {key!r}. Bekend: {', '.join(m.label.get() for m in listed)}.")
        chosen.append(found)
    full = [m for m in (read_municipality(store, c.iri) for c in chosen) if m is not None]
    env = environment()
    writer = SiteWriter(out)
    _assets(writer, root)
    pages: list[Page] = [
        Page(
            "index.html",
            "index.html.j2",
            {
                "municipalities": full,
                "lang": lang,
                "ui": words(lang, informal),
                "page_title": "Dienstengraaf",
                "url": lambda target: _relative("index.html", target),
                "assets": "assets/",
                "t": lambda text: text.get(lang, informal),
                "municipality": None,
                "informal": informal,
            },
            lang,
        )
    ]
    for municipality in full:
        pages.extend(municipality_pages(catalog, municipality, lang, informal, base_iri))
    total = len(pages) + len(full)
    for done, page in enumerate(pages, start=1):
        writer.put(page.path, env.get_template(page.template).render(**page.context).encode("utf-8"))
        if progress:
            progress(done, total)
    for offset, municipality in enumerate(full, start=len(pages) + 1):
        writer.put(f"{municipality.id}/content.json", content_feed(catalog, municipality, base_iri, base_url))
        if progress:
            progress(offset, total)
    return writer.finish()


def _assets(writer: SiteWriter, root: Path) -> None:
    """NL Design System CSS from the npm packages the build installed, plus the site's own CSS and JS."""
    for name, parts in VENDOR_CSS.items():
        source = root / "node_modules" / Path(*parts)
        if not source.exists():
            raise SiteError(f"{source} ontbreekt: draai scripts/install (npm ci) eerst.")
        writer.put(f"assets/{name}", source.read_bytes())
    for source in sorted((HERE / "assets").iterdir()):
        writer.put(f"assets/{source.name}", source.read_bytes())
