"""Questions that belong to another organisation than the municipality: the engine does not answer
them, but says where to go. Matched on whole normalised words or word pairs."""

from __future__ import annotations

from dataclasses import dataclass

from generators.chatbot.text import normalise


@dataclass(frozen=True)
class Elsewhere:
    organisation: str
    url: str
    cues: tuple[str, ...]


ELSEWHERE = (
    Elsewhere(
        "de Belastingdienst",
        "https://www.belastingdienst.nl",
        (
            "inkomstenbelasting",
            "belastingaangifte",
            "aangifte inkomstenbelasting",
            "btw",
            "belastingdienst",
            "motorrijtuigenbelasting",
            "wegenbelasting",
            "box 3",
            "voorlopige aanslag",
        ),
    ),
    Elsewhere(
        "Dienst Toeslagen",
        "https://www.toeslagen.nl",
        ("zorgtoeslag", "huurtoeslag", "kinderopvangtoeslag", "toeslag", "toeslagen", "kindgebonden budget"),
    ),
    Elsewhere(
        "het UWV", "https://www.uwv.nl", ("ww uitkering", "ww", "wia", "ziektewet", "uwv", "werkloosheidsuitkering")
    ),
    Elsewhere("de SVB", "https://www.svb.nl", ("aow", "kinderbijslag", "anw", "svb")),
    Elsewhere(
        "het CBR",
        "https://www.cbr.nl",
        (
            "theorie examen",
            "theorie-examen",
            "praktijkexamen",
            "rijexamen",
            "cbr",
            "theorie oefenen",
            "rijles",
            "rijlessen",
            "motorrijles",
        ),
    ),
    Elsewhere(
        "de dierenarts",
        "https://www.rvo.nl",
        ("dierenpaspoort", "huisdierenpaspoort", "paspoort hond", "paspoort kat", "chippen", "dierenarts"),
    ),
    Elsewhere(
        "NS of 9292",
        "https://9292.nl",
        ("trein", "treinen", "ns", "bus", "dienstregeling", "ov chipkaart", "ov-chipkaart"),
    ),
    Elsewhere(
        "het CJIB", "https://www.cjib.nl", ("cjib", "verkeersboete", "bekeuring", "flitsboete", "snelheidsboete")
    ),
    Elsewhere(
        "uw zorgverzekeraar",
        "https://www.rijksoverheid.nl/onderwerpen/zorgverzekering",
        ("zorgverzekering", "zorgverzekeraar", "eigen risico", "huisarts"),
    ),
    Elsewhere("DUO", "https://duo.nl", ("studiefinanciering", "studieschuld", "duo", "ov studenten")),
)


def elsewhere(question: str) -> Elsewhere | None:
    """The organisation a question belongs to, when it clearly is not the municipality."""
    text = f" {normalise(question)} "
    for item in ELSEWHERE:
        if any(f" {normalise(cue)} " in text for cue in item.cues):
            return item
    return None
