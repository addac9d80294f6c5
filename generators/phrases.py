"""Sentences in plain Dutch (and English) built from the read model, shared by the site generator and
the chatbot so that both say the same thing: identity requirements, costs, channels, opening hours."""

from __future__ import annotations

from generators.formatting import clock, days, duration, euro
from registry.model import Channel, Cost, IdentityRequirement, OpeningHours, Step

LEVEL_NAMES_NL = {
    "digid-basis": "Basis",
    "digid-midden": "Midden",
    "digid-substantieel": "Substantieel",
    "digid-hoog": "Hoog",
    "eh2": "EH2",
    "eh2plus": "EH2+",
    "eh3": "EH3",
    "eh4": "EH4",
    "eidas-laag": "laag",
    "eidas-substantieel": "substantieel",
    "eidas-hoog": "hoog",
}
MEANS_NL = {
    "digid": "DigiD",
    "eherkenning": "eHerkenning",
    "eidas": "een Europees erkend inlogmiddel (eIDAS)",
    "idin": "iDIN",
    "identiteitsbewijs": "een geldig identiteitsbewijs",
}
MEANS_EN = {
    "digid": "DigiD",
    "eherkenning": "eHerkenning",
    "eidas": "a recognised European login (eIDAS)",
    "idin": "iDIN",
    "identiteitsbewijs": "a valid proof of identity",
}


def _means_id(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def identity_sentence(requirement: IdentityRequirement | None, lang: str = "nl", informal: bool = False) -> str:
    """'Log in met DigiD (niveau Midden) of met ... (niveau substantieel).' or, at the desk,
    'Neem een geldig identiteitsbewijs mee; ...'. Empty without a requirement."""
    if requirement is None or not requirement.levels:
        return ""
    online = [level for level in requirement.levels if _means_id(level.means) != "identiteitsbewijs"]
    desk = [level for level in requirement.levels if _means_id(level.means) == "identiteitsbewijs"]
    parts = []
    if online:
        if lang == "en":
            options = [
                f"{MEANS_EN[_means_id(level.means)]} (level {level.label.get('en').split()[-1]})" for level in online
            ]
            parts.append("Log in with " + " or ".join(options) + ".")
        else:
            options = [
                f"{MEANS_NL[_means_id(level.means)]} (niveau {LEVEL_NAMES_NL.get(level.id, level.label.get())})"
                for level in online
            ]
            parts.append("Log in met " + " of met ".join(options) + ".")
    for level in desk:
        biometric = level.id == "balie-biometrie"
        if lang == "en":
            parts.append(
                "Your identity is established at the desk with your identity document"
                + (" and biometrics (fingerprints, photo)." if biometric else ".")
            )
        elif informal:
            parts.append(
                "Je laat aan de balie een geldig identiteitsbewijs zien"
                + (". De medewerker stelt vast wie je bent, ook met vingerafdrukken en je foto." if biometric else ".")
            )
        else:
            parts.append(
                "U laat aan de balie een geldig identiteitsbewijs zien"
                + (". De medewerker stelt vast wie u bent, ook met vingerafdrukken en uw foto." if biometric else ".")
            )
    return " ".join(parts)


def in_person_sentence(step: Step, lang: str = "nl", informal: bool = False) -> str:
    if not step.in_person:
        return ""
    if lang == "en":
        return "You have to come in person."
    return "Je moet zelf langskomen." if informal else "U moet zelf langskomen."


def cost_sentence(cost: Cost, lang: str = "nl") -> str:
    """'Paspoort voor 18 jaar en ouder: € 77,87 (landelijk maximumtarief, 2023).'"""
    text = cost.description.get(lang)
    if cost.amount is None or (cost.amount == 0 and text):  # 'Schuldhulpverlening is gratis.', not ': € 0'
        return text
    year = cost.valid_from[:4] if cost.valid_from else ""
    detail = f" ({year})" if year and year not in text else ""
    return f"{text.rstrip('.')}: {euro(cost.amount, lang)}{detail}."


def opening_hours_sentence(hours: OpeningHours, lang: str = "nl") -> str:
    if hours.description.get(lang):
        return hours.description.get(lang)
    if lang == "en":
        return f"{', '.join(hours.days)} {hours.opens or ''}-{hours.closes or ''}"
    return f"{days(hours.days).capitalize()} van {clock(hours.opens)} tot {clock(hours.closes)} uur."


def channel_contact(channel: Channel) -> str:
    """Phone number, e-mail, address or web address of a channel, whichever it has."""
    return channel.telephone or channel.email or channel.address or channel.url or ""


def processing_sentence(text: str, iso: str | None, lang: str = "nl") -> str:
    return text or (duration(iso, lang) if iso else "")
