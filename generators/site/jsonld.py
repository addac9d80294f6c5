"""schema.org JSON-LD for generated pages: GovernmentService for a product (provider, area served,
audience, channels, UPL identifier) and FAQPage with exactly the questions shown on the page."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from registry.merge import MergedProduct
from registry.model import FAQ, Channel


def _channel(channel: Channel, processing_time: str | None, lang: str) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": "ServiceChannel", "name": channel.title.get(lang)}
    if channel.url:
        item["serviceUrl"] = channel.url
    if channel.telephone:
        item["servicePhone"] = {"@type": "ContactPoint", "telephone": channel.telephone}
    if channel.address:
        item["serviceLocation"] = {"@type": "Place", "address": channel.address}
    if processing_time:
        item["processingTime"] = processing_time
    return item


def government_service(merged: MergedProduct, page_url: str, lang: str, informal: bool) -> dict[str, Any]:
    """The product as schema:GovernmentService, with the municipality's channels when there is one."""
    product, municipality = merged.product, merged.municipality
    service: dict[str, Any] = {
        "@type": "GovernmentService",
        "@id": page_url + "#dienst",
        "name": product.title.get(lang, informal),
        "description": product.description.get(lang, informal),
        "identifier": product.upl,
        "url": merged.web_page or page_url,
        "audience": [{"@type": "Audience", "audienceType": a.label.get(lang)} for a in product.audiences],
        "serviceType": product.title.get("nl"),
    }
    if municipality is not None:
        service["provider"] = {
            "@type": "GovernmentOrganization",
            "name": municipality.label.get(lang),
            **({"url": municipality.homepage} if municipality.homepage else {}),
        }
        service["areaServed"] = {
            "@type": "AdministrativeArea",
            "name": municipality.label.get(lang).removeprefix("Gemeente "),
            **({"identifier": municipality.owms} if municipality.owms else {}),
        }
    channels = [_channel(c, merged.processing_time, lang) for c in merged.channels]
    if channels:
        service["availableChannel"] = channels
    return service


def faq_page(faqs: Sequence[FAQ], page_url: str, lang: str, informal: bool) -> dict[str, Any]:
    """schema:FAQPage whose questions and answers are the ones the page shows, in the same order."""
    return {
        "@type": "FAQPage",
        "@id": page_url + "#vragen",
        "mainEntity": [
            {
                "@type": "Question",
                "name": f.question.get(lang, informal),
                "acceptedAnswer": {"@type": "Answer", "text": f.answer.get(lang, informal)},
            }
            for f in faqs
        ],
    }


def script(nodes: Sequence[dict[str, Any]]) -> Markup:
    """A JSON-LD script body that is safe inside HTML: '<', '>' and '&' are escaped as JSON escapes."""
    text = json.dumps({"@context": "https://schema.org", "@graph": list(nodes)}, ensure_ascii=False, indent=1)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)
