"""When to answer, ask which product is meant, hand over to a person, or say the question is outside
what the registry covers. Thresholds are tuned on the dev split of the evaluation set
(tests/generators/eval/questions.jsonl) and reported on the test split by benchmarks/chatbot_eval.py."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from generators.chatbot.index import Entity
from generators.chatbot.text import normalise, stems

# Scores below this are too weak: the question is outside the registry.
MIN_SCORE = 22.0
# Below this score the engine is not sure enough to answer directly and asks which product is meant.
ANSWER_SCORE = 0.0
# Share of the question (by word rarity) the best product must contain: below FALLBACK_COVERAGE the
# question is about something else; below ANSWER_COVERAGE the engine asks which product is meant.
FALLBACK_COVERAGE = 0.4
ANSWER_COVERAGE = 0.5
# When the second product scores at least this share of the first, ask which one is meant.
CLARIFY_RATIO = 0.8
# At most this many options in a clarifying question.
MAX_OPTIONS = 3

# Asking for a person ...
HUMAN = re.compile(
    r"\b(medewerk\w*|mens|persoon spreken|iemand spreken|iemand bellen|echt iemand|echte persoon|bellen met|"
    r"met iemand praten|iemand aan de lijn|klantenservice|terugbel\w*|speak to|talk to|real person|human|"
    r"someone to talk)\b"
)
# ... unless a staff member is only talked about in a complaint ("een klacht over een medewerker", "de
# medewerker was onbeleefd") and not asked to talk to.
COMPLAINT = re.compile(r"\b(klacht\w*|klagen|klaag|onbeleefd|onvriendelijk|brutaal|boos|ontevreden|gedrag)\b")
REQUEST = re.compile(r"\b(spreken|bellen|praten|chatten|doorverbind\w*|doorverbonden|aan de lijn|terugbel\w*)\b")

FOLLOW_UP = re.compile(r"^(en|of|maar|ook|and)\b|\b(dat|die|dit|daarvoor|daar|it|that)\b")
TOPICS = {
    "kosten": re.compile(
        r"\b(kost|kosten|prijs|euro|tarief|hoeveel geld|hoeveel (moet|betaal|betalen)|wat betaal|hoe duur|how much|"
        r"cost|price|fee)\b"
    ),
    "geldigheid": re.compile(r"\b(geldig|geldigheid|geldigheidsduur|valid|validity)\b"),
    "doorlooptijd": re.compile(
        r"\b(hoe lang|duurt|klaar|wachttijd|wanneer krijg|hoe snel|hoeveel (weken|dagen)|how long)\b"
    ),
    "meenemen": re.compile(
        r"\b(meenemen|meebrengen|wat (heb|moet) (ik|je|u) (\w+ ){0,3}nodig|wat is er nodig|papieren|documenten|bring)\b"
    ),
    "kinderen": re.compile(
        r"\b(kind|kindje|kinderen|zoon|zoontje|dochter|dochtertje|baby|minderjarig|child|children|son|daughter)\b"
    ),
    "aanvragen": re.compile(r"\b(aanvragen|aanvraag|regelen|hoe vraag|waar vraag|apply)\b"),
    "digitaal": re.compile(r"\b(online|digitaal|digid|internet|website)\b"),
    "spoed": re.compile(r"\b(spoed|snel|haast|urgent)\b"),
    "kwijt": re.compile(r"\b(kwijt|verloren|gestolen|lost|stolen)\b"),
}
# Topics that often only describe the situation ("mijn dochter", "online"): their FAQ is picked only
# when it matches the question in words, not merely because the topic is named.
CONTEXT_TOPICS = frozenset({"kinderen", "aanvragen", "digitaal"})


@dataclass(frozen=True)
class Decision:
    action: str
    entity: Entity | None
    options: tuple[Entity, ...]
    confidence: float
    reason: str


def asks_for_person(question: str) -> bool:
    text = normalise(question)
    return bool(HUMAN.search(text)) and not (COMPLAINT.search(text) and not REQUEST.search(text))


def topics(question: str, title: frozenset[str] = frozenset()) -> list[str]:
    """The FAQ topics a question asks about (kosten, doorlooptijd, ...), most telling first. A topic
    named only by words of the entity's `title` (stems) does not count: "digid" names DigiD, not the
    topic "digitaal"."""
    text = normalise(question)
    found = []
    for name, pattern in TOPICS.items():
        matches = [m.group(0) for m in pattern.finditer(text)]
        if matches and not all(stems(m) and set(stems(m)) <= title for m in matches):
            found.append(name)
    return found


def topic(question: str) -> str | None:
    """The first FAQ topic a question asks about, if any."""
    found = topics(question)
    return found[0] if found else None


def is_follow_up(question: str, content_words: int) -> bool:
    """A short question that leans on the previous one ('en voor mijn kind?', 'wat kost dat?')."""
    return content_words <= 4 and bool(FOLLOW_UP.search(normalise(question)))


def confidence(top: float, second: float, coverage: float = 1.0) -> float:
    """0..1: how strong the best match is and how much of the question it covers, lowered when the
    runner-up is close."""
    strength = 1 - math.exp(-max(0.0, top) / MIN_SCORE)
    closeness = second / top if top > 0 else 1.0
    return round(max(0.0, min(1.0, strength * coverage * (1 - 0.5 * closeness))), 3)


def decide(ranked: list[tuple[Entity, float]], sensitive: set[str], coverage: float = 1.0) -> Decision:
    """The action for a ranked list of entities; `coverage` is how much of the question the best one
    contains; `sensitive` are product ids that always go to a person."""
    if not ranked or ranked[0][1] < MIN_SCORE or coverage < FALLBACK_COVERAGE:
        top = ranked[0][1] if ranked else 0.0
        return Decision(
            "fallback", None, (), confidence(top, top, coverage), "geen product of voorziening past goed genoeg"
        )
    (best, top), rest = ranked[0], ranked[1:]
    second = rest[0][1] if rest else 0.0
    close = [entity for entity, score in rest if score >= CLARIFY_RATIO * top][: MAX_OPTIONS - 1]
    if close:
        return Decision(
            "clarify",
            best,
            (best, *close),
            confidence(top, second, coverage),
            "twee of meer producten liggen dicht bij elkaar",
        )
    if top < ANSWER_SCORE or coverage < ANSWER_COVERAGE:
        options = tuple(entity for entity, _ in ranked[:MAX_OPTIONS])
        return Decision(
            "clarify", best, options, confidence(top, second, coverage), "niet zeker genoeg om direct te antwoorden"
        )
    if best.kind == "product" and best.id in sensitive:
        return Decision(
            "handover", best, (), confidence(top, second, coverage), "gevoelig of maatwerk: een medewerker helpt"
        )
    return Decision("answer", best, (), confidence(top, second, coverage), "een product past duidelijk")
