"""The search index of the answer engine, built from the graph: products and national services with
their names (titles, SKOS alternative labels, UPL name), FAQ questions and the variants people type,
and their texts. Ranking is BM25 over Dutch stems per field (with compound splitting and typo
correction) plus a character-trigram similarity on names and questions."""

from __future__ import annotations

import math
import pickle
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generators.chatbot.lexicon import common_dutch_words
from generators.chatbot.text import Corrector, joined_verbs, split_compound, stem, words
from registry.backend import AnyStore
from registry.model import FAQ, Catalog, Municipality, NationalService, Product
from registry.reader import list_municipalities, read_catalog, read_municipality

# Tuned on the dev split of tests/generators/eval/questions.jsonl (benchmarks/chatbot_eval.py).
FIELD_WEIGHTS = {"names": 3.0, "questions": 1.6, "context": 0.6, "body": 0.35}
TRIGRAM_WEIGHT = 10.0
# Added per word of the longest name (title, alternative label) the question contains in full.
NAME_BONUS = 8.0
# Added per word of the longest search term (SKOS hidden label) the question contains in full.
TERM_BONUS = 8.0
K1, B = 1.2, 0.4
FORMAT_VERSION = 8


@dataclass(frozen=True)
class Entity:
    """Something the engine can answer about: a product or a national service."""

    kind: str
    id: str
    label: str


@dataclass
class FieldIndex:
    postings: dict[str, dict[int, int]] = field(default_factory=lambda: defaultdict(dict))
    lengths: dict[int, int] = field(default_factory=dict)

    def add(self, entity: int, tokens: list[str]) -> None:
        for token, count in Counter(tokens).items():
            self.postings[token][entity] = self.postings[token].get(entity, 0) + count
        self.lengths[entity] = self.lengths.get(entity, 0) + len(tokens)

    def score(self, tokens: list[str], total: int) -> dict[int, float]:
        average = (sum(self.lengths.values()) / len(self.lengths)) if self.lengths else 1.0
        scores: dict[int, float] = defaultdict(float)
        for token in set(tokens):
            postings = self.postings.get(token)
            if not postings:
                continue
            idf = math.log(1 + (total - len(postings) + 0.5) / (len(postings) + 0.5))
            for entity, tf in postings.items():
                norm = tf * (K1 + 1) / (tf + K1 * (1 - B + B * self.lengths[entity] / average))
                scores[entity] += idf * norm
        return scores


def build_from_store(store: AnyStore, version: str = "") -> ChatIndex:
    """The index for the current store: national catalog plus every municipality with its offerings."""
    municipalities = [m for m in (read_municipality(store, item.iri) for item in list_municipalities(store)) if m]
    return ChatIndex.build(read_catalog(store, version), municipalities, version)


def load_or_build(path: Path, store: AnyStore, version: str) -> ChatIndex:
    """The index saved at build time when it belongs to this store version, otherwise a fresh one built
    from the store (after a write, or when the file is missing or from an older release)."""
    if path.exists():
        try:
            index = ChatIndex.load(path)
        except (ValueError, KeyError, TypeError, AttributeError, EOFError, pickle.UnpicklingError):
            index = None
        if index is not None and index.version == version:
            return index
    return build_from_store(store, version)


def _upl_words(upl: str) -> str:
    local = upl.rsplit("/", 1)[-1]
    return re.sub(r"([a-z])([A-Z])", r"\1 \2", local).replace("_", " ")


def trigrams(text: str) -> Counter[str]:
    grams: Counter[str] = Counter()
    for word in words(text):
        padded = f" {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


@dataclass
class ChatIndex:
    """The built index plus everything needed to answer (catalog and municipalities)."""

    catalog: Catalog
    municipalities: list[Municipality]
    entities: list[Entity] = field(default_factory=list)
    fields: dict[str, FieldIndex] = field(default_factory=dict)
    vocabulary: set[str] = field(default_factory=set)
    word_vocabulary: set[str] = field(default_factory=set)
    trigram_postings: dict[str, dict[int, float]] = field(default_factory=lambda: defaultdict(dict))
    trigram_norms: dict[int, float] = field(default_factory=dict)
    faq_tokens: dict[str, list[list[str]]] = field(default_factory=dict)
    # The title's stems: a topic named only by them is no topic ("digid" is not "digitaal").
    title_tokens: dict[str, set[str]] = field(default_factory=dict)
    name_sets: dict[int, list[frozenset[str]]] = field(default_factory=dict)
    term_sets: dict[int, list[frozenset[str]]] = field(default_factory=dict)
    # Common Dutch words the registry does not use (see lexicon.py).
    common_words: frozenset[str] = frozenset()
    version: str = ""
    format_version: int = FORMAT_VERSION

    # building -----------------------------------------------------------------

    @classmethod
    def build(cls, catalog: Catalog, municipalities: list[Municipality], version: str = "") -> ChatIndex:
        index = cls(catalog, municipalities, version=version)
        documents: list[dict[str, list[str]]] = []
        terms: list[tuple[str, ...]] = []
        for product in catalog.products.values():
            index.entities.append(Entity("product", product.id, product.title.get()))
            documents.append(_product_fields(product))
            terms.append(product.search_terms)
        for service in catalog.services.values():
            index.entities.append(Entity("service", service.id, service.title.get()))
            documents.append(_service_fields(service))
            terms.append(service.search_terms)
        for document in documents:
            for texts in document.values():
                for text in texts:
                    index.word_vocabulary.update(words(text))
        index.vocabulary = {stem(w) for w in index.word_vocabulary}
        index.common_words = common_dutch_words() - index.word_vocabulary
        index.fields = {name: FieldIndex() for name in FIELD_WEIGHTS}
        grams_by_entity: dict[int, Counter[str]] = {}
        for number, document in enumerate(documents):
            for name, texts in document.items():
                tokens = [t for text in texts for t in index.tokens(text, correct=False)]
                index.fields[name].add(number, tokens)
            grams: Counter[str] = Counter()
            for text in document["names"] + document["questions"]:
                grams.update(trigrams(text))
            grams_by_entity[number] = grams
            index.name_sets[number] = _longest_first(index.tokens(text, correct=False) for text in document["names"])
            index.term_sets[number] = _longest_first(index.tokens(text, correct=False) for text in terms[number])
        index._build_trigrams(grams_by_entity)
        for product in catalog.products.values():
            index.faq_tokens[product.id] = [index._faq_tokens(f) for f in product.faqs]
            index.title_tokens[product.id] = index._stems_of(product.title.nl, product.title.en)
        for service in catalog.services.values():
            index.faq_tokens["dienst:" + service.id] = [index._faq_tokens(f) for f in service.faqs]
            index.title_tokens["dienst:" + service.id] = index._stems_of(service.title.nl, service.title.en)
        return index

    def _stems_of(self, *titles: str | None) -> set[str]:
        return {t for title in titles for t in self.tokens(title or "", correct=False)}

    def _build_trigrams(self, grams_by_entity: dict[int, Counter[str]]) -> None:
        frequency: Counter[str] = Counter()
        for grams in grams_by_entity.values():
            frequency.update(grams.keys())
        total = len(grams_by_entity)
        for entity, grams in grams_by_entity.items():
            weights = {g: (1 + math.log(c)) * math.log(1 + total / frequency[g]) for g, c in grams.items()}
            self.trigram_norms[entity] = math.sqrt(sum(w * w for w in weights.values())) or 1.0
            for gram, weight in weights.items():
                self.trigram_postings[gram][entity] = weight

    def _faq_tokens(self, faq: FAQ) -> list[str]:
        texts = [faq.question.nl or "", faq.question.informal or "", faq.question.en or "", *faq.variants]
        return [t for text in texts for t in self.tokens(text, correct=False)]

    # querying -----------------------------------------------------------------

    def tokens(self, text: str, correct: bool = True) -> list[str]:
        """Stems of the meaningful words, typos corrected, compounds also as their parts. With `correct`
        (questions), a common Dutch word the registry does not use is kept as it is, not corrected into
        a registry word, and a split verb is also joined ('schrijf ... in' -> 'inschrijven')."""
        from generators.chatbot.text import STOP_WORDS

        corrector = self._corrector() if correct else None
        result = []
        plain = words(text)
        for word in plain:
            if word in STOP_WORDS or len(word) < 2:
                continue
            if corrector is not None and word not in self.common_words:
                word = corrector.correct(word)
            stemmed = stem(word)
            result.append(stemmed)
            if len(word) >= 8:
                result.extend(split_compound(word, self.vocabulary))
        if correct:
            for clause in re.split(r"[,.;:!?]", text):
                result.extend(joined_verbs(words(clause), self.vocabulary))
        return result

    def _corrector(self) -> Corrector:
        corrector = getattr(self, "_corrector_cache", None)
        if corrector is None:
            corrector = Corrector(self.word_vocabulary)
            self._corrector_cache = corrector
        return corrector

    def search(self, question: str) -> list[tuple[Entity, float]]:
        """Entities ranked by score (highest first); ties broken by id for determinism."""
        tokens = self.tokens(question)
        total = len(self.entities)
        scores: dict[int, float] = defaultdict(float)
        for name, weight in FIELD_WEIGHTS.items():
            for entity, score in self.fields[name].score(tokens, total).items():
                scores[entity] += weight * score
        for entity, similarity in self._trigram_similarity(question).items():
            if entity in scores:
                scores[entity] += TRIGRAM_WEIGHT * similarity
        asked = set(tokens)
        for entity in scores:
            scores[entity] += NAME_BONUS * _longest_contained(self.name_sets.get(entity, []), asked)
            scores[entity] += TERM_BONUS * _longest_contained(self.term_sets.get(entity, []), asked)
        ranked = sorted(scores.items(), key=lambda item: (-item[1], self.entities[item[0]].id))
        return [(self.entities[e], round(s, 6)) for e, s in ranked]

    def names_a_product(self, question: str) -> bool:
        """Whether the question contains a whole name or search term of some product or service."""
        asked = set(self.tokens(question))
        return any(
            _longest_contained(self.name_sets.get(n, []), asked) or _longest_contained(self.term_sets.get(n, []), asked)
            for n in range(len(self.entities))
        )

    def coverage(self, entity: Entity, question: str) -> float:
        """How much of the question (weighted by rarity) the entity's fields contain: 0..1. Words the
        registry does not know at all count as uncovered, which is how out-of-scope questions show."""
        number = self.entities.index(entity)
        tokens = set(self.tokens(question))
        if not tokens:
            return 0.0
        total = len(self.entities)
        weights, covered = 0.0, 0.0
        for token in tokens:
            frequency = max((len(f.postings.get(token, {})) for f in self.fields.values()), default=0)
            weight = math.log(1 + total / (frequency + 0.5))
            weights += weight
            if any(number in f.postings.get(token, {}) for f in self.fields.values()):
                covered += weight
        return covered / weights if weights else 0.0

    def _trigram_similarity(self, question: str) -> dict[int, float]:
        corrected = " ".join(self._corrector().correct(w) for w in words(question))
        grams = trigrams(corrected)
        if not grams:
            return {}
        total = len(self.entities)
        query = {g: 1 + math.log(c) for g, c in grams.items() if g in self.trigram_postings}
        query = {g: w * math.log(1 + total / len(self.trigram_postings[g])) for g, w in query.items()}
        norm = math.sqrt(sum(w * w for w in query.values())) or 1.0
        scores: dict[int, float] = defaultdict(float)
        for gram, weight in query.items():
            for entity, doc_weight in self.trigram_postings[gram].items():
                scores[entity] += weight * doc_weight
        return {e: s / (norm * self.trigram_norms[e]) for e, s in scores.items()}

    def best_faq(self, key: str, question: str) -> tuple[int, float]:
        """The FAQ of a product or service ('dienst:' + id) that best matches the question: its position
        and the share of the question's stems it covers (0 when none). Stems are weighted by how rare
        they are among all FAQs; stems that no FAQ has, or that every FAQ of this product has (its name,
        usually), do not count."""
        frequency, total = self._faq_frequency()
        faqs = [set(tokens) for tokens in self.faq_tokens.get(key, [])]
        shared = set.intersection(*faqs) if len(faqs) > 1 else set()
        asked = {t for t in self.tokens(question) if t in frequency} - shared
        weight = {t: math.log(1 + total / frequency[t]) for t in asked}
        whole = sum(weight.values())
        best, best_score = -1, 0.0
        for number, tokens in enumerate(faqs):
            score = sum(weight[t] for t in asked & tokens) / whole if whole else 0.0
            if score > best_score:
                best, best_score = number, score
        return best, best_score

    def _faq_frequency(self) -> tuple[Counter[str], int]:
        """In how many FAQs each stem occurs (over all products and services), and the number of FAQs."""
        cached: tuple[Counter[str], int] | None = getattr(self, "_faq_frequency_cache", None)
        if cached is None:
            faqs = [set(tokens) for per_key in self.faq_tokens.values() for tokens in per_key]
            cached = (Counter(t for tokens in faqs for t in tokens), len(faqs))
            self._faq_frequency_cache = cached
        return cached

    # storage ------------------------------------------------------------------

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        state = dict(self.__dict__)
        state.pop("_corrector_cache", None)
        state.pop("_faq_frequency_cache", None)
        state["fields"] = {k: (dict(v.postings), v.lengths) for k, v in self.fields.items()}
        state["trigram_postings"] = dict(self.trigram_postings)
        temporary = path.with_suffix(".tmp")
        temporary.write_bytes(pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))
        temporary.replace(path)

    @classmethod
    def load(cls, path: Path) -> ChatIndex:
        """Load an index written by `save` (the project's own file, written at build time)."""
        state = pickle.loads(path.read_bytes())
        if state.get("format_version") != FORMAT_VERSION:
            raise ValueError(f"{path} is van een oudere versie; draai `dienstengraaf build` opnieuw.")
        fields = {}
        for name, (postings, lengths) in state["fields"].items():
            fields[name] = FieldIndex(defaultdict(dict, postings), lengths)
        state["fields"] = fields
        state["trigram_postings"] = defaultdict(dict, state["trigram_postings"])
        index = cls.__new__(cls)
        index.__dict__.update(state)
        return index


def _longest_first(token_lists: Iterable[list[str]]) -> list[frozenset[str]]:
    sets = {frozenset(tokens) for tokens in token_lists if tokens}
    return sorted(sets, key=lambda n: (-len(n), sorted(n)))


def _longest_contained(sets: list[frozenset[str]], asked: set[str]) -> int:
    """The number of words of the longest of `sets` (longest first) that `asked` contains in full."""
    return next((len(n) for n in sets if n <= asked), 0)


def _product_fields(product: Product) -> dict[str, list[str]]:
    return {
        "names": [
            product.title.nl or "",
            product.title.en or "",
            *product.alt_labels,
            *product.alt_labels_en,
            _upl_words(product.upl),
        ],
        "questions": [
            t
            for f in product.faqs
            for t in (f.question.nl or "", f.question.informal or "", f.question.en or "", *f.variants)
        ]
        + list(product.search_terms),
        "context": [r.label.get() for r in (*product.themes, *product.life_events)]
        + [e.title.get() for e in product.evidence]
        + [s.title.get() for s in product.steps],
        "body": [product.description.nl or "", product.description.en or ""]
        + [f.answer.nl or "" for f in product.faqs],
    }


def _service_fields(service: NationalService) -> dict[str, list[str]]:
    return {
        "names": [
            service.title.nl or "",
            service.title.en or "",
            *service.alt_labels,
            *service.alt_labels_en,
            service.id,
        ],
        "questions": [t for f in service.faqs for t in (f.question.nl or "", f.question.en or "", *f.variants)]
        + list(service.search_terms),
        "context": [],
        "body": [service.description.nl or "", service.description.en or ""]
        + [f.answer.nl or "" for f in service.faqs],
    }
