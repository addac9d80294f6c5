"""The merged view of a product for one municipality: the national standard plus the municipality's
local facts, with for every field where it came from (`landelijk` or `gemeente`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from registry.model import Channel, Cost, IdentityRequirement, Municipality, Offering, Product, Text

NATIONAL = "landelijk"
LOCAL = "gemeente"


@dataclass(frozen=True)
class MergedProduct:
    """What a citizen of `municipality` gets for `product`; `sources` names the origin of each field."""

    product: Product
    municipality: Municipality | None
    offering: Offering | None
    costs: tuple[Cost, ...]
    channels: tuple[Channel, ...]
    web_page: str | None
    appointment_url: str | None
    form_url: str | None
    local_conditions: tuple[Text, ...]
    processing_time: str | None
    processing_time_text: Text
    local_identity: IdentityRequirement | None
    sources: dict[str, str] = field(default_factory=dict)

    @property
    def has_local_offering(self) -> bool:
        return self.offering is not None


def merge(product: Product, municipality: Municipality | None) -> MergedProduct:
    """Combine a standard product with a municipality's offering (if any). Local costs replace the
    standard cost they override; local channels replace the municipality's general channels; every
    other field is the national standard."""
    offering = None
    if municipality is not None:
        offering = next((o for o in municipality.offerings if o.product == product.iri), None)
    sources: dict[str, str] = {
        name: NATIONAL
        for name in ("title", "description", "steps", "evidence", "legal", "redress", "faqs", "advice", "identity")
    }
    costs = _costs(product, offering, sources)
    channels = _channels(product, municipality, offering, sources)
    processing_time, processing_text = product.processing_time, product.processing_time_text
    sources["processing_time"] = NATIONAL
    if offering is not None and (offering.processing_time or offering.processing_time_text):
        processing_time = offering.processing_time or processing_time
        processing_text = offering.processing_time_text or processing_text
        sources["processing_time"] = LOCAL
    links = {
        "web_page": offering.web_page if offering else None,
        "appointment_url": offering.appointment_url if offering else None,
        "form_url": offering.form_url if offering else None,
    }
    for name, value in links.items():
        if value:
            sources[name] = LOCAL
    conditions = offering.local_conditions if offering else ()
    if conditions:
        sources["local_conditions"] = LOCAL
    local_identity = offering.identity if offering else None
    if local_identity is not None:
        sources["identity"] = LOCAL
    return MergedProduct(
        product=product,
        municipality=municipality,
        offering=offering,
        costs=costs,
        channels=channels,
        web_page=links["web_page"],
        appointment_url=links["appointment_url"],
        form_url=links["form_url"],
        local_conditions=conditions,
        processing_time=processing_time,
        processing_time_text=processing_text,
        local_identity=local_identity,
        sources=sources,
    )


def _costs(product: Product, offering: Offering | None, sources: dict[str, str]) -> tuple[Cost, ...]:
    if offering is None or not offering.costs:
        sources["costs"] = NATIONAL
        return product.costs
    replaced = {c.overrides for c in offering.costs if c.overrides}
    local = {c.overrides: c for c in offering.costs if c.overrides}
    # A local cost takes the place of the standard cost it overrides; other local costs come last.
    merged = [local.get(c.iri, c) for c in product.costs] + [c for c in offering.costs if not c.overrides]
    sources["costs"] = LOCAL if all(c.iri in replaced for c in product.costs) else f"{LOCAL}+{NATIONAL}"
    return tuple(merged)


def _channels(
    product: Product, municipality: Municipality | None, offering: Offering | None, sources: dict[str, str]
) -> tuple[Channel, ...]:
    if municipality is None:
        return ()
    if offering is not None and offering.channels:
        sources["channels"] = LOCAL
        return tuple(c for c in municipality.channels if c.iri in offering.channels)
    types = {t.iri for t in product.channel_types}
    sources["channels"] = LOCAL
    return tuple(c for c in municipality.channels if c.type is not None and c.type.iri in types)
