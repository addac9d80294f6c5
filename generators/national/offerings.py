"""One made-up offering per product: links on the municipality's synthetic host, the municipality's
channels of the types the standard process uses, local amounts and sometimes a local condition."""

from __future__ import annotations

import random
from datetime import date

from generators.formatting import clock
from generators.formatting import days as day_names
from generators.national.channels import evening, synthetic_url
from generators.national.fees import local_costs
from generators.national.model import Condition, SyntheticChannel, SyntheticOffering
from registry.model import Product

KANAALTYPE = "https://dienstengraaf.nl/id/kanaaltype/"
PATH_STYLES = ("", "producten/", "onderwerpen/", "loket/", "inwoners/")
CONDITION_SHARE = 0.35
SECOND_CONDITION_SHARE = 0.25


def path_style(rng: random.Random) -> str:
    """How the municipality's website names its product pages (one style per municipality)."""
    return rng.choice(PATH_STYLES)


def make_offering(
    rng: random.Random,
    product: Product,
    municipality_id: str,
    name: str,
    channels: tuple[SyntheticChannel, ...],
    style: str,
    reference: date,
) -> SyntheticOffering:
    """The offering of `product` by one municipality."""
    types = {ref.iri.removeprefix(KANAALTYPE) for ref in product.channel_types}
    used = tuple(c for c in channels if c.type in types)
    by_type = {c.type: c for c in used}
    costs = local_costs(rng, product, municipality_id, name, reference)
    appointment = synthetic_url(municipality_id, f"afspraak/{product.id}") if "balie" in by_type else None
    form = None
    if "website" in by_type and rng.random() < 0.8:
        form = synthetic_url(municipality_id, f"formulier/{product.id}")
    return SyntheticOffering(
        id=f"{municipality_id}-{product.id}",
        product=product.iri,
        web_page=synthetic_url(municipality_id, f"{style}{product.id}"),
        appointment_url=appointment,
        form_url=form,
        costs=costs,
        channels=tuple(c.id for c in used),
        conditions=_conditions(rng, by_type, bool(costs), appointment is not None, form is not None),
    )


def _conditions(
    rng: random.Random, by_type: dict[str, SyntheticChannel], paid: bool, appointment: bool, form: bool
) -> tuple[Condition, ...]:
    """Zero, one or two local conditions that fit what the municipality offers for this product."""
    if rng.random() >= CONDITION_SHARE:
        return ()
    candidates = _candidates(by_type, paid, appointment, form)
    if not candidates:
        return ()
    count = 2 if len(candidates) > 1 and rng.random() < SECOND_CONDITION_SHARE else 1
    chosen = rng.sample(candidates, count)
    # The read model pairs formal and informal texts by their sorted position: keep that pairing right.
    if [c.formal for c in sorted(chosen, key=lambda c: c.formal)] != [
        c.formal for c in sorted(chosen, key=lambda c: c.informal)
    ]:
        chosen = chosen[:1]
    return tuple(sorted(chosen, key=lambda c: c.formal))


def _candidates(by_type: dict[str, SyntheticChannel], paid: bool, appointment: bool, form: bool) -> list[Condition]:
    result = []
    desk = by_type.get("balie")
    late = evening(desk) if desk is not None else None
    if late is not None:
        when, until = day_names(late.days), clock(late.closes)
        result.append(
            Condition(
                f"Op {when}avond kunt u tot {until} uur terecht aan de balie.",
                f"Op {when}avond kun je tot {until} uur terecht aan de balie.",
            )
        )
    if appointment:
        result.append(
            Condition(
                "Kunt u niet komen? Zeg uw afspraak dan uiterlijk 1 werkdag van tevoren af.",
                "Kun je niet komen? Zeg je afspraak dan uiterlijk 1 werkdag van tevoren af.",
            )
        )
    if paid and desk is not None:
        result.append(
            Condition(
                "Aan de balie betaalt u met uw pinpas. Contant betalen kan niet.",
                "Aan de balie betaal je met je pinpas. Contant betalen kan niet.",
            )
        )
    if form:
        result.append(
            Condition(
                "Online regelen gaat het snelst. U krijgt binnen 1 werkdag een bevestiging per e-mail.",
                "Online regelen gaat het snelst. Je krijgt binnen 1 werkdag een bevestiging per e-mail.",
            )
        )
    phone = by_type.get("telefoon")
    if phone is not None and phone.telephone:
        result.append(
            Condition(
                f"Hebt u een vraag? Bel dan {phone.telephone}.",
                f"Heb je een vraag? Bel dan {phone.telephone}.",
            )
        )
    if "huisbezoek" in by_type:
        result.append(
            Condition(
                "Bij het gesprek thuis mag u iemand uitnodigen die u helpt, zoals een familielid of mantelzorger.",
                "Bij het gesprek thuis mag je iemand uitnodigen die je helpt, zoals een familielid of mantelzorger.",
            )
        )
    return result
