"""The answer engine: a question (and optionally a municipality and a session) in, an answer out:
`answer`, `clarify`, `handover` or `fallback`, with the facts from the graph and the text from
templates. Deterministic: the same question gives the same answer."""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from generators import phrases
from generators.chatbot import contact, policy
from generators.chatbot.elsewhere import elsewhere
from generators.chatbot.identity import identity_facts
from generators.chatbot.index import ChatIndex, Entity
from generators.chatbot.privacy import mask
from generators.chatbot.sessions import SessionStore
from generators.chatbot.text import content_words
from registry.merge import NATIONAL, MergedProduct, merge
from registry.model import FAQ, Municipality, NationalService, Product
from registry.reader import match_municipality

HERE = Path(__file__).parent
log = logging.getLogger("dienstengraaf.chat")


@dataclass
class ChatAnswer:
    """The answer as the HTTP contract describes it (see api/routes/chat.py)."""

    action: str
    confidence: float
    text: str
    product: dict[str, str] | None = None
    options: list[dict[str, Any]] = field(default_factory=list)
    service: dict[str, str] | None = None
    channel: dict[str, Any] | None = None
    identity: dict[str, Any] | None = None
    costs: list[dict[str, Any]] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    processing_time: str | None = None
    links: list[dict[str, str]] = field(default_factory=list)
    sources: list[dict[str, str | None]] = field(default_factory=list)
    session: str = ""
    municipality: dict[str, Any] | None = None
    masked: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class ChatEngine:
    """Answers questions from a built index; keeps sessions for follow-up questions."""

    def __init__(self, index: ChatIndex, base_url: str = "http://127.0.0.1:8000", sessions: SessionStore | None = None):
        self.index, self.base_url = index, base_url.rstrip("/")
        self.sessions = sessions or SessionStore()
        self.templates = Environment(
            loader=FileSystemLoader(HERE / "templates"),
            autoescape=False,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        catalog = index.catalog
        self.sensitive = {
            p.id
            for p in catalog.products.values()
            if p.sensitive or (p.complexity is not None and p.complexity.id == "maatwerk")
        }

    @classmethod
    def from_file(cls, path: Path, base_url: str = "http://127.0.0.1:8000") -> ChatEngine:
        return cls(ChatIndex.load(path), base_url)

    # the conversation -----------------------------------------------------------

    def ask(
        self,
        question: str,
        municipality: str | None = None,
        session: str | None = None,
        lang: str = "nl",
        keep_session_key: bool = False,
    ) -> ChatAnswer:
        masked, found = mask(question)
        key, state = self.sessions.get(session, keep_session_key)
        place = self.municipality(municipality or state.municipality)
        state.municipality = place.id if place else state.municipality
        answer = self._answer(question, place, state, lang)
        answer.session, answer.masked = key, found
        if found:
            answer.text += ("\n\n" if answer.text else "") + self._render("privacy.txt.j2", found=found)
        if answer.product:
            state.product, state.service = answer.product["id"], None
        elif answer.service:
            state.service, state.product = answer.service["id"], None
        log.info("vraag=%r actie=%s product=%s", masked, answer.action, answer.product and answer.product["id"])
        return answer

    def _answer(self, question: str, place: Municipality | None, state: Any, lang: str) -> ChatAnswer:
        catalog = self.index.catalog
        if policy.asks_for_person(question):
            product = catalog.products.get(state.product) if state.product else None
            return self._handover(product, place, 1.0, asked=True)
        rest = contact.contact_question(question)
        if rest is not None and not self.index.names_a_product(rest):
            return self._contact(place)
        ranked = self.index.search(question)
        previous = catalog.products.get(state.product) if state.product else None
        if previous is not None:
            weak = not ranked or ranked[0][1] < policy.MIN_SCORE
            follows = policy.is_follow_up(question, len(content_words(question)))
            if follows or (weak and policy.topic(question) is not None):
                return self._product_answer(previous, place, question, 0.8, lang, follow_up=True)
        other = elsewhere(question)
        if other is not None:
            return ChatAnswer(
                "fallback",
                0.9,
                self._render("elsewhere.txt.j2", other=other),
                links=[{"label": other.organisation, "url": other.url}],
            )
        coverage = self.index.coverage(ranked[0][0], question) if ranked else 0.0
        decision = policy.decide(ranked, self.sensitive, coverage)
        if decision.action == "fallback":
            return ChatAnswer("fallback", decision.confidence, self._render("fallback.txt.j2"))
        if decision.action == "clarify":
            return self._clarify(decision.options, decision.confidence)
        entity = decision.entity
        assert entity is not None
        if entity.kind == "service":
            return self._service_answer(catalog.services[entity.id], question, decision.confidence, lang)
        product = catalog.products[entity.id]
        if decision.action == "handover":
            return self._handover(product, place, decision.confidence, asked=False)
        return self._product_answer(product, place, question, decision.confidence, lang)

    def product_answer(self, product: Product, place: Municipality | None, lang: str = "nl") -> ChatAnswer:
        """The standard answer about a product (for exports): as if someone asked about it by name."""
        return self._product_answer(product, place, product.title.get(lang), 1.0, lang)

    # composing answers --------------------------------------------------------

    def _product_answer(
        self,
        product: Product,
        place: Municipality | None,
        question: str,
        confidence: float,
        lang: str,
        follow_up: bool = False,
    ) -> ChatAnswer:
        merged = merge(product, place)
        answer = self._facts(ChatAnswer("answer", confidence, ""), merged, lang)
        faq = self.pick_faq(product.id, question, follow_up)
        # Without an FAQ on the asked topic (costs, processing time), the graph's own fact on it leads,
        # and is not repeated further down.
        lead = policy.topic(question)
        on_topic = faq is not None and faq.topic is not None and faq.topic.id == lead
        fact = "" if on_topic else _topic_fact(answer, lead)
        short = fact or (faq.answer.get(lang) if faq else _first_sentences(product.description.get(lang), 2))
        answer.text = self._render(
            "answer.txt.j2",
            product=product,
            merged=merged,
            short=short,
            answer=answer,
            lang=lang,
            national=NATIONAL,
            lead=lead if fact else None,
        )
        if product.sensitive or (product.complexity is not None and product.complexity.id == "maatwerk"):
            answer.action = "handover"
            answer.text = (
                self._render(
                    "handover.txt.j2",
                    product=product,
                    channels=contact.human_channels(merged.municipality),
                    place=place,
                    asked=False,
                )
                + "\n\n"
                + answer.text
            )
        return answer

    def _facts(self, answer: ChatAnswer, merged: MergedProduct, lang: str) -> ChatAnswer:
        product = merged.product
        answer.product = {"id": product.id, "iri": product.iri, "upl": product.upl, "label": product.title.get(lang)}
        answer.identity = identity_facts(product.steps, merged, lang)
        answer.channel = self._channel(merged, lang)
        answer.costs = [
            {
                "description": c.description.get(lang),
                "amount": c.amount,
                "currency": c.currency,
                "fee_type": c.fee_type.id if c.fee_type else None,
                "valid_from": c.valid_from,
                "source": "gemeente" if merged.offering and c in merged.offering.costs else NATIONAL,
                "text": phrases.cost_sentence(c, lang),
            }
            for c in merged.costs
        ]
        answer.steps = [f"{s.number}. {s.title.get(lang)}" for s in product.steps]
        answer.evidence = [e.title.get(lang) for e in product.evidence]
        answer.processing_time = (
            phrases.processing_sentence(merged.processing_time_text.get(lang), merged.processing_time, lang) or None
        )
        answer.links = self._links(merged)
        answer.sources = [{"url": s, "modified": product.modified} for s in product.sources]
        if merged.municipality is not None:
            answer.municipality = _municipality_info(merged.municipality, merged.offering is not None, lang)
        return answer

    def _channel(self, merged: MergedProduct, lang: str) -> dict[str, Any] | None:
        advice = merged.product.advice
        if advice is None:
            return None
        local = [c for c in merged.channels if c.type is not None and c.type.iri == advice.channel.iri]
        return {
            "type": advice.channel.id,
            "label": advice.channel.label.get(lang),
            "reason": advice.reason.get(lang),
            "contact": [
                {
                    "name": c.title.get(lang),
                    "contact": phrases.channel_contact(c),
                    "opening_hours": [phrases.opening_hours_sentence(h, lang) for h in c.opening_hours],
                }
                for c in local
            ],
        }

    def _links(self, merged: MergedProduct) -> list[dict[str, str]]:
        links = []
        if merged.municipality is not None:
            links.append(
                {
                    "label": "Productpagina",
                    "url": f"{self.base_url}/site/{merged.municipality.id}/producten/{merged.product.id}/",
                }
            )
        for label, url in (
            ("Afspraak maken", merged.appointment_url),
            ("Formulier", merged.form_url),
            ("Website van de gemeente", merged.web_page),
        ):
            if url:
                links.append({"label": label, "url": url})
        if merged.municipality is None:
            links.extend({"label": "Meer informatie", "url": s} for s in merged.product.sources)
        return links

    def _handover(
        self, product: Product | None, place: Municipality | None, confidence: float, asked: bool
    ) -> ChatAnswer:
        if product is not None:
            answer = self._facts(ChatAnswer("handover", confidence, ""), merge(product, place), "nl")
        else:
            answer = ChatAnswer("handover", confidence, "")
        channels = contact.human_channels(place)
        answer.channel = {
            "type": "persoonlijk",
            "label": "Persoonlijk contact",
            "reason": "Een medewerker denkt met u mee.",
            "contact": channels,
        }
        answer.text = self._render("handover.txt.j2", product=product, channels=channels, place=place, asked=asked)
        return answer

    def _contact(self, place: Municipality | None) -> ChatAnswer:
        """How to reach the municipality: every channel with its contact and opening hours."""
        channel = contact.contact_channel(place)
        name = contact.municipality_name(place) if place is not None else ""
        answer = ChatAnswer("answer", 0.9, self._render("contact.txt.j2", name=name, channel=channel), channel=channel)
        if place is not None:
            answer.municipality = _municipality_info(place, False)
        return answer

    def _clarify(self, options: tuple[Entity, ...], confidence: float) -> ChatAnswer:
        catalog = self.index.catalog
        choices = []
        for entity in options:
            if entity.kind == "product":
                product = catalog.products[entity.id]
                choices.append(
                    {
                        "label": product.title.get(),
                        "product": {
                            "id": product.id,
                            "iri": product.iri,
                            "upl": product.upl,
                            "label": product.title.get(),
                        },
                    }
                )
            else:
                service = catalog.services[entity.id]
                choices.append(
                    {
                        "label": service.title.get(),
                        "service": {"id": service.id, "iri": service.iri, "label": service.title.get()},
                    }
                )
        return ChatAnswer("clarify", confidence, self._render("clarify.txt.j2", options=choices), options=choices)

    def _service_answer(self, service: NationalService, question: str, confidence: float, lang: str) -> ChatAnswer:
        faq = self.pick_faq("dienst:" + service.id, question)
        short = faq.answer.get(lang) if faq else _first_sentences(service.description.get(lang), 3)
        answer = ChatAnswer(
            "answer", confidence, "", service={"id": service.id, "iri": service.iri, "label": service.title.get(lang)}
        )
        if service.homepage:
            answer.links = [{"label": service.title.get(lang), "url": service.homepage}]
        answer.sources = [{"url": service.homepage, "modified": service.modified}] if service.homepage else []
        answer.text = self._render("service.txt.j2", service=service, short=short, lang=lang)
        return answer

    def pick_faq(self, key: str, question: str, follow_up: bool = False) -> FAQ | None:
        """The FAQ of a product (its id) or national service ('dienst:' + id) that answers the question:
        one on the first asked topic that has FAQs (for a context topic only if it matches in words or
        nothing else does), else the best match (none for a follow-up)."""
        faqs = self._faqs_of(key)
        context: FAQ | None = None
        for wanted in policy.topics(question, frozenset(self.index.title_tokens.get(key, ()))):
            by_topic = tuple(f for f in faqs if f.topic is not None and f.topic.id == wanted)
            if not by_topic:
                continue
            found = self._best(key, question, by_topic)
            if found is not None:
                return found
            if wanted not in policy.CONTEXT_TOPICS:
                return by_topic[0]
            context = context or by_topic[0]
        found = self._best(key, question)
        return context if found is None or follow_up else found

    def _best(self, key: str, question: str, within: tuple[FAQ, ...] | None = None) -> FAQ | None:
        number, share = self.index.best_faq(key, question)
        if number < 0 or share < 0.5:
            return None
        candidate = self._faqs_of(key)[number]
        return candidate if within is None or candidate in within else None

    def _faqs_of(self, key: str) -> tuple[FAQ, ...]:
        catalog = self.index.catalog
        if key.startswith("dienst:"):
            return catalog.services[key.removeprefix("dienst:")].faqs
        return catalog.products[key].faqs

    def municipality(self, key: str | None) -> Municipality | None:
        """The municipality a name, id or OWMS URI refers to; None when unknown."""
        if not key:
            return None
        return match_municipality(self.index.municipalities, key)

    def _render(self, template: str, **context: Any) -> str:
        return self.templates.get_template(template).render(**context).strip()


def _municipality_info(place: Municipality, has_offering: bool, lang: str = "nl") -> dict[str, Any]:
    """The `municipality` object of an answer."""
    return {
        "id": place.id,
        "label": place.label.get(lang),
        "has_offering": has_offering,
        "example_data": place.is_example,
    }


def _topic_fact(answer: ChatAnswer, topic: str | None) -> str:
    """The graph's fact on what the question asks about (processing time, costs) when no FAQ covers it."""
    if topic == "doorlooptijd":
        return answer.processing_time or ""
    if topic == "kosten":
        return " ".join(str(c["text"]) for c in answer.costs)
    return ""


def _first_sentences(text: str, count: int) -> str:
    parts = [p.strip() for p in text.replace("? ", "?|").replace(". ", ".|").split("|") if p.strip()]
    return " ".join(parts[:count])
