"""Reading the stored graph into the plain dataclasses of registry.model (queries in queries/read/)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, SKOS, Literal, URIRef
from rdflib.term import Node

from registry.backend import AnyStore
from registry.model import (
    FAQ,
    Catalog,
    Channel,
    ChannelAdvice,
    Cost,
    Evidence,
    IdentityRequirement,
    LegalResource,
    Level,
    Municipality,
    NationalService,
    Offering,
    OpeningHours,
    Product,
    Redress,
    Ref,
    Step,
    Text,
)
from registry.namespaces import CPSV, CV, DCT, DG, FOAF, SCHEMA
from registry.terms import distinct_triples

QUERIES = Path(__file__).parent / "queries" / "read"
LOCN = "http://www.w3.org/ns/locn#"


def _query(name: str) -> str:
    return (QUERIES / f"{name}.rq").read_text(encoding="utf-8")


class _Index:
    """Fast look-ups over a set of triples (rdflib terms): values, one value, texts per language,
    references, and the subjects with a given property value. Plain dictionaries: an rdflib graph
    would cost more to fill than all the look-ups together (about 10 s for a national build)."""

    def __init__(self, triples: Iterable[tuple[Node, Node, Node]]):
        self.by_subject: dict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
        self.by_value: dict[tuple[Node, Node], list[Node]] = defaultdict(list)
        for s, p, o in triples:
            self.by_subject[s][p].append(o)
            self.by_value[(p, o)].append(s)

    def subjects(self, prop: URIRef, value: Node) -> list[Node]:
        return self.by_value.get((prop, value), [])

    def has(self, subject: Node, prop: URIRef, value: Node) -> bool:
        return value in self.by_subject.get(subject, {}).get(prop, [])

    def values(self, subject: Node, prop: URIRef) -> list[Node]:
        return sorted(self.by_subject.get(subject, {}).get(prop, []), key=str)

    def one(self, subject: Node, prop: URIRef) -> Node | None:
        found = self.values(subject, prop)
        return found[0] if found else None

    def string(self, subject: Node, prop: URIRef) -> str | None:
        value = self.one(subject, prop)
        return None if value is None else str(value)

    def text(self, subject: Node, prop: URIRef) -> Text:
        by_lang: dict[str, str] = {}
        for value in self.values(subject, prop):
            if isinstance(value, Literal):
                by_lang.setdefault(value.language or "", str(value))
        return Text(
            nl=by_lang.get("nl") or by_lang.get(""), informal=by_lang.get("nl-x-informal"), en=by_lang.get("en")
        )

    def texts(self, subject: Node, prop: URIRef, lang: str = "nl") -> tuple[str, ...]:
        return tuple(str(v) for v in self.values(subject, prop) if isinstance(v, Literal) and v.language == lang)

    def flag(self, subject: Node, prop: URIRef) -> bool:
        value = self.one(subject, prop)
        return isinstance(value, Literal) and value.toPython() is True

    def ref(self, node: Node | None, labels: _Index | None = None) -> Ref | None:
        if node is None:
            return None
        source = labels or self
        label = source.text(node, SKOS.prefLabel) or source.text(node, DCT.title)
        identifier = source.string(node, DCT.identifier) or str(node).rstrip("/").rsplit("/", 1)[-1]
        return Ref(str(node), identifier, label)

    def refs(self, subject: Node, prop: URIRef, labels: _Index | None = None) -> tuple[Ref, ...]:
        return tuple(r for r in (self.ref(v, labels) for v in self.values(subject, prop)) if r is not None)


def national_part(store: AnyStore) -> list[tuple[Node, Node, Node]]:
    """The triples of the national part: everything but the UPL, inferred, meta and shapes graphs and
    what belongs to one municipality."""
    # The union default graph: the MINUS patterns must see every graph (regression: they read the
    # empty default graph and let every offering through, 25 s at national size).
    triples = store.query(_query("national"), use_default_graph_as_union=True)
    assert isinstance(triples, ox.QueryTriples)
    return distinct_triples(triples)


def read_catalog(store: AnyStore, version: str = "") -> Catalog:
    """The national part of the registry as dataclasses (products, national services, concepts)."""
    index = _Index(national_part(store))
    faqs = _faqs(index)
    sdg = _sdg_codes(store)
    products = {}
    for subject in index.subjects(RDF.type, DG.Product):
        product = replace(_product(index, subject, faqs), sdg_codes=tuple(sdg.get(str(subject), ())))
        products[product.id] = product
    services = {}
    for subject in index.subjects(RDF.type, DG.NationalService):
        service = _service(index, subject, faqs)
        services[service.id] = service
    concepts, broader = {}, {}
    for subject in index.subjects(RDF.type, SKOS.Concept):
        ref = index.ref(subject)
        if ref is not None:
            concepts[ref.iri] = ref
            parent = index.one(subject, SKOS.broader)
            if parent is not None:
                broader[ref.iri] = str(parent).rsplit("/", 1)[-1]
    return Catalog(dict(sorted(products.items())), dict(sorted(services.items())), concepts, broader, version)


def read_municipality(store: AnyStore, iri: str) -> Municipality | None:
    """One municipality with its channels and offerings; None when it does not exist."""
    triples = store.query(
        _query("municipality"),
        use_default_graph_as_union=True,
        substitutions={ox.Variable("municipality"): ox.NamedNode(iri)},
    )
    assert isinstance(triples, ox.QueryTriples)
    index = _Index(distinct_triples(triples))
    subject = URIRef(iri)
    if not index.has(subject, RDF.type, DG.Municipality):
        return None
    channels = tuple(sorted((_channel(index, c) for c in index.subjects(CV.ownedBy, subject)), key=lambda c: c.id))
    offerings = tuple(sorted((_offering(index, o) for o in index.subjects(DG.offeredBy, subject)), key=lambda o: o.id))
    return Municipality(
        iri=iri,
        id=index.string(subject, DCT.identifier) or iri.rsplit("/", 1)[-1],
        label=index.text(subject, SKOS.prefLabel),
        alt_labels=index.texts(subject, SKOS.altLabel),
        owms=index.string(subject, DG.owmsIdentifier),
        homepage=index.string(subject, FOAF.homepage),
        is_example=index.flag(subject, DG.isExample),
        channels=channels,
        offerings=offerings,
    )


def list_municipalities(store: AnyStore) -> list[Municipality]:
    """All municipalities (without channels and offerings), ordered by name."""
    solutions = store.query(_query("municipalities"), use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)
    result = []
    for row in solutions:
        label = row["label"]
        result.append(
            Municipality(
                iri=row["municipality"].value,
                id=row["id"].value,
                label=Text(nl=label.value if label is not None else None),
                alt_labels=(),
                owms=row["owms"].value if row["owms"] is not None else None,
                homepage=row["homepage"].value if row["homepage"] is not None else None,
                is_example=row["example"] is not None and row["example"].value == "true",
            )
        )
    return result


def match_municipality(municipalities: list[Municipality], key: str) -> Municipality | None:
    """The municipality a person or system means by id, IRI, OWMS URI or name (case-insensitive,
    with or without 'Gemeente')."""
    wanted = key.strip().casefold()
    for candidate in municipalities:
        names = {
            candidate.id,
            candidate.iri,
            candidate.owms or "",
            candidate.label.get(),
            candidate.label.get().removeprefix("Gemeente "),
            *candidate.alt_labels,
        }
        if wanted in {n.casefold() for n in names if n}:
            return candidate
    return None


def _sdg_codes(store: AnyStore) -> dict[str, list[str]]:
    solutions = store.query(_query("sdg-codes"), use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)
    codes: dict[str, list[str]] = defaultdict(list)
    for row in solutions:
        codes[row["product"].value].append(row["code"].value)
    return codes


def _faqs(index: _Index) -> dict[str, list[FAQ]]:
    by_subject: dict[str, list[FAQ]] = defaultdict(list)
    for subject in index.subjects(RDF.type, DG.FAQ):
        about = tuple(str(a) for a in index.values(subject, DG.about))
        faq = FAQ(
            iri=str(subject),
            id=index.string(subject, DCT.identifier) or str(subject).rsplit("/", 1)[-1],
            about=about,
            question=index.text(subject, DG.question),
            variants=index.texts(subject, DG.questionVariant),
            answer=index.text(subject, DG.answer),
            topic=index.ref(index.one(subject, DG.faqTopic)),
            modified=index.string(subject, DCT.modified),
        )
        for target in about:
            by_subject[target].append(faq)
    return {k: sorted(v, key=lambda f: f.id) for k, v in by_subject.items()}


def _product(index: _Index, subject: Node, faqs: dict[str, list[FAQ]]) -> Product:
    process = index.one(subject, DG.standardProcess)
    steps = (
        sorted((_step(index, s) for s in index.values(process, DG.hasStep)), key=lambda s: s.number)
        if process is not None
        else []
    )
    advice_node = index.one(subject, DG.channelAdvice)
    advised = index.ref(index.one(advice_node, DG.advisedChannel)) if advice_node is not None else None
    upl = str(index.one(subject, DG.uplProduct) or "")
    return Product(
        iri=str(subject),
        id=index.string(subject, DCT.identifier) or "",
        upl=upl,
        title=index.text(subject, DCT.title),
        description=index.text(subject, DCT.description),
        alt_labels=index.texts(subject, SKOS.altLabel),
        authority=index.ref(index.one(subject, CV.hasCompetentAuthority)),
        complexity=index.ref(index.one(subject, DG.complexity)),
        advice=ChannelAdvice(advised, index.text(advice_node, DG.reason)) if advised and advice_node else None,
        audiences=index.refs(subject, DCT.audience),
        themes=index.refs(subject, CV.thematicArea),
        life_events=index.refs(subject, CV.isGroupedBy),
        costs=tuple(_cost(index, c) for c in index.values(subject, CV.hasCost)),
        processing_time=index.string(subject, CV.processingTime),
        processing_time_text=index.text(subject, DG.processingTimeDescription),
        evidence=tuple(
            Evidence(str(e), index.text(e, DCT.title), index.text(e, DCT.description))
            for e in index.values(subject, CPSV.hasInput)
        ),
        outputs=index.refs(subject, CPSV.produces),
        legal=tuple(
            LegalResource(str(r), index.text(r, DCT.title), index.string(r, FOAF.page))
            for r in index.values(subject, CV.hasLegalResource)
        ),
        redress=tuple(
            sorted(
                (_redress(index, r) for r in index.values(subject, DG.redress)),
                key=lambda r: (r.type.id, r.description.get()),
            )
        ),
        process=index.ref(process),
        steps=tuple(steps),
        faqs=tuple(faqs.get(str(subject), [])),
        sensitive=index.flag(subject, DG.sensitive),
        modified=index.string(subject, DCT.modified),
        sources=tuple(str(s) for s in index.values(subject, DCT.source)),
        sdg_codes=(),
        alt_labels_en=index.texts(subject, SKOS.altLabel, "en"),
        search_terms=index.texts(subject, SKOS.hiddenLabel) + index.texts(subject, SKOS.hiddenLabel, "en"),
    )


def _step(index: _Index, subject: Node) -> Step:
    number = index.one(subject, DG.stepNumber)
    requirement = index.one(subject, DG.identityRequirement)
    return Step(
        iri=str(subject),
        number=int(number.toPython()) if isinstance(number, Literal) else 0,
        title=index.text(subject, DCT.title),
        description=index.text(subject, DCT.description),
        channels=index.refs(subject, DG.channel),
        preferred=index.ref(index.one(subject, DG.preferredChannel)),
        services=index.refs(subject, DG.usesNationalService),
        identity=_identity(index, requirement) if requirement is not None else None,
        in_person=index.flag(subject, DG.inPersonVerification),
        personal_data=index.flag(subject, DG.actsOnPersonalData),
    )


def _identity(index: _Index, subject: Node) -> IdentityRequirement:
    source = index
    levels = []
    for level in index.values(subject, DG.minimumAssuranceLevel):
        eidas = source.one(level, DG.eidasLevel)
        rank = source.one(level, DG.rank)
        eidas_rank = source.one(eidas, DG.rank) if eidas is not None else None
        levels.append(
            Level(
                iri=str(level),
                id=str(level).rsplit("/", 1)[-1],
                label=source.text(level, SKOS.prefLabel),
                means=str(source.one(level, DG.levelOf) or ""),
                rank=int(rank.toPython()) if isinstance(rank, Literal) else 0,
                eidas=str(eidas or ""),
                eidas_rank=int(eidas_rank.toPython()) if isinstance(eidas_rank, Literal) else 0,
            )
        )
    return IdentityRequirement(
        str(subject), index.text(subject, DCT.title), index.refs(subject, DG.identityMeans), tuple(levels)
    )


def _cost(index: _Index, subject: Node) -> Cost:
    amount = index.one(subject, CV.hasValue)
    return Cost(
        iri=str(subject),
        id=index.string(subject, DCT.identifier) or "",
        description=index.text(subject, DCT.description),
        amount=float(amount.toPython()) if isinstance(amount, Literal) else None,
        currency="EUR" if index.one(subject, CV.currency) is not None else None,
        fee_type=index.ref(index.one(subject, DG.feeType)),
        valid_from=index.string(subject, DG.validFrom),
        valid_until=index.string(subject, DG.validUntil),
        channel_type=index.ref(index.one(subject, DG.channelType)),
        overrides=index.string(subject, DG.overridesCost),
    )


def _redress(index: _Index, subject: Node) -> Redress:
    kind = index.ref(index.one(subject, DG.redressType)) or Ref("", "")
    return Redress(
        kind,
        index.text(subject, DCT.description),
        index.string(subject, DG.deadline),
        index.ref(index.one(subject, DG.redressService)),
    )


def _service(index: _Index, subject: Node, faqs: dict[str, list[FAQ]]) -> NationalService:
    return NationalService(
        iri=str(subject),
        id=index.string(subject, DCT.identifier) or "",
        title=index.text(subject, DCT.title),
        description=index.text(subject, DCT.description),
        alt_labels=index.texts(subject, SKOS.altLabel),
        provider=index.ref(index.one(subject, CV.hasCompetentAuthority)),
        homepage=index.string(subject, FOAF.homepage),
        faqs=tuple(faqs.get(str(subject), [])),
        modified=index.string(subject, DCT.modified),
        alt_labels_en=index.texts(subject, SKOS.altLabel, "en"),
        search_terms=index.texts(subject, SKOS.hiddenLabel) + index.texts(subject, SKOS.hiddenLabel, "en"),
    )


def _channel(index: _Index, subject: Node) -> Channel:
    address = index.one(subject, URIRef(LOCN + "address"))
    hours = []
    for node in index.values(subject, CV.openingHours):
        days = tuple(str(d).rsplit("/", 1)[-1] for d in index.values(node, SCHEMA.dayOfWeek))
        hours.append(
            OpeningHours(
                _weekday_order(days),
                index.string(node, SCHEMA.opens),
                index.string(node, SCHEMA.closes),
                index.text(node, DCT.description),
            )
        )
    return Channel(
        iri=str(subject),
        id=index.string(subject, DCT.identifier) or "",
        title=index.text(subject, DCT.title),
        type=index.ref(index.one(subject, DCT.type)),
        telephone=index.string(subject, CV.telephone),
        email=index.string(subject, CV.email),
        url=index.string(subject, DG.url),
        address=index.text(address, URIRef(LOCN + "fullAddress")).get() if address is not None else None,
        opening_hours=tuple(sorted(hours, key=lambda h: (_DAYS.index(h.days[0]) if h.days else 9, h.opens or ""))),
    )


_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _weekday_order(days: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(days, key=lambda d: _DAYS.index(d) if d in _DAYS else 9))


def _offering(index: _Index, subject: Node) -> Offering:
    requirement = index.one(subject, DG.identityRequirement)
    return Offering(
        iri=str(subject),
        id=index.string(subject, DCT.identifier) or "",
        product=str(index.one(subject, DG.implements) or ""),
        municipality=str(index.one(subject, DG.offeredBy) or ""),
        web_page=index.string(subject, DG.webPage),
        appointment_url=index.string(subject, DG.appointmentUrl),
        form_url=index.string(subject, DG.formUrl),
        costs=tuple(_cost(index, c) for c in index.values(subject, CV.hasCost)),
        channels=tuple(str(c) for c in index.values(subject, CV.hasChannel)),
        local_conditions=_conditions(index, subject),
        processing_time=index.string(subject, CV.processingTime),
        processing_time_text=index.text(subject, DG.processingTimeDescription),
        identity=_identity(index, requirement) if requirement is not None else None,
        is_example=index.flag(subject, DG.isExample),
        modified=index.string(subject, DCT.modified),
    )


def _conditions(index: _Index, subject: Node) -> tuple[Text, ...]:
    """Local conditions: formal and informal texts are paired by position."""
    formal = index.texts(subject, DG.localCondition, "nl")
    informal = index.texts(subject, DG.localCondition, "nl-x-informal")
    english = index.texts(subject, DG.localCondition, "en")
    return tuple(
        Text(nl=text, informal=informal[i] if i < len(informal) else None, en=english[i] if i < len(english) else None)
        for i, text in enumerate(formal)
    )
