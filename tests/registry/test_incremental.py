"""Incremental validation (registry.incremental, registry.reach) equals a full validation.

Random edits of the real catalog - fees, required properties, labels, channels, identity levels,
offerings deleted and added, national products changed, files replaced, the ontology changed - are
applied one after another; after each one the incremental report must hold exactly the findings of a
full validation of the changed sources. Small inline fixtures cover the conservative fallbacks.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from registry.build import load_upl
from registry.incremental import ValidationState, replace_source, start, validate_change
from registry.namespaces import CV, DCT, DG, ID
from registry.reach import read_shapes
from registry.settings import Settings
from registry.sources import LoadedSources, Source, load_sources
from registry.validation import ValidationReport, validate
from tests.conftest import PREFIXES
from tests.registry.findings import counted

Triple = tuple[Node, Node, Node]
Edit = tuple[set[Triple], set[Triple]]
XSD_DOUBLE = URIRef("http://www.w3.org/2001/XMLSchema#double")


def assert_equal(incremental: ValidationReport, full: ValidationReport, what: str) -> None:
    got, want = counted(incremental.findings), counted(full.findings)
    assert got == want, f"{what}: extra {got - want}, missing {want - got}"


@pytest.fixture(scope="module")
def parsed(tmp_path_factory: pytest.TempPathFactory) -> tuple[LoadedSources, Graph | None, Path]:
    """The real registry, parsed once (edits never touch the files); the shared UPL."""
    settings = Settings(store_dir=tmp_path_factory.mktemp("store") / "store")
    return load_sources(settings), load_upl(settings), settings.root


@pytest.fixture
def catalog(parsed: tuple[LoadedSources, Graph | None, Path]) -> tuple[LoadedSources, Graph | None, Path]:
    """A private copy of the parsed registry: a validation state changes its sources in place."""
    loaded, upl, root = parsed
    copies = []
    for source in loaded.sources:
        graph = Graph()
        graph += source.graph
        copies.append(Source(source.path, source.kind, source.graph_iri, graph))
    return LoadedSources(copies, dict(loaded.replaced)), upl, root


def iri(kind: str, name: str) -> URIRef:
    return URIRef(f"{ID}{kind}/{name}")


def instances(data: Graph, cls: URIRef) -> list[URIRef]:
    return sorted(s for s in data.subjects(RDF.type, cls) if isinstance(s, URIRef))


def outgoing(data: Graph, node: Node) -> set[Triple]:
    return set(data.triples((node, None, None)))


# Each edit picks from the current data graph and returns (added, removed).


def change_fee(data: Graph, rng: random.Random, n: int) -> Edit:
    cost = rng.choice([c for c in instances(data, CV.Cost) if (c, CV.hasValue, None) in data])
    value = rng.choice([Literal(round(rng.uniform(0, 200), 2), datatype=XSD_DOUBLE), Literal(-5.0), Literal("gratis")])
    return {(cost, CV.hasValue, value)}, set(data.triples((cost, CV.hasValue, None)))


def remove_property(data: Graph, rng: random.Random, n: int) -> Edit:
    cls = rng.choice([DG.MunicipalOffering, DG.Product, CV.Channel, CV.Cost, DG.ProcessStep, DG.FAQ])
    node = rng.choice(instances(data, cls))
    triple = rng.choice(sorted(outgoing(data, node)))
    return set(), {triple}


def wrong_language(data: Graph, rng: random.Random, n: int) -> Edit:
    node = rng.choice(instances(data, rng.choice([DG.MunicipalOffering, DG.Product, CV.Channel])))
    prop = DG.localCondition if (node, RDF.type, DG.MunicipalOffering) in data else DCT.title
    return {(node, prop, Literal(f"Tekst {n}", lang=rng.choice(["de", "nl", "nl-x-informal"])))}, set()


def foreign_channel(data: Graph, rng: random.Random, n: int) -> Edit:
    offering = rng.choice([o for o in instances(data, DG.MunicipalOffering) if (o, CV.hasChannel, None) in data])
    municipality = data.value(offering, DG.offeredBy)
    foreign = [c for c in instances(data, CV.Channel) if (c, CV.ownedBy, municipality) not in data]
    old = rng.choice(sorted(data.triples((offering, CV.hasChannel, None))))
    return {(offering, CV.hasChannel, rng.choice(foreign))}, {old}


def lower_identity(data: Graph, rng: random.Random, n: int) -> Edit:
    offering = rng.choice(instances(data, DG.MunicipalOffering))
    requirement = iri("eis", f"lokaal-{n}")
    level, means = rng.choice(
        [
            ("digid-basis", "digid"),
            ("digid-midden", "digid"),
            ("balie-document", "identiteitsbewijs"),
            ("eh2", "eherkenning"),
        ]
    )
    return {
        (offering, DG.identityRequirement, requirement),
        (requirement, RDF.type, DG.IdentityRequirement),
        (requirement, DCT.identifier, Literal(f"lokaal-{n}")),
        (requirement, DCT.title, Literal("Lokale eis", lang="nl")),
        (requirement, DG.identityMeans, iri("identiteitsmiddel", means)),
        (requirement, DG.minimumAssuranceLevel, iri("betrouwbaarheidsniveau", level)),
    }, set()


def delete_offering(data: Graph, rng: random.Random, n: int) -> Edit:
    offering = rng.choice(instances(data, DG.MunicipalOffering))
    costs = set(data.objects(offering, CV.hasCost))
    removed = outgoing(data, offering) | set(data.triples((None, None, offering)))
    for cost in costs if rng.random() < 0.5 else ():
        removed |= outgoing(data, cost)
    return set(), removed


def add_offering(data: Graph, rng: random.Random, n: int) -> Edit:
    original = rng.choice(instances(data, DG.MunicipalOffering))
    copy = iri("aanbod", f"kopie-{n}")
    added = {(copy, p, o) for _, p, o in outgoing(data, original) if p != DCT.identifier}
    added.add((copy, DCT.identifier, Literal(f"kopie-{n}")))
    if rng.random() < 0.5:  # another product: no duplicate, but maybe a product of another kind
        product = rng.choice(instances(data, DG.Product))
        added = {t for t in added if t[1] != DG.implements} | {(copy, DG.implements, product)}
    return added, set()


def edit_national_product(data: Graph, rng: random.Random, n: int) -> Edit:
    offering = rng.choice(instances(data, DG.MunicipalOffering))
    product = data.value(offering, DG.implements)
    choice = rng.randrange(4)
    if choice == 0:  # a national fee that local costs override
        national = [c for c in data.objects(product, CV.hasCost) if (c, CV.hasValue, None) in data]
        if national:
            cost = rng.choice(sorted(national))
            new = Literal(round(rng.uniform(1, 100), 2), datatype=XSD_DOUBLE)
            return {(cost, CV.hasValue, new)}, set(data.triples((cost, CV.hasValue, None)))
    process = data.value(product, DG.standardProcess)
    steps = sorted(data.objects(process, DG.hasStep)) if process is not None else []
    if choice == 1 and steps:  # raise or lower the level a step requires
        requirements = [r for s in steps for r in data.objects(s, DG.identityRequirement)]
        if requirements:
            requirement = rng.choice(sorted(requirements))
            level = iri("betrouwbaarheidsniveau", rng.choice(["digid-hoog", "digid-basis", "balie-document"]))
            old = set(data.triples((requirement, DG.minimumAssuranceLevel, None)))
            return {(requirement, DG.minimumAssuranceLevel, level)}, old
    if choice == 2 and steps:  # a step loses its channels
        return set(), set(data.triples((rng.choice(steps), DG.channel, None)))
    return set(), set(data.triples((product, DG.standardProcess, None)))


def retype(data: Graph, rng: random.Random, n: int) -> Edit:
    node = rng.choice(instances(data, rng.choice([DG.MunicipalOffering, CV.Channel, CV.Cost])))
    old = set(data.triples((node, RDF.type, None)))
    return {(node, RDF.type, rng.choice([DG.Product, CV.Cost, DG.MunicipalOffering]))}, old


def move_faq(data: Graph, rng: random.Random, n: int) -> Edit:
    faq = rng.choice(instances(data, DG.FAQ))
    product = rng.choice(instances(data, DG.Product))
    return {(faq, DG.about, product)}, set(data.triples((faq, DG.about, None)))


def local_override(data: Graph, rng: random.Random, n: int) -> Edit:
    prop = rng.choice([DG.webPage, DG.localCondition, CV.hasChannel])
    triple = (prop, DG.localOverride, Literal(True))
    return ({triple}, set()) if triple not in data else (set(), {triple})


def blank_node_edit(data: Graph, rng: random.Random, n: int) -> Edit:
    hours = sorted((s for s in data.subjects(RDF.type, DG.OpeningHours) if isinstance(s, BNode)), key=str)
    node = rng.choice(hours)
    if rng.random() < 0.5:
        return set(), set(data.triples((node, URIRef("https://schema.org/closes"), None)))
    return set(), set(data.triples((None, None, node)))


EDITS: list[Callable[[Graph, random.Random, int], Edit]] = [
    change_fee,
    remove_property,
    wrong_language,
    foreign_channel,
    lower_identity,
    delete_offering,
    add_offering,
    edit_national_product,
    retype,
    move_faq,
    local_override,
    blank_node_edit,
]


def test_random_edits_equal_full_validation(catalog: tuple[LoadedSources, Graph | None, Path]) -> None:
    loaded, upl, root = catalog
    state = start(loaded, upl, root)
    assert_equal(state.report(), validate(loaded, upl, root), "start")
    rng = random.Random(20261128)
    plan = [*EDITS, *rng.sample(EDITS, 4)]  # 16 edits, every kind at least once
    rng.shuffle(plan)
    for n, edit in enumerate(plan):
        added, removed = edit(state.data, rng, n)
        report = validate_change(state, added, removed)
        assert_equal(report, validate(loaded, upl, root), f"edit {n} ({edit.__name__})")
        revalidated = state.revalidated
        assert revalidated is not None and (len(revalidated) < 200 or edit is local_override), f"edit {n}: too much"


def test_national_product_change_revalidates_what_refers_to_it(
    catalog: tuple[LoadedSources, Graph | None, Path],
) -> None:
    loaded, upl, root = catalog
    state = start(loaded, upl, root)
    # utrecht-bijstand asks for DigiD Substantieel itself; the standard asks for Midden and now for Hoog.
    offering, national = iri("aanbod", "utrecht-bijstand"), iri("eis", "bijstand-1")
    midden, hoog = (iri("betrouwbaarheidsniveau", n) for n in ("digid-midden", "digid-hoog"))
    assert (national, DG.minimumAssuranceLevel, midden) in state.data
    assert state.report().conforms
    raised = (national, DG.minimumAssuranceLevel, hoog)
    report = validate_change(state, {raised}, {(national, DG.minimumAssuranceLevel, midden)})
    assert state.revalidated is not None and offering in state.revalidated
    lower = [f for f in report.findings if (f.source_constraint or "").endswith("levelNotLower")]
    assert [f.focus for f in lower] == ["aanbod:utrecht-bijstand"]
    assert_equal(report, validate(loaded, upl, root), "national level raised")

    # A national maximum fee: every local cost that overrides it is re-validated.
    fee = iri("kosten", "paspoort-18-plus")
    overriding = set(state.data.subjects(DG.overridesCost, fee))
    assert len(overriding) >= 3
    old = set(state.data.triples((fee, CV.hasValue, None)))
    report = validate_change(state, {(fee, CV.hasValue, Literal(10.0))}, old)
    assert state.revalidated is not None and overriding <= state.revalidated
    assert {f.focus for f in report.findings if (f.source_constraint or "").endswith("notAboveMaximum")} == {
        f"kosten:{o.rsplit('/', 1)[-1]}" for o in overriding
    }
    assert_equal(report, validate(loaded, upl, root), "national fee lowered")


def test_duplicate_offering_flags_the_existing_one(catalog: tuple[LoadedSources, Graph | None, Path]) -> None:
    loaded, upl, root = catalog
    state = start(loaded, upl, root)
    original, copy = iri("aanbod", "zwolle-paspoort"), iri("aanbod", "zwolle-paspoort-2")
    added = {(copy, p, o) for _, p, o in state.data.triples((original, None, None))}
    report = validate_change(state, added, set())
    flagged = {f.focus for f in report.findings if "unique" in (f.source_constraint or "")}
    assert flagged == {"aanbod:zwolle-paspoort", "aanbod:zwolle-paspoort-2"}
    assert state.revalidated is not None and len(state.revalidated) < 20
    assert_equal(report, validate(loaded, upl, root), "duplicate offering")


def test_replacing_a_file_equals_full_validation(catalog: tuple[LoadedSources, Graph | None, Path]) -> None:
    loaded, upl, root = catalog
    state = start(loaded, upl, root)
    source = next(s for s in loaded.sources if s.path.name == "utrecht.ttl")
    changed = Graph()
    changed += source.graph
    changed.remove((None, DCT.modified, None))
    changed.add((iri("kanaal", "utrecht-telefoon"), CV.telephone, Literal("geen nummer")))
    report = replace_source(state, source.graph_iri, changed)
    assert_equal(report, validate(loaded, upl, root), "replaced utrecht.ttl")
    assert report.count("Violation") > 0


def test_subclass_change_validates_everything(catalog: tuple[LoadedSources, Graph | None, Path]) -> None:
    loaded, upl, root = catalog
    state = start(loaded, upl, root)
    triple = (DG.MunicipalOffering, RDFS.subClassOf, DG.Product)
    report = validate_change(state, {triple}, set())
    assert state.revalidated is None  # a full validation
    assert_equal(report, validate(loaded, upl, root), "subclass added")
    assert_equal(validate_change(state, set(), {triple}), validate(loaded, upl, root), "subclass removed")


# Conservative fallbacks, on small inline registries.

SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
ex:decl sh:declare [ sh:prefix "ex" ; sh:namespace "https://dienstengraaf.nl/id/test/"^^xsd:anyURI ] .
ex:ThingShape a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:property [ sh:path ( ex:part ex:size ) ; sh:maxCount 1 ] ;
    sh:sparql [ sh:prefixes ex:decl ; sh:message "Te diep." ;
        sh:select "SELECT $this WHERE { $this ex:part+ ?deep . ?deep ex:size 3 . }" ] .
ex:OtherShape a sh:NodeShape ; sh:targetClass ex:Other ;
    sh:property [ sh:path [ sh:inversePath ex:part ] ; sh:minCount 1 ] .
"""
DATA = """
ex:a a ex:Thing ; ex:part ex:b . ex:b a ex:Other ; ex:part ex:c ; ex:size 1 . ex:c a ex:Other ; ex:size 3 .
ex:d a ex:Thing . ex:e a ex:Other .
"""
EX = "https://dienstengraaf.nl/id/test/"


def small_state() -> tuple[ValidationState, LoadedSources]:
    sources = [
        Source(Path(name), kind, URIRef(f"urn:test:{name}"), Graph().parse(data=PREFIXES + text, format="turtle"))
        for name, kind, text in (("shapes.ttl", "shapes", SHAPES), ("data.ttl", "catalog", DATA))
    ]
    loaded = LoadedSources(sources)
    return start(loaded), loaded


def test_repeated_path_makes_a_shape_opaque() -> None:
    state, loaded = small_state()
    assert URIRef(EX + "ThingShape") in state.reach.opaque
    assert URIRef(EX + "OtherShape") not in state.reach.opaque
    assert_equal(state.report(), validate(loaded), "start")
    edits = [
        ({(URIRef(EX + "c"), URIRef(EX + "part"), URIRef(EX + "e"))}, set()),
        (set(), {(URIRef(EX + "b"), URIRef(EX + "part"), URIRef(EX + "c"))}),
        ({(URIRef(EX + "d"), URIRef(EX + "part"), URIRef(EX + "c"))}, set()),
        ({(URIRef(EX + "e"), URIRef(EX + "size"), Literal(3))}, set()),
    ]
    for n, (added, removed) in enumerate(edits):
        assert_equal(validate_change(state, added, removed), validate(loaded), f"edit {n}")
    assert state.revalidated is not None and URIRef(EX + "d") in state.revalidated  # all targets of the opaque shape


def test_sub_select_and_unknown_parameters_are_opaque() -> None:
    shapes = Graph().parse(
        data=PREFIXES
        + """@prefix sh: <http://www.w3.org/ns/shacl#> .
        ex:decl sh:declare [ sh:prefix "ex" ; sh:namespace "https://dienstengraaf.nl/id/test/"^^xsd:anyURI ] .
        ex:A sh:targetClass ex:Thing ; sh:sparql [ sh:prefixes ex:decl ;
            sh:select "SELECT $this WHERE { { SELECT ?x WHERE { ?x ex:p ?y } } $this ex:q ?x }" ] .
        ex:B sh:targetClass ex:Thing ; sh:property [ sh:path ex:p ; sh:fancy true ] .
        ex:C sh:targetClass ex:Thing ; sh:property [ sh:path ex:p ; sh:class ex:Other ] .""",
        format="turtle",
    )
    reach = read_shapes(shapes)
    assert set(reach.opaque) == {URIRef(EX + "A"), URIRef(EX + "B")}
    assert reach.unsupported is None
