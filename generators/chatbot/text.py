"""Dutch text handling for the answer engine: normalising, stop words, stemming (Snowball), splitting
compound words against a vocabulary, and correcting typos against that vocabulary."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import snowballstemmer
from rapidfuzz import fuzz, process

STOP_WORDS = frozenset(
    [
        "aan",
        "al",
        "alle",
        "alleen",
        "als",
        "altijd",
        "ander",
        "andere",
        "ben",
        "bij",
        "binnen",
        "dan",
        "dat",
        "de",
        "der",
        "deze",
        "die",
        "dit",
        "doe",
        "doen",
        "door",
        "dus",
        "een",
        "eens",
        "en",
        "er",
        "ga",
        "gaan",
        "gaat",
        "geen",
        "had",
        "heb",
        "hebben",
        "heeft",
        "hem",
        "hen",
        "het",
        "hier",
        "hij",
        "hoe",
        "hoi",
        "hun",
        "ik",
        "in",
        "is",
        "ja",
        "je",
        "jij",
        "jou",
        "jouw",
        "jullie",
        "kan",
        "kun",
        "kunnen",
        "maar",
        "me",
        "meer",
        "mij",
        "mijn",
        "mn",
        "m'n",
        "moet",
        "moeten",
        "mag",
        "mogen",
        "na",
        "naar",
        "niet",
        "niets",
        "nog",
        "nou",
        "nu",
        "of",
        "om",
        "omdat",
        "ons",
        "onze",
        "ook",
        "op",
        "over",
        "pas",
        "per",
        "te",
        "tot",
        "u",
        "uit",
        "uw",
        "van",
        "veel",
        "voor",
        "waar",
        "wanneer",
        "want",
        "was",
        "wat",
        "we",
        "welk",
        "welke",
        "wel",
        "werd",
        "wie",
        "wij",
        "wil",
        "willen",
        "word",
        "worden",
        "wordt",
        "zal",
        "ze",
        "zelf",
        "zich",
        "zij",
        "zijn",
        "zo",
        "zou",
        "zoals",
        "zit",
        "hallo",
        "hey",
        "hé",
        "graag",
        "even",
        "effe",
        "eigenlijk",
        "misschien",
        "iets",
        "iemand",
        "iets",
        "the",
        "a",
        "an",
        "of",
        "to",
        "for",
        "how",
        "what",
        "my",
        "i",
        "do",
        "is",
        "can",
        "in",
        "on",
        "and",
        "it",
        "be",
        "with",
        "please",
        "hello",
        "dear",
    ]
)

_stemmer = snowballstemmer.stemmer("dutch")

# Irregular Dutch forms the stemmer does not bring together, and common spoken short forms.
LEMMAS = {
    "overleden": "overlijden",
    "overleed": "overlijden",
    "gestorven": "sterven",
    "stierf": "sterven",
    "dood": "overlijden",
    "getrouwd": "trouwen",
    "trouwt": "trouwen",
    "verhuisd": "verhuizen",
    "gevonden": "vinden",
    "vond": "vinden",
    "verloren": "verliezen",
    "verloor": "verliezen",
    "gekapt": "kappen",
    "omhakken": "kappen",
    "omzagen": "kappen",
    "geboren": "geboorte",
    "bevallen": "geboorte",
    "gestolen": "stelen",
    "kwijtgeraakt": "kwijt",
    "ingeschreven": "inschrijven",
    "uitgeschreven": "uitschrijven",
    "aangevraagd": "aanvragen",
    "betaald": "betalen",
    "gescheiden": "scheiden",
    "geemigreerd": "emigreren",
    "rijbewijsje": "rijbewijs",
    "paspoortje": "paspoort",
    "pasje": "pas",
    "id": "identiteitskaart",
    "idkaart": "identiteitskaart",
    "vog": "verklaring omtrent gedrag",
    "pgb": "persoonsgebonden budget",
    "ozb": "onroerendezaakbelasting",
    "wmo": "wet maatschappelijke ondersteuning",
    "bsn": "burgerservicenummer",
}
_NON_WORD = re.compile(r"[^a-z0-9]+")
LINKS = ("en", "s", "e")


def normalise(text: str) -> str:
    """Lower case, accents removed, everything but letters and digits turned into spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", plain.replace("'", "")).strip()


def words(text: str) -> list[str]:
    """The normalised words of a text, irregular forms and short forms replaced by their lemma."""
    result = []
    for word in normalise(text).split():
        result.extend(LEMMAS[word].split() if word in LEMMAS else [word])
    return result


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return str(_stemmer.stemWord(word))


def content_words(text: str) -> list[str]:
    """The words that carry meaning (no stop words, no single letters)."""
    return [w for w in words(text) if w not in STOP_WORDS and len(w) > 1]


def stems(text: str) -> list[str]:
    return [stem(w) for w in content_words(text)]


def split_compound(word: str, vocabulary: set[str]) -> list[str]:
    """Split a compound into two known stems ('hondenbelasting' -> 'hond', 'belast'), allowing the
    linking sounds -en-, -s- and -e-; [] when no split is found."""
    for i in range(len(word) - 3, 2, -1):
        head, tail = word[:i], word[i:]
        tail_stem = stem(tail)
        if tail_stem not in vocabulary and tail not in vocabulary:
            continue
        candidates = [head] + [
            head[: -len(link)] for link in LINKS if head.endswith(link) and len(head) - len(link) >= 3
        ]
        for candidate in candidates:
            if stem(candidate) in vocabulary:
                return [stem(candidate), tail_stem if tail_stem in vocabulary else tail]
    return []


class Corrector:
    """Replaces unknown words by the closest known word when they are close enough (typos)."""

    def __init__(self, vocabulary: Iterable[str]):
        self.vocabulary = sorted(set(vocabulary))
        self.known = set(self.vocabulary)

    def correct(self, word: str) -> str:
        if word in self.known or len(word) < 4 or word.isdigit():
            return word
        threshold = 80 if len(word) >= 7 else 86
        match = process.extractOne(word, self.vocabulary, scorer=fuzz.ratio, score_cutoff=threshold)
        return match[0] if match else word


# Particles of Dutch separable verbs: "ik schrijf me in" is "inschrijven", "geef het door" is "doorgeven".
PARTICLES = frozenset(["in", "uit", "aan", "af", "op", "door", "terug", "mee", "over", "weg", "toe", "na", "bij", "om"])
# After one of these a particle is a preposition: "ik woon in Utrecht", "om de hoek".
DETERMINERS = frozenset(
    {
        *("de", "het", "een", "mijn", "mn", "zijn", "zn", "haar", "ons", "onze", "uw", "je", "jouw", "hun", "jullie"),
        *("deze", "die", "dit", "dat", "elk", "elke", "ieder", "iedere", "geen", "welk", "welke"),
    }
)


def infinitives(form: str) -> set[str]:
    """Possible infinitives of a present-tense verb form: 'schrijft' -> 'schrijven', 'haal' -> 'halen',
    'vul' -> 'vullen', 'geef' -> 'geven', 'ga' -> 'gaan' (more than one guess; the vocabulary decides)."""
    bases = {form, form[:-1]} if form.endswith("t") and len(form) > 3 else {form}
    result = set()
    for base in bases:
        for b in {base, base[:-1] + {"f": "v", "s": "z"}[base[-1]]} if base[-1] in "fs" else {base}:
            result.add(b + "en")
            if b[-1] in "aeiou":
                result.update((b + "n", b + b[-1] + "n"))
            if len(b) >= 3 and b[-2] == b[-3] and b[-2] in "aeou":
                result.add(b[:-2] + b[-1] + "en")
            if len(b) >= 2 and b[-1] not in "aeiouy" and b[-2] in "aeiou" and (len(b) < 3 or b[-3] not in "aeiou"):
                result.add(b + b[-1] + "en")
    return result


def joined_verbs(plain: list[str], vocabulary: set[str]) -> list[str]:
    """Stems of the separable verbs a clause splits ('hoe schrijf ik me in' -> stem of 'inschrijven'),
    where the joined verb's stem is in the vocabulary; a particle joins the nearest verb before it. A
    particle counts only at the end of the clause or before another small word, not before a noun
    phrase ('ik woon in Utrecht' is not 'inwonen')."""
    found = []
    for i, particle in enumerate(plain):
        following = plain[i + 1] if i + 1 < len(plain) else None
        if particle not in PARTICLES or (following is not None and not _ends_phrase(following)):
            continue
        for verb in reversed(plain[:i]):  # the nearest verb that joins
            if len(verb) < 3 or verb in STOP_WORDS:
                continue
            joined = next((j for j in sorted(stem(particle + f) for f in infinitives(verb)) if j in vocabulary), None)
            if joined is not None:
                found.append(joined)
                break
    return found


def _ends_phrase(word: str) -> bool:
    """Whether a particle followed by this word ends its phrase: a small word that is not a determiner."""
    return word in STOP_WORDS and word not in DETERMINERS and not word.isdigit()
