"""Plain dataclasses for what the registry describes: products with their standard process, costs,
FAQs and redress; national services; municipalities with channels and offerings. The API, the site
generator and the chatbot all read these; none of them touches RDF terms."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Text:
    """A text in the languages the catalog has: Dutch (formal), Dutch informal (je-vorm), English."""

    nl: str | None = None
    informal: str | None = None
    en: str | None = None

    def get(self, lang: str = "nl", informal: bool = False) -> str:
        """The best text for a reader: informal falls back to formal, English to Dutch."""
        if lang == "en" and self.en:
            return self.en
        if informal and self.informal:
            return self.informal
        return self.nl or self.informal or self.en or ""

    def __bool__(self) -> bool:
        return bool(self.nl or self.informal or self.en)


@dataclass(frozen=True)
class Ref:
    """A link to another resource: its IRI, short id and label."""

    iri: str
    id: str
    label: Text = field(default_factory=Text)


@dataclass(frozen=True)
class Level:
    """A minimum assurance level, with its means and the eIDAS level it corresponds to."""

    iri: str
    id: str
    label: Text
    means: str
    rank: int
    eidas: str
    eidas_rank: int


@dataclass(frozen=True)
class IdentityRequirement:
    iri: str
    title: Text
    means: tuple[Ref, ...]
    levels: tuple[Level, ...]


@dataclass(frozen=True)
class Step:
    iri: str
    number: int
    title: Text
    description: Text
    channels: tuple[Ref, ...]
    preferred: Ref | None
    services: tuple[Ref, ...]
    identity: IdentityRequirement | None
    in_person: bool
    personal_data: bool


@dataclass(frozen=True)
class Cost:
    iri: str
    id: str
    description: Text
    amount: float | None
    currency: str | None
    fee_type: Ref | None
    valid_from: str | None
    valid_until: str | None
    channel_type: Ref | None
    overrides: str | None


@dataclass(frozen=True)
class Evidence:
    iri: str
    title: Text
    description: Text


@dataclass(frozen=True)
class LegalResource:
    iri: str
    title: Text
    url: str | None


@dataclass(frozen=True)
class Redress:
    type: Ref
    description: Text
    deadline: str | None
    service: Ref | None


@dataclass(frozen=True)
class ChannelAdvice:
    channel: Ref
    reason: Text


@dataclass(frozen=True)
class FAQ:
    iri: str
    id: str
    about: tuple[str, ...]
    question: Text
    variants: tuple[str, ...]
    answer: Text
    topic: Ref | None
    modified: str | None


@dataclass(frozen=True)
class Product:
    """A national standard product with everything the standard says."""

    iri: str
    id: str
    upl: str
    title: Text
    description: Text
    alt_labels: tuple[str, ...]
    authority: Ref | None
    complexity: Ref | None
    advice: ChannelAdvice | None
    audiences: tuple[Ref, ...]
    themes: tuple[Ref, ...]
    life_events: tuple[Ref, ...]
    costs: tuple[Cost, ...]
    processing_time: str | None
    processing_time_text: Text
    evidence: tuple[Evidence, ...]
    outputs: tuple[Ref, ...]
    legal: tuple[LegalResource, ...]
    redress: tuple[Redress, ...]
    process: Ref | None
    steps: tuple[Step, ...]
    faqs: tuple[FAQ, ...]
    sensitive: bool
    modified: str | None
    sources: tuple[str, ...]
    sdg_codes: tuple[str, ...]
    alt_labels_en: tuple[str, ...] = ()
    search_terms: tuple[str, ...] = ()

    @property
    def channel_types(self) -> tuple[Ref, ...]:
        """Every channel type any step offers, in step order, without repeats."""
        seen: dict[str, Ref] = {}
        for step in self.steps:
            for channel in step.channels:
                seen.setdefault(channel.iri, channel)
        return tuple(seen.values())

    @property
    def services(self) -> tuple[Ref, ...]:
        seen: dict[str, Ref] = {}
        for step in self.steps:
            for service in step.services:
                seen.setdefault(service.iri, service)
        return tuple(seen.values())


@dataclass(frozen=True)
class NationalService:
    iri: str
    id: str
    title: Text
    description: Text
    alt_labels: tuple[str, ...]
    provider: Ref | None
    homepage: str | None
    faqs: tuple[FAQ, ...]
    modified: str | None
    alt_labels_en: tuple[str, ...] = ()
    search_terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class OpeningHours:
    days: tuple[str, ...]
    opens: str | None
    closes: str | None
    description: Text


@dataclass(frozen=True)
class Channel:
    iri: str
    id: str
    title: Text
    type: Ref | None
    telephone: str | None
    email: str | None
    url: str | None
    address: str | None
    opening_hours: tuple[OpeningHours, ...]

    @property
    def reachable(self) -> bool:
        """Whether it says how or when to reach it: phone, e-mail, address, web address or opening hours."""
        return bool(self.telephone or self.email or self.address or self.url or self.opening_hours)


@dataclass(frozen=True)
class Offering:
    """What one municipality states locally for one product."""

    iri: str
    id: str
    product: str
    municipality: str
    web_page: str | None
    appointment_url: str | None
    form_url: str | None
    costs: tuple[Cost, ...]
    channels: tuple[str, ...]
    local_conditions: tuple[Text, ...]
    processing_time: str | None
    processing_time_text: Text
    identity: IdentityRequirement | None
    is_example: bool
    modified: str | None


@dataclass(frozen=True)
class Municipality:
    iri: str
    id: str
    label: Text
    alt_labels: tuple[str, ...]
    owms: str | None
    homepage: str | None
    is_example: bool
    channels: tuple[Channel, ...] = ()
    offerings: tuple[Offering, ...] = ()


@dataclass(frozen=True)
class Catalog:
    """The national part of the registry: products, national services and the code lists used."""

    products: dict[str, Product]
    services: dict[str, NationalService]
    concepts: dict[str, Ref]
    broader: dict[str, str] = field(default_factory=dict)
    version: str = ""

    def product_by_iri(self, iri: str) -> Product | None:
        return next((p for p in self.products.values() if p.iri == iri), None)
