"""How to reach a municipality: its channels as the answers list them (name, contact, opening hours),
the ones where a person helps, and the answer to questions about the municipality itself ("wanneer
is het gemeentehuis open?", "wat is het telefoonnummer van de gemeente?")."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from generators import phrases
from generators.chatbot.text import normalise
from registry.model import Channel, Municipality

# Channel types where a person helps.
HUMAN_GROUP = {"balie", "telefoon", "chat", "videobellen", "huisbezoek"}

# Asking how to reach someone: enough on its own ("openingstijden?") ...
REACH_ALONE = re.compile(
    r"\b(openingstijd\w*|openingsuren|telefoonnummer\w*|telefoonnr|tel nr|contactgegevens|bezoekadres|"
    r"bereikbaar|opening hours|phone number|contact details)\b"
)
# ... or together with the municipality or its front office ("wanneer is het stadhuis open?").
REACH = re.compile(
    r"\b(geopend|bereiken|bereik|postadres|mailadres|emailadres|email adres|e mail adres|adres van|bellen|"
    r"contact opnemen)\b|\b(wanneer|hoe laat|is|zijn|gaat|gaan)\b( \w+){0,4} (open|dicht)\b"
)
PLACE = re.compile(
    r"\b(gemeente|gemeentehuis|stadhuis|stadskantoor|balie|loket|klantcontactcentrum|kcc|servicepunt|"
    r"publiekshal|jullie|town hall|city hall|municipality)\b"
)


def contact_question(question: str) -> str | None:
    """When the question asks how or when the municipality can be reached: the rest of it, without the
    words that say so (to check that it is not about a product after all); otherwise None."""
    text = normalise(question)
    if not (REACH_ALONE.search(text) or (REACH.search(text) and PLACE.search(text))):
        return None
    return PLACE.sub(" ", REACH.sub(" ", REACH_ALONE.sub(" ", text)))


def channel_entries(channels: Iterable[Channel], lang: str = "nl") -> list[dict[str, Any]]:
    """Name, contact (phone, e-mail, address or web address) and opening hours of each channel."""
    return [
        {
            "name": c.title.get(lang),
            "contact": phrases.channel_contact(c),
            "opening_hours": [phrases.opening_hours_sentence(h, lang) for h in c.opening_hours],
        }
        for c in channels
    ]


def human_channels(place: Municipality | None, lang: str = "nl") -> list[dict[str, Any]]:
    """The municipality's channels where a person helps (none without a municipality)."""
    if place is None:
        return []
    return channel_entries((c for c in place.channels if c.type is not None and c.type.id in HUMAN_GROUP), lang)


def contact_channel(place: Municipality | None, lang: str = "nl") -> dict[str, Any] | None:
    """The `channel` object of a contact answer: every channel of the municipality with a phone number,
    e-mail, address, web address or opening hours (None without a municipality or such channels)."""
    entries = channel_entries((c for c in place.channels if c.reachable), lang) if place is not None else []
    if not entries:
        return None
    return {
        "type": "contact",
        "label": "Contact met de gemeente",
        "reason": "Zo bereikt u de gemeente.",
        "contact": entries,
    }


def municipality_name(place: Municipality, lang: str = "nl") -> str:
    """'de gemeente Zwolle' for a municipality labelled 'Gemeente Zwolle' (or just 'Zwolle')."""
    label = place.label.get(lang)
    return "de gemeente " + (label[len("Gemeente ") :] if label.startswith("Gemeente ") else label)
