"""Response models of the JSON content API (documented in OpenAPI) and their construction from the
read model."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, Field

from registry.merge import MergedProduct
from registry.model import (
    FAQ,
    Channel,
    Cost,
    IdentityRequirement,
    Municipality,
    NationalService,
    Product,
    Ref,
    Step,
    Text,
)

T = TypeVar("T")


class TextOut(BaseModel):
    nl: str | None = Field(None, description="Nederlands, u-vorm")
    informal: str | None = Field(None, description="Nederlands, je-vorm (nl-x-informal)")
    en: str | None = Field(None, description="Engels")


class RefOut(BaseModel):
    id: str
    iri: str
    label: TextOut


class LevelOut(BaseModel):
    id: str
    label: TextOut
    means: str
    rank: int = Field(description="Plaats binnen het middel; 1 is het laagste")
    eidas: str = Field(description="Het eIDAS-niveau waarmee dit overeenkomt")


class IdentityOut(BaseModel):
    title: TextOut
    means: list[RefOut]
    levels: list[LevelOut]


class StepOut(BaseModel):
    number: int
    title: TextOut
    description: TextOut
    channels: list[RefOut]
    preferred_channel: RefOut | None
    national_services: list[RefOut]
    identity: IdentityOut | None
    in_person: bool = Field(description="De persoon moet zelf verschijnen voor identificatie")
    acts_on_personal_data: bool


class CostOut(BaseModel):
    id: str
    description: TextOut
    amount: float | None = Field(None, description="Bedrag in euro; leeg als de gemeente het vaststelt")
    currency: str | None
    fee_type: RefOut | None
    valid_from: str | None
    valid_until: str | None
    source: str = Field(description="landelijk of gemeente")


class FAQOut(BaseModel):
    id: str
    iri: str
    about: list[str]
    question: TextOut
    variants: list[str]
    answer: TextOut
    topic: RefOut | None
    modified: str | None


class OpeningHoursOut(BaseModel):
    days: list[str]
    opens: str | None
    closes: str | None
    description: TextOut


class ChannelOut(BaseModel):
    id: str
    iri: str
    title: TextOut
    type: RefOut | None
    telephone: str | None
    email: str | None
    url: str | None
    address: str | None
    opening_hours: list[OpeningHoursOut]


class ProductSummary(BaseModel):
    id: str
    iri: str
    url: str = Field(description="Leesbare pagina en linked data van het product")
    upl: str = Field(description="URI in de Uniforme Productnamenlijst")
    title: TextOut
    description: TextOut
    complexity: str | None
    sensitive: bool
    audiences: list[str]
    themes: list[str]
    life_events: list[str]
    channels: list[str]
    national_services: list[str]


class LocalFacts(BaseModel):
    municipality: RefOut
    has_offering: bool = Field(description="Onwaar: de gemeente heeft geen eigen aanbod; de landelijke standaard geldt")
    web_page: str | None
    appointment_url: str | None
    form_url: str | None
    local_conditions: list[TextOut]
    channels: list[ChannelOut]
    identity: IdentityOut | None
    example_data: bool


class ProductDetail(ProductSummary):
    alt_labels: list[str]
    authority: RefOut | None
    channel_advice: RefOut | None
    channel_advice_reason: TextOut | None
    costs: list[CostOut]
    processing_time: str | None
    processing_time_text: TextOut
    evidence: list[TextOut]
    legal: list[RefOut]
    redress: list[TextOut]
    steps: list[StepOut]
    faqs: list[FAQOut]
    modified: str | None
    sources: list[str]
    local: LocalFacts | None = Field(None, description="Alleen met ?municipality=")
    provenance: dict[str, str] = Field(description="Per veld: landelijk of gemeente")


class NationalServiceOut(BaseModel):
    id: str
    iri: str
    url: str
    title: TextOut
    description: TextOut
    alt_labels: list[str]
    provider: RefOut | None
    homepage: str | None
    used_by: list[str] = Field(description="Producten waarvan een stap deze voorziening gebruikt")
    faqs: list[FAQOut]


class ChannelTypeOut(BaseModel):
    id: str
    iri: str
    label: TextOut
    group: str | None
    products: int


class MunicipalityOut(BaseModel):
    id: str
    iri: str
    url: str
    label: TextOut
    owms: str | None
    homepage: str | None
    example_data: bool
    offerings: list[str] = Field(default_factory=list)
    channels: list[ChannelOut] = Field(default_factory=list)


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    page: int
    page_size: int


def text(value: Text) -> TextOut:
    return TextOut(nl=value.nl, informal=value.informal, en=value.en)


def ref(value: Ref | None) -> RefOut | None:
    return None if value is None else RefOut(id=value.id, iri=value.iri, label=text(value.label))


def _refs(values: tuple[Ref, ...]) -> list[RefOut]:
    return [r for r in (ref(v) for v in values) if r is not None]


def identity(value: IdentityRequirement | None) -> IdentityOut | None:
    if value is None:
        return None
    return IdentityOut(
        title=text(value.title),
        means=_refs(value.means),
        levels=[
            LevelOut(id=level.id, label=text(level.label), means=level.means, rank=level.rank, eidas=level.eidas)
            for level in value.levels
        ],
    )


def step(value: Step) -> StepOut:
    return StepOut(
        number=value.number,
        title=text(value.title),
        description=text(value.description),
        channels=_refs(value.channels),
        preferred_channel=ref(value.preferred),
        national_services=_refs(value.services),
        identity=identity(value.identity),
        in_person=value.in_person,
        acts_on_personal_data=value.personal_data,
    )


def cost(value: Cost, source: str) -> CostOut:
    return CostOut(
        id=value.id,
        description=text(value.description),
        amount=value.amount,
        currency=value.currency,
        fee_type=ref(value.fee_type),
        valid_from=value.valid_from,
        valid_until=value.valid_until,
        source=source,
    )


def faq(value: FAQ) -> FAQOut:
    return FAQOut(
        id=value.id,
        iri=value.iri,
        about=list(value.about),
        question=text(value.question),
        variants=list(value.variants),
        answer=text(value.answer),
        topic=ref(value.topic),
        modified=value.modified,
    )


def channel(value: Channel) -> ChannelOut:
    return ChannelOut(
        id=value.id,
        iri=value.iri,
        title=text(value.title),
        type=ref(value.type),
        telephone=value.telephone,
        email=value.email,
        url=value.url,
        address=value.address,
        opening_hours=[
            OpeningHoursOut(days=list(h.days), opens=h.opens, closes=h.closes, description=text(h.description))
            for h in value.opening_hours
        ],
    )


def local_url(iri: str, base_iri: str, base_url: str) -> str:
    """Where an IRI the registry minted dereferences on this server."""
    return base_url + "/" + iri[len(base_iri) :] if iri.startswith(base_iri) else iri


def summary(product: Product, base_iri: str, base_url: str) -> ProductSummary:
    return ProductSummary(
        id=product.id,
        iri=product.iri,
        url=local_url(product.iri, base_iri, base_url),
        upl=product.upl,
        title=text(product.title),
        description=text(product.description),
        complexity=product.complexity.id if product.complexity else None,
        sensitive=product.sensitive,
        audiences=[a.id for a in product.audiences],
        themes=[t.id for t in product.themes],
        life_events=[e.id for e in product.life_events],
        channels=[c.id for c in product.channel_types],
        national_services=[s.id for s in product.services],
    )


def detail(merged: MergedProduct, base_iri: str, base_url: str) -> ProductDetail:
    product = merged.product
    local_costs = {c.iri for c in (merged.offering.costs if merged.offering else ())}
    advice = product.advice
    local = None
    if merged.municipality is not None:
        municipality = merged.municipality
        local = LocalFacts(
            municipality=RefOut(id=municipality.id, iri=municipality.iri, label=text(municipality.label)),
            has_offering=merged.offering is not None,
            web_page=merged.web_page,
            appointment_url=merged.appointment_url,
            form_url=merged.form_url,
            local_conditions=[text(t) for t in merged.local_conditions],
            channels=[channel(c) for c in merged.channels],
            identity=identity(merged.local_identity),
            example_data=municipality.is_example,
        )
    return ProductDetail(
        **summary(product, base_iri, base_url).model_dump(),
        alt_labels=list(product.alt_labels),
        authority=ref(product.authority),
        channel_advice=ref(advice.channel) if advice else None,
        channel_advice_reason=text(advice.reason) if advice else None,
        costs=[cost(c, "gemeente" if c.iri in local_costs else "landelijk") for c in merged.costs],
        processing_time=merged.processing_time,
        processing_time_text=text(merged.processing_time_text),
        evidence=[text(e.title) for e in product.evidence],
        legal=[
            RefOut(id=lr.iri.rsplit("/", 1)[-1], iri=lr.url or lr.iri, label=text(lr.title)) for lr in product.legal
        ],
        redress=[text(r.description) for r in product.redress],
        steps=[step(s) for s in product.steps],
        faqs=[faq(f) for f in product.faqs],
        modified=product.modified,
        sources=list(product.sources),
        local=local,
        provenance=merged.sources,
    )


def national_service(value: NationalService, used_by: list[str], base_iri: str, base_url: str) -> NationalServiceOut:
    return NationalServiceOut(
        id=value.id,
        iri=value.iri,
        url=local_url(value.iri, base_iri, base_url),
        title=text(value.title),
        description=text(value.description),
        alt_labels=list(value.alt_labels),
        provider=ref(value.provider),
        homepage=value.homepage,
        used_by=used_by,
        faqs=[faq(f) for f in value.faqs],
    )


def municipality(value: Municipality, base_iri: str, base_url: str, full: bool = False) -> MunicipalityOut:
    return MunicipalityOut(
        id=value.id,
        iri=value.iri,
        url=local_url(value.iri, base_iri, base_url),
        label=text(value.label),
        owms=value.owms,
        homepage=value.homepage,
        example_data=value.is_example,
        offerings=[o.product.rsplit("/", 1)[-1] for o in value.offerings] if full else [],
        channels=[channel(c) for c in value.channels] if full else [],
    )
