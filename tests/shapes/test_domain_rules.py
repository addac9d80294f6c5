"""Each domain rule of the shapes, with a conforming and a non-conforming fixture. Tests assert the
focus node and the constraint that fired, not only that validation failed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rdflib import RDF, SKOS, Graph, Literal, URIRef

from registry.namespaces import DG, UPL_SCHEME
from registry.validation import Finding, ValidationReport

Validate = Callable[..., ValidationReport]

STEP_ONLINE = """
ex:step1 a dg:ProcessStep ; dg:stepNumber 1 ;
    dct:title "Online aanvragen"@nl ; dct:description "U vraagt het online aan."@nl ;
    dg:channel kanaaltype:website ; dg:preferredChannel kanaaltype:website ;
    dg:actsOnPersonalData true ; dg:inPersonVerification false ;
    dg:identityRequirement ex:req1 .
ex:req1 a dg:IdentityRequirement ; dct:identifier "test-eis-1" ; dct:title "Inloggen met DigiD"@nl ;
    dg:identityMeans middel:digid ; dg:minimumAssuranceLevel niveau:digid-midden .
"""
STEP_DESK = """
ex:step2 a dg:ProcessStep ; dg:stepNumber 2 ;
    dct:title "Aan de balie"@nl ; dct:description "U komt zelf naar de balie."@nl ;
    dg:channel kanaaltype:balie ; dg:actsOnPersonalData true ; dg:inPersonVerification true ;
    dg:identityRequirement ex:req2 .
ex:req2 a dg:IdentityRequirement ; dct:identifier "test-eis-2" ; dct:title "Identiteit aan de balie"@nl ;
    dg:identityMeans middel:identiteitsbewijs ; dg:minimumAssuranceLevel niveau:balie-biometrie .
"""
FAQS = "".join(
    f"""
ex:faq{i} a dg:FAQ ; dct:identifier "test-faq-{i}" ; dg:about ex:product ;
    dg:question "Vraag {i}?"@nl ; dg:questionVariant "vraag {i}"@nl , "vraagje {i}"@nl , "vrg {i}"@nl ;
    dg:answer "Kort antwoord {i}."@nl , "Kort antwoord {i}."@nl-x-informal ;
    dct:modified "2026-01-01"^^xsd:date .
"""
    for i in (1, 2, 3)
)


def product(
    complexity: str = "samengesteld",
    steps: str = STEP_ONLINE + STEP_DESK,
    extra: str = "",
    step_refs: str = "ex:step1 , ex:step2",
    advised: str = "website",
) -> str:
    """A complete, valid test product; arguments swap in the part a rule is about."""
    return f"""
ex:product a dg:Product ; dct:identifier "testproduct" ;
    dct:title "Testproduct"@nl , "Test product"@en ;
    dct:description "Een product om mee te testen."@nl , "A product for tests."@en ;
    dg:uplProduct upl:paspoort ; cv:hasCompetentAuthority organisatie:gemeente ;
    dg:standardProcess ex:process ; dg:complexity complexiteit:{complexity} ;
    dg:channelAdvice [ a dg:ChannelAdvice ; dg:advisedChannel kanaaltype:{advised} ;
        dg:reason "Dit is het snelst."@nl ] ;
    dct:audience doelgroep:burger ; cv:thematicArea thema:afval ; cv:hasCost ex:cost ;
    dct:modified "2026-01-01"^^xsd:date {extra} .
ex:cost a cv:Cost ; dct:identifier "test-kosten" ; dct:description "Gratis."@nl ; dg:feeType tariefsoort:gratis .
ex:process a dg:StandardProcess ; dct:identifier "test-proces" ; dct:title "Testproces"@nl ;
    dg:hasStep {step_refs} .
{steps}
{FAQS}
"""


MUNICIPALITY = """
gemeente:test a dg:Municipality ; dct:identifier "test-gemeente" ; skos:prefLabel "Testgemeente"@nl ;
    dg:owmsIdentifier upl:Testgemeente ; dct:spatial <http://publications.europa.eu/resource/authority/country/NLD> .
"""


def offering(body: str) -> str:
    return (
        MUNICIPALITY
        + f"""
ex:offering a dg:MunicipalOffering ; dct:identifier "test-aanbod" ;
    dg:implements ex:product ; dg:offeredBy gemeente:test ; dct:modified "2026-01-01"^^xsd:date {body} .
"""
    )


def as_reported(name: str) -> str:
    """How the report shows a test resource `ex:name`."""
    return f"<https://dienstengraaf.nl/id/test/{name.removeprefix('ex:')}>" if name.startswith("ex:") else name


def findings(report: ValidationReport, focus: str, constraint: str) -> list[Finding]:
    """Findings on `focus` from a constraint: a SPARQL constraint IRI or a core component name."""
    return [
        f
        for f in report.findings
        if f.focus == as_reported(focus) and constraint in (f.source_constraint, f.constraint, f.shape)
    ]


def violations(report: ValidationReport) -> list[Finding]:
    return [f for f in report.findings if f.severity == "Violation"]


def test_the_good_product_conforms(validate_ttl: Validate) -> None:
    report = validate_ttl(product())
    assert violations(report) == []


# Rule: a product that issues an identity document has an in-person step at the highest level.

IDENTITY_DOCUMENT = """ ; cpsv:produces ex:output .
ex:output a cv:Output ; dct:identifier "test-document" ; dct:title "Document"@nl ;
    dct:type resultaattype:identiteitsdocument"""


def test_identity_document_with_in_person_step_at_highest_level_conforms(validate_ttl: Validate) -> None:
    report = validate_ttl(product(extra=IDENTITY_DOCUMENT))
    assert findings(report, "ex:product", "dgsh:ProductShape-identityDocument") == []
    assert violations(report) == []


def test_identity_document_without_highest_level_in_person_step_fails(validate_ttl: Validate) -> None:
    lowered = STEP_DESK.replace("niveau:balie-biometrie", "niveau:balie-document")
    report = validate_ttl(product(extra=IDENTITY_DOCUMENT, steps=STEP_ONLINE + lowered))
    found = findings(report, "ex:product", "dgsh:ProductShape-identityDocument")
    assert len(found) == 1
    assert found[0].constraint == "SPARQLConstraintComponent"
    assert found[0].severity == "Violation"
    assert "identiteitsdocument" in found[0].message


def test_identity_document_without_in_person_step_fails(validate_ttl: Validate) -> None:
    report = validate_ttl(product(extra=IDENTITY_DOCUMENT, steps=STEP_ONLINE, step_refs="ex:step1"))
    assert len(findings(report, "ex:product", "dgsh:ProductShape-identityDocument")) == 1


# Rule: a step that acts on personal data online names an identity means and a minimum level.


def test_online_personal_data_step_with_identity_requirement_conforms(validate_ttl: Validate) -> None:
    report = validate_ttl(product())
    assert findings(report, "ex:step1", "dgsh:ProcessStepShape-onlineIdentity") == []


def test_online_personal_data_step_without_identity_requirement_fails(validate_ttl: Validate) -> None:
    step = STEP_ONLINE.split("ex:req1 a")[0].replace(" ;\n    dg:identityRequirement ex:req1 .", " .")
    report = validate_ttl(product(steps=step + STEP_DESK))
    found = findings(report, "ex:step1", "dgsh:ProcessStepShape-onlineIdentity")
    assert len(found) == 1 and found[0].severity == "Violation"


def test_offline_step_needs_no_identity_requirement(validate_ttl: Validate) -> None:
    step = STEP_ONLINE.split("ex:req1 a")[0].replace(" ;\n    dg:identityRequirement ex:req1 .", " .")
    step = step.replace("dg:actsOnPersonalData true", "dg:actsOnPersonalData false")
    report = validate_ttl(product(steps=step + STEP_DESK))
    assert findings(report, "ex:step1", "dgsh:ProcessStepShape-onlineIdentity") == []


def test_level_of_a_means_the_requirement_does_not_name_fails(validate_ttl: Validate) -> None:
    step = STEP_ONLINE.replace("dg:minimumAssuranceLevel niveau:digid-midden", "dg:minimumAssuranceLevel niveau:eh3")
    report = validate_ttl(product(steps=step + STEP_DESK))
    assert len(findings(report, "ex:req1", "dgsh:IdentityRequirementShape-levelOfMeans")) == 1
    assert len(findings(report, "ex:req1", "dgsh:IdentityRequirementShape-levelPerMeans")) == 1


# Rule: a municipal offering never lowers the level of the standard it implements.


def local_level(level: str) -> str:
    return f""" ; dg:identityRequirement ex:localreq .
ex:localreq a dg:IdentityRequirement ; dct:identifier "test-lokale-eis" ; dct:title "Lokaal"@nl ;
    dg:identityMeans middel:{level.split("-")[0]} ; dg:minimumAssuranceLevel niveau:{level}"""


def test_offering_raising_the_level_conforms(validate_ttl: Validate) -> None:
    report = validate_ttl(product() + offering(local_level("digid-substantieel")))
    assert findings(report, "ex:offering", "dgsh:MunicipalOfferingShape-levelNotLower") == []
    assert violations(report) == []


def test_offering_lowering_the_level_fails(validate_ttl: Validate) -> None:
    report = validate_ttl(product() + offering(local_level("digid-basis")))
    found = findings(report, "ex:offering", "dgsh:MunicipalOfferingShape-levelNotLower")
    assert len(found) == 1 and found[0].value == "niveau:digid-basis"


def test_offering_lowering_the_level_with_another_means_fails(validate_ttl: Validate) -> None:
    stricter = STEP_ONLINE.replace("niveau:digid-midden", "niveau:digid-substantieel")
    report = validate_ttl(product(steps=stricter, step_refs="ex:step1") + offering(local_level("eidas-laag")))
    found = findings(report, "ex:offering", "dgsh:MunicipalOfferingShape-levelNotLowerAcrossMeans")
    assert len(found) == 1 and found[0].value == "niveau:eidas-laag"


# Rule: an enkelvoudig product offers a digital channel; a maatwerk product a human channel.


def test_simple_product_with_digital_channel_conforms(validate_ttl: Validate) -> None:
    report = validate_ttl(product(complexity="enkelvoudig"))
    assert findings(report, "ex:product", "dgsh:ProductShape-simpleDigital") == []


def test_simple_product_without_digital_channel_fails(validate_ttl: Validate) -> None:
    desk_only = STEP_DESK.replace("dg:stepNumber 2", "dg:stepNumber 1")
    report = validate_ttl(product(complexity="enkelvoudig", steps=desk_only, step_refs="ex:step2", advised="balie"))
    found = findings(report, "ex:product", "dgsh:ProductShape-simpleDigital")
    assert len(found) == 1 and found[0].constraint == "SPARQLConstraintComponent"


def test_tailored_product_with_human_channel_conforms(validate_ttl: Validate) -> None:
    report = validate_ttl(product(complexity="maatwerk"))
    assert findings(report, "ex:product", "dgsh:ProductShape-tailoredHuman") == []


def test_tailored_product_without_human_channel_fails(validate_ttl: Validate) -> None:
    report = validate_ttl(product(complexity="maatwerk", steps=STEP_ONLINE, step_refs="ex:step1"))
    assert len(findings(report, "ex:product", "dgsh:ProductShape-tailoredHuman")) == 1


def test_sensitive_product_without_human_channel_fails(validate_ttl: Validate) -> None:
    report = validate_ttl(product(steps=STEP_ONLINE, step_refs="ex:step1", extra="; dg:sensitive true"))
    assert len(findings(report, "ex:product", "dgsh:ProductShape-sensitiveHuman")) == 1


def test_advised_channel_must_be_offered(validate_ttl: Validate) -> None:
    report = validate_ttl(product(advised="app"))
    found = findings(report, "ex:product", "dgsh:ProductShape-advisedChannelOffered")
    assert len(found) == 1 and found[0].value == "kanaaltype:app"


# Rule: a municipal offering only overrides the properties that are allowed to be local.


def test_offering_with_local_facts_only_conforms(validate_ttl: Validate) -> None:
    local = '; dg:webPage <https://example.org/p> ; dg:localCondition "Alleen op afspraak."@nl'
    report = validate_ttl(product() + offering(local))
    assert findings(report, "ex:offering", "dgsh:MunicipalOfferingShape-onlyLocal") == []
    assert violations(report) == []


def test_offering_overriding_a_national_fact_fails(validate_ttl: Validate) -> None:
    national = '; dct:description "Eigen tekst."@nl ; dg:complexity complexiteit:maatwerk'
    report = validate_ttl(product() + offering(national))
    found = findings(report, "ex:offering", "dgsh:MunicipalOfferingShape-onlyLocal")
    assert sorted(f.path or "" for f in found) == ["dct:description", "dg:complexity"]


# Rule: a municipality has one offering per product.


def test_one_offering_per_product_conforms(validate_ttl: Validate) -> None:
    report = validate_ttl(product() + offering(""))
    assert findings(report, "ex:offering", "dgsh:MunicipalOfferingShape-unique") == []


def test_a_second_offering_of_the_same_product_fails(validate_ttl: Validate) -> None:
    second = """
ex:offering2 a dg:MunicipalOffering ; dct:identifier "test-aanbod-2" ;
    dg:implements ex:product ; dg:offeredBy gemeente:test ; dct:modified "2026-01-01"^^xsd:date .
"""
    report = validate_ttl(product() + offering("") + second)
    for focus, other in (("ex:offering", "ex:offering2"), ("ex:offering2", "ex:offering")):
        found = findings(report, focus, "dgsh:MunicipalOfferingShape-unique")
        assert [(f.constraint, f.value, f.severity) for f in found] == [
            ("SPARQLConstraintComponent", as_reported(other), "Violation")
        ]


# Rule: SDG-coded products carry the SDG information (Warning).


def sdg_upl(code: str = "A1") -> Graph:
    upl = Graph()
    concept = URIRef("http://standaarden.overheid.nl/owms/terms/paspoort")
    upl.add((UPL_SCHEME, RDF.type, SKOS.ConceptScheme))
    upl.add((UPL_SCHEME, SKOS.prefLabel, Literal("UPL", lang="nl")))
    upl.add((concept, RDF.type, SKOS.Concept))
    upl.add((concept, SKOS.inScheme, UPL_SCHEME))
    upl.add((concept, SKOS.prefLabel, Literal("paspoort", lang="nl")))
    upl.add((concept, DG.sdgCode, Literal(code)))
    return upl


SDG_COMPLETE = """ ; cv:processingTime "P5D"^^xsd:duration ; cpsv:hasInput ex:evidence ;
    dg:redress [ a dg:Redress ; dg:redressType rechtsmiddel:klacht ; dct:description "Dien een klacht in."@nl ] .
ex:evidence a cv:Evidence ; dct:identifier "test-bewijs" ; dct:title "Bewijs"@nl"""


def test_sdg_product_with_sdg_information_has_no_sdg_warnings(validate_ttl: Validate) -> None:
    report = validate_ttl(product(extra=SDG_COMPLETE), upl=sdg_upl())
    assert [f for f in report.findings if (f.shape or "").startswith("dgsh:ProductShape-sdg")] == []


def test_sdg_product_missing_sdg_information_gets_warnings(validate_ttl: Validate) -> None:
    text = (
        product()
        .replace('"Test product"@en', '"Testproduct (tweede)"@nl-x-informal')
        .replace('"A product for tests."@en', '"Test."@nl-x-informal')
    )
    report = validate_ttl(text, upl=sdg_upl("A1"))
    fired = {f.shape for f in report.findings if f.focus == as_reported("ex:product") and f.severity == "Warning"}
    for rule in ("processingTime", "evidence", "redress", "title-en", "description-en"):
        assert f"dgsh:ProductShape-sdg-{rule}" in fired
    assert "dgsh:ProductShape-sdg-cost" not in fired  # the product has a cost
    assert violations(report) == []
    message = next(f.message for f in report.findings if f.shape == "dgsh:ProductShape-sdg-redress")
    assert "SDG-code A1" in message


def test_sdg_rules_do_not_fire_without_sdg_code(validate_ttl: Validate) -> None:
    upl = sdg_upl()
    upl.remove((None, DG.sdgCode, None))
    report = validate_ttl(product(), upl=upl)
    assert not [f for f in report.findings if (f.shape or "").startswith("dgsh:ProductShape-sdg")]


def test_unknown_upl_uri_fails_when_the_upl_is_loaded(validate_ttl: Validate) -> None:
    text = product().replace("dg:uplProduct upl:paspoort", "dg:uplProduct upl:paspoortt")
    found = findings(validate_ttl(text, upl=sdg_upl()), "ex:product", "dgsh:ProductShape-uplKnown")
    assert len(found) == 1 and found[0].value == "upl:paspoortt"


# Rule: an FAQ answer stays short (at most 500 characters per language).


def test_short_faq_answer_conforms(validate_ttl: Validate) -> None:
    assert findings(validate_ttl(product()), "ex:faq1", "dgsh:FAQShape-answer-length") == []


def test_long_faq_answer_fails(validate_ttl: Validate) -> None:
    long_answer = "Dit is een zin van een lang antwoord. " * 14
    text = product().replace('"Kort antwoord 1."@nl ,', f'"{long_answer}"@nl ,')
    found = findings(validate_ttl(text), "ex:faq1", "dgsh:FAQShape-answer-length")
    assert len(found) == 1 and found[0].constraint == "MaxLengthConstraintComponent"


# Further rules that keep process definitions and local facts consistent.


def test_gap_in_step_numbers_fails(validate_ttl: Validate) -> None:
    text = product().replace("dg:stepNumber 2", "dg:stepNumber 3")
    found = findings(validate_ttl(text), "ex:process", "dgsh:StandardProcessShape-contiguousNumbers")
    assert len(found) == 1 and found[0].value == "3"


def test_preferred_channel_must_be_a_channel_of_the_step(validate_ttl: Validate) -> None:
    text = product().replace("dg:preferredChannel kanaaltype:website", "dg:preferredChannel kanaaltype:telefoon")
    assert len(findings(validate_ttl(text), "ex:step1", "dgsh:ProcessStepShape-preferredAmongChannels")) == 1


def test_in_person_step_must_be_at_a_desk(validate_ttl: Validate) -> None:
    text = product().replace("dg:channel kanaaltype:balie", "dg:channel kanaaltype:post")
    assert len(findings(validate_ttl(text), "ex:step2", "dgsh:ProcessStepShape-inPersonChannel")) == 1


LOCAL_COST = """ ; cv:hasCost ex:localcost .
ex:maximum a cv:Cost ; dct:identifier "test-maximum" ; dct:description "Maximum."@nl ;
    cv:hasValue "50.0"^^xsd:double ; cv:currency <http://publications.europa.eu/resource/authority/currency/EUR> ;
    dg:feeType tariefsoort:landelijk-maximum ; dg:validFrom "2023-01-01"^^xsd:date .
ex:localcost a cv:Cost ; dct:identifier "test-lokaal" ; dct:description "Lokaal."@nl ; dg:overridesCost ex:maximum ;
    cv:currency <http://publications.europa.eu/resource/authority/currency/EUR> ;
    dg:feeType tariefsoort:landelijk-maximum ; dg:validFrom "2023-01-01"^^xsd:date ; cv:hasValue """


@pytest.mark.parametrize(("amount", "fires"), [("45.0", False), ("50.0", False), ("50.01", True)])
def test_local_fee_never_exceeds_the_national_maximum(validate_ttl: Validate, amount: str, fires: bool) -> None:
    text = product() + offering(LOCAL_COST + f'"{amount}"^^xsd:double')
    found = findings(validate_ttl(text), "ex:localcost", "dgsh:CostShape-notAboveMaximum")
    assert len(found) == (1 if fires else 0)


def test_offering_uses_only_its_own_municipalitys_channels(validate_ttl: Validate) -> None:
    text = (
        product()
        + offering("; cv:hasChannel ex:otherchannel")
        + """
ex:othercity a dg:Municipality ; dct:identifier "andere" ; skos:prefLabel "Andere gemeente"@nl ;
    dg:owmsIdentifier upl:Andere ; dct:spatial <http://publications.europa.eu/resource/authority/country/NLD> .
ex:otherchannel a cv:Channel ; dct:identifier "ander-kanaal" ; dct:title "Telefoon"@nl ;
    dct:type kanaaltype:telefoon ; cv:telephone "14 020" ; cv:ownedBy ex:othercity .
"""
    )
    found = findings(validate_ttl(text), "ex:offering", "dgsh:MunicipalOfferingShape-ownChannels")
    assert len(found) == 1 and found[0].value == as_reported("ex:otherchannel")


def test_texts_must_have_an_allowed_language_once_per_language(validate_ttl: Validate) -> None:
    text = product().replace(
        'dct:title "Testproduct"@nl , "Test product"@en',
        'dct:title "Testproduct"@nl , "Nog een titel"@nl , "Produit"@fr',
    )
    report = validate_ttl(text)
    shapes = {f.constraint for f in findings(report, "ex:product", "dgsh:ProductShape-title")}
    assert shapes == {"LanguageInConstraintComponent", "UniqueLangConstraintComponent"}


def test_dutch_title_is_required(validate_ttl: Validate) -> None:
    text = product().replace('dct:title "Testproduct"@nl , "Test product"@en', 'dct:title "Testproduct"@nl-x-informal')
    found = findings(validate_ttl(text), "ex:product", "dgsh:ProductShape-title-nl")
    assert len(found) == 1 and found[0].constraint == "QualifiedMinCountConstraintComponent"


# Durations are xsd:duration values.


@pytest.mark.parametrize(("value", "fires"), [("P42D", False), ("P3M", False), ("P1Y", False), ("vijf dagen", True)])
def test_processing_time_is_an_xsd_duration(validate_ttl: Validate, value: str, fires: bool) -> None:
    report = validate_ttl(product(extra=f'; cv:processingTime "{value}"^^xsd:duration'))
    found = findings(report, "ex:product", "DatatypeConstraintComponent")
    assert [f.path for f in found] == (["cv:processingTime"] if fires else [])


# Search terms (skos:hiddenLabel) are Dutch or English texts.


def test_search_terms_need_a_language(validate_ttl: Validate) -> None:
    good = validate_ttl(product(extra='; skos:hiddenLabel "kwijt"@nl , "lost passport"@en'))
    assert findings(good, "ex:product", "LanguageInConstraintComponent") == []
    bad = validate_ttl(product(extra='; skos:hiddenLabel "verloren"@de'))
    found = findings(bad, "ex:product", "LanguageInConstraintComponent")
    assert [f.path for f in found] == ["skos:hiddenLabel"] and found[0].severity == "Violation"
