"""Plain-language (B1) measures for Dutch texts: the Flesch-Douma reading ease, sentence length and
long words, with the thresholds the catalog is held to.

Flesch-Douma (Douma 1960, the Dutch adaptation of Flesch): 206.835 - 0.93 x (words per sentence)
- 77 x (syllables per word). Syllables are counted as vowel groups, with Dutch diphthongs and long
vowels (aa, ee, ij, ui, oe, ...) as one group; this is close to the spoken syllable count for Dutch.

Thresholds for B1 (what `dienstengraaf lint content` and validation check):
- Flesch-Douma at least 60 ("vrij makkelijk" and easier; B1 texts score about 60-80);
- at most 15 words per sentence on average, and no sentence longer than 25 words;
- at most 15 % long words (5 syllables or more; Dutch compounds make some unavoidable).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import RDF, Graph, Literal, Namespace
from rdflib.namespace import DCTERMS

DG = Namespace("https://dienstengraaf.nl/def/")

MIN_READING_EASE = 60.0
MAX_AVERAGE_SENTENCE = 15.0
MAX_SENTENCE = 25
MAX_LONG_WORD_SHARE = 0.15
LONG_WORD_SYLLABLES = 5

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9ÀÉÈËÏÖÜ'\"(])")
_WORD = re.compile("[A-Za-zÀ-ÿ0-9][A-Za-zÀ-ÿ0-9'\u2019\\-]*")
_VOWEL_GROUP = re.compile(r"(aa|ee|oo|uu|ie|oe|ou|au|ei|ij|ui|eu|ai|oi|[aeiouyàáâäèéêëìíîïòóôöùúûü])", re.IGNORECASE)
_ABBREVIATIONS = re.compile(r"\b(bijv|bv|o\.a|t\.m|a\.u\.b|enz|ca|nr|art)\.", re.IGNORECASE)


@dataclass(frozen=True)
class Readability:
    """The measures of one text and whether it meets the B1 thresholds."""

    reading_ease: float
    sentences: int
    words: int
    average_sentence: float
    longest_sentence: int
    long_words: tuple[str, ...]

    @property
    def long_word_share(self) -> float:
        return len(self.long_words) / self.words if self.words else 0.0

    def problems(self) -> list[str]:
        """What is above the B1 thresholds, in Dutch; empty when the text meets them."""
        found = []
        if self.reading_ease < MIN_READING_EASE:
            found.append(f"Flesch-Douma {self.reading_ease:.0f} (minimaal {MIN_READING_EASE:.0f})")
        if self.average_sentence > MAX_AVERAGE_SENTENCE:
            found.append(f"gemiddeld {self.average_sentence:.1f} woorden per zin (hooguit {MAX_AVERAGE_SENTENCE:.0f})")
        if self.longest_sentence > MAX_SENTENCE:
            found.append(f"een zin van {self.longest_sentence} woorden (hooguit {MAX_SENTENCE})")
        if self.long_word_share > MAX_LONG_WORD_SHARE:
            found.append(
                f"{self.long_word_share:.0%} lange woorden (hooguit {MAX_LONG_WORD_SHARE:.0%}): "
                + ", ".join(sorted(set(self.long_words))[:5])
            )
        return found


def syllables(word: str) -> int:
    """Syllables of a Dutch word, counted as vowel groups (at least 1)."""
    return max(1, len(_VOWEL_GROUP.findall(word.replace("-", " "))))


def sentences(text: str) -> list[str]:
    protected = _ABBREVIATIONS.sub(lambda m: m.group(0).replace(".", "§"), text.strip())
    return [s.replace("§", ".") for s in _SENTENCE_END.split(protected) if s.strip()]


def measure(text: str) -> Readability:
    """Flesch-Douma, sentence lengths and long words of a Dutch text."""
    parts = sentences(text)
    words_per_sentence = [len(_WORD.findall(s)) for s in parts]
    words = [w for s in parts for w in _WORD.findall(s)]
    if not words:
        return Readability(100.0, 0, 0, 0.0, 0, ())
    syllable_count = sum(syllables(w) for w in words)
    average = len(words) / max(1, len(parts))
    ease = 206.835 - 0.93 * average - 77 * (syllable_count / len(words))
    long_words = tuple(w for w in words if syllables(w) >= LONG_WORD_SYLLABLES and not w[0].isdigit())
    return Readability(round(ease, 1), len(parts), len(words), round(average, 1), max(words_per_sentence), long_words)


@dataclass(frozen=True)
class TextCheck:
    """One citizen-facing text and its measures."""

    resource: str
    kind: str
    language: str
    text: str
    measures: Readability


@dataclass
class ContentReport:
    """The B1 check of every product description, FAQ answer and national-service description."""

    checks: list[TextCheck]

    @property
    def failing(self) -> list[TextCheck]:
        return [c for c in self.checks if c.measures.problems()]

    def as_text(self) -> str:
        lines = [f"{'score':>5} {'w/zin':>5} {'lang':>4}  tekst"]
        for check in sorted(self.checks, key=lambda c: c.measures.reading_ease):
            m = check.measures
            flag = "  <-- " + "; ".join(m.problems()) if m.problems() else ""
            name = check.resource.rsplit("/", 1)[-1]
            lines.append(
                f"{m.reading_ease:5.0f} {m.average_sentence:5.1f} {len(m.long_words):4d}  "
                f"{check.kind} {name} @{check.language}{flag}"
            )
        scores = [c.measures.reading_ease for c in self.checks]
        average = sum(scores) / len(scores) if scores else 0.0
        lines.append(
            f"{len(self.checks)} teksten, gemiddelde Flesch-Douma {average:.0f}; {len(self.failing)} boven de "
            f"B1-grenzen (Flesch-Douma >= {MIN_READING_EASE:.0f}, <= {MAX_AVERAGE_SENTENCE:.0f} woorden per zin, "
            f"geen zin > {MAX_SENTENCE} woorden, <= {MAX_LONG_WORD_SHARE:.0%} woorden van "
            f"{LONG_WORD_SYLLABLES}+ lettergrepen)."
        )
        return "\n".join(lines)


def content_report(graph: Graph) -> ContentReport:
    """Measure the Dutch (formal and informal) texts citizens read: product and national-service
    descriptions and FAQ answers."""
    checks = []
    kinds = [
        (DG.Product, DCTERMS.description, "omschrijving"),
        (DG.NationalService, DCTERMS.description, "omschrijving"),
        (DG.FAQ, DG.answer, "antwoord"),
    ]
    for cls, prop, kind in kinds:
        for resource in sorted(graph.subjects(RDF.type, cls), key=str):
            for value in graph.objects(resource, prop):
                if isinstance(value, Literal) and value.language in ("nl", "nl-x-informal"):
                    checks.append(TextCheck(str(resource), kind, value.language, str(value), measure(str(value))))
    return ContentReport(checks)
