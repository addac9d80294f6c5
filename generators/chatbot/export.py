"""Exports for other chat platforms: per municipality the intents (with the example questions people
type) and the responses from the graph, as Rasa training data (nlu.yml, domain.yml, rules.yml) or as
one JSON file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generators.chatbot.engine import ChatEngine
from registry.model import Municipality, Product


def _examples(product: Product) -> list[str]:
    texts = [product.title.nl or "", *product.alt_labels]
    for faq in product.faqs:
        texts += [faq.question.nl or "", faq.question.informal or "", *faq.variants]
    seen: dict[str, None] = {}
    for text in texts:
        cleaned = " ".join(text.split())
        if cleaned and cleaned.casefold() not in {k.casefold() for k in seen}:
            seen[cleaned] = None
    return list(seen)


def intents(engine: ChatEngine, municipality: Municipality | None) -> list[dict[str, Any]]:
    """One intent per product and national service, with examples and the response for this place."""
    result = []
    catalog = engine.index.catalog
    for product in catalog.products.values():
        answer = engine.product_answer(product, municipality)
        result.append(
            {
                "name": f"product_{product.id.replace('-', '_')}",
                "product": {"id": product.id, "iri": product.iri, "upl": product.upl, "label": product.title.get()},
                "action": answer.action,
                "examples": _examples(product),
                "response": answer.text,
                "faqs": [{"question": f.question.get(), "answer": f.answer.get()} for f in product.faqs],
                "links": answer.links,
            }
        )
    for service in catalog.services.values():
        texts = [service.title.nl or "", *service.alt_labels] + [
            t for f in service.faqs for t in (f.question.nl or "", *f.variants)
        ]
        result.append(
            {
                "name": f"service_{service.id.replace('-', '_')}",
                "service": {"id": service.id, "iri": service.iri, "label": service.title.get()},
                "action": "answer",
                "examples": list(dict.fromkeys(t for t in texts if t)),
                "response": service.description.get(),
                "faqs": [{"question": f.question.get(), "answer": f.answer.get()} for f in service.faqs],
                "links": [{"label": service.title.get(), "url": service.homepage}] if service.homepage else [],
            }
        )
    return result


def _quote(text: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def write_rasa(folder: Path, items: list[dict[str, Any]]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    nlu = ['version: "3.1"', "nlu:"]
    for item in items:
        nlu.append(f"- intent: {item['name']}")
        nlu.append("  examples: |")
        nlu.extend(f"    - {' '.join(example.split())}" for example in item["examples"])
    domain = ['version: "3.1"', "intents:"] + [f"  - {item['name']}" for item in items] + ["responses:"]
    for item in items:
        domain.append(f"  utter_{item['name']}:")
        buttons = [link for link in item["links"]]
        domain.append(f"    - text: {_quote(item['response'])}")
        if buttons:
            domain.append("      buttons:")
            for link in buttons:
                domain.append(f"        - title: {_quote(link['label'])}")
                domain.append(f"          payload: {_quote(link['url'])}")
    rules = ['version: "3.1"', "rules:"]
    for item in items:
        rules += [
            f"- rule: antwoord {item['name']}",
            "  steps:",
            f"  - intent: {item['name']}",
            f"  - action: utter_{item['name']}",
        ]
    paths = []
    for name, lines in (("nlu.yml", nlu), ("domain.yml", domain), ("rules.yml", rules)):
        path = folder / name
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def export(engine: ChatEngine, out: Path, output_format: str, municipalities: list[Municipality]) -> list[Path]:
    """Write the export for the national standard and each municipality; returns the files written."""
    written = []
    for place in [None, *municipalities]:
        folder = out / (place.id if place else "landelijk")
        items = intents(engine, place)
        if output_format == "rasa":
            written += write_rasa(folder, items)
        else:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / "chatbot.json"
            payload = {
                "municipality": {"id": place.id, "label": place.label.get(), "example_data": place.is_example}
                if place
                else None,
                "intents": items,
            }
            path.write_text(json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
            written.append(path)
    return written
