"""Real questions the answer engine got wrong, one regression test each: common Dutch words taken for
typos, a complaint about a staff member taken for a request to speak to one, questions about the
municipality itself, a question on a topic the product has no FAQ for, and split verbs ("schrijf ...
in")."""

from __future__ import annotations

import copy
from dataclasses import replace

import pytest

from generators.chatbot.engine import ChatAnswer, ChatEngine
from generators.chatbot.text import infinitives, joined_verbs, stem, words
from registry.model import Municipality
from tests.generators.conftest import Site


def _offered(answer: ChatAnswer) -> set[str]:
    """The product or service an answer is about, or those it offers to choose from."""
    named = answer.product or answer.service
    if named:
        return {named["id"]}
    return {(option.get("product") or option["service"])["id"] for option in answer.options}


def _municipality(engine: ChatEngine, key: str) -> Municipality:
    place = engine.municipality(key)
    assert place is not None
    return place


def test_a_common_dutch_word_is_not_corrected_into_a_registry_word(engine: ChatEngine) -> None:
    # "ligt" was corrected to "light" (from the English labels), which sent the question to street lights.
    assert "light" not in engine.index.tokens("Er ligt afval op straat")
    answer = engine.ask("Er ligt afval op straat")
    assert answer.product is None or answer.product["id"] != "melding-straatverlichting"
    assert "melding-openbare-ruimte" in _offered(answer)


def test_typos_are_still_corrected(engine: ChatEngine) -> None:
    assert stem("aanvragen") in engine.index.tokens("aanvragn")
    # 'bezwaard' is in the Dutch word list 253 times, as a misspelling: too rare to count as a word.
    assert stem("bezwaar") in engine.index.tokens("hoe maak ik bezwaard")


def test_a_complaint_about_a_staff_member_is_not_a_request_for_a_person(engine: ChatEngine) -> None:
    answer = engine.ask("Ik wil een klacht indienen over een medewerker", "zwolle")
    assert answer.action == "answer" and answer.product and answer.product["id"] == "klacht"
    for question in (
        "de medewerker aan de balie was onbeleefd",
        "een medewerker was erg onbeleefd tegen mij",
        "ik heb een klacht over het gedrag van een medewerker",
    ):
        assert engine.ask(question).action != "handover", question
    for question in (
        "ik wil een medewerker spreken",
        "kan ik met een medewerker bellen",
        "medewerker",
        "medewerker graag",
        "ik wil een medewerker spreken over mijn klacht",
    ):
        assert engine.ask(question, "zwolle").action == "handover", question


@pytest.mark.parametrize(
    "question",
    [
        "Wanneer is het gemeentehuis open?",
        "Wat is het telefoonnummer van de gemeente?",
        "openingstijden stadskantoor",
        "Hoe kan ik de gemeente bereiken?",
        "wanneer zijn jullie open",
        "openingstijden",
        "hoe laat gaat het stadskantoor dicht",
    ],
)
def test_a_question_about_reaching_the_municipality_lists_its_channels(engine: ChatEngine, question: str) -> None:
    place = _municipality(engine, "zwolle")
    answer = engine.ask(question, "zwolle")
    assert answer.action == "answer" and answer.product is None and answer.service is None
    assert answer.channel is not None and answer.channel["type"] == "contact"
    expected = {c.title.get() for c in place.channels if c.reachable}
    assert len(expected) >= 3
    assert {entry["name"] for entry in answer.channel["contact"]} == expected
    phone = next(c for c in place.channels if c.telephone)
    assert phone.telephone and phone.telephone in answer.text
    # The channel's name already holds its number: "Telefoon 14 038", not "Telefoon 14 038: 14 038".
    assert f"{phone.telephone}: {phone.telephone}" not in answer.text
    assert answer.text.startswith("Zo bereikt u de gemeente Zwolle:")
    assert answer.municipality and answer.municipality["id"] == place.id


def test_the_contact_answer_and_the_home_page_list_the_same_channels(engine: ChatEngine, site: Site) -> None:
    answer = engine.ask("wanneer is het stadskantoor open", "utrecht")
    assert answer.channel is not None
    home = site.read("utrecht/index.html")
    contact = home[home.index('id="contact"') :]
    for entry in answer.channel["contact"]:
        assert f'<h3 class="utrecht-heading-3">{entry["name"]}</h3>' in contact, entry["name"]
        for sentence in entry["opening_hours"]:
            assert sentence in contact, sentence
    assert contact.count('class="dg-channel"') == len(answer.channel["contact"])


def test_without_a_municipality_a_contact_question_says_where_to_look(engine: ChatEngine) -> None:
    answer = engine.ask("Wat is het telefoonnummer van de gemeente?")
    assert answer.action == "answer" and answer.channel is None
    assert "14 en het netnummer" in answer.text


@pytest.mark.parametrize(
    ("question", "product"),
    [
        ("de ondergrondse container van de gemeente gaat niet open", "afvalpas"),
        ("Ik wil mijn nieuwe adres doorgeven aan de gemeente", "verhuismelding"),
        ("openingstijden milieustraat grofvuil", "grofvuil"),
    ],
)
def test_a_product_question_that_mentions_the_municipality_is_not_a_contact_question(
    engine: ChatEngine, question: str, product: str
) -> None:
    answer = engine.ask(question, "zwolle")
    assert answer.channel is None or answer.channel["type"] != "contact"
    assert product in _offered(answer)


@pytest.mark.parametrize(
    "question",
    [
        "mag ik van de gemeente een open vuur maken in de tuin",
        "mijn aanvraag bij de gemeente staat nog open",
        "open dag gemeentehuis",
    ],
)
def test_open_in_another_sense_is_not_a_contact_question(engine: ChatEngine, question: str) -> None:
    answer = engine.ask(question, "zwolle")
    assert answer.channel is None or answer.channel["type"] != "contact"


def test_a_municipality_without_channels_gets_no_empty_contact_list(engine: ChatEngine) -> None:
    index = copy.copy(engine.index)
    index.municipalities = [replace(m, channels=()) for m in engine.index.municipalities]
    answer = ChatEngine(index).ask("openingstijden", "zwolle")
    assert answer.action == "answer" and answer.channel is None
    assert answer.text.startswith("Het register heeft nog geen contactgegevens van de gemeente Zwolle.")


def test_without_an_faq_on_the_topic_the_graphs_fact_leads(engine: ChatEngine) -> None:
    product = engine.index.catalog.products["identiteitskaart"]
    assert not any(f.topic is not None and f.topic.id == "doorlooptijd" for f in product.faqs)
    answer = engine.ask("Hoe lang duurt het voordat mijn ID kaart klaar is?", "utrecht")
    assert answer.product and answer.product["id"] == "identiteitskaart"
    assert answer.processing_time and answer.text.startswith(answer.processing_time)
    assert "Hoe lang:" not in answer.text and "Kosten:" in answer.text


@pytest.mark.parametrize(
    ("form", "infinitive"),
    [("schrijf", "schrijven"), ("schrijft", "schrijven"), ("geef", "geven"), ("vraag", "vragen"), ("vul", "vullen")],
)
def test_infinitives_of_a_verb_form(form: str, infinitive: str) -> None:
    assert infinitive in infinitives(form)


def test_a_split_verb_is_joined_only_where_its_particle_ends_the_phrase() -> None:
    vocabulary = {stem("inschrijven"), stem("doorgeven"), stem("inwonen"), stem("aanvragen")}
    assert joined_verbs(words("Hoe schrijf ik me in bij de gemeente?"), vocabulary) == [stem("inschrijven")]
    assert joined_verbs(words("hoe geef ik mijn verhuizing door"), vocabulary) == [stem("doorgeven")]
    assert joined_verbs(words("ik woon in Utrecht"), vocabulary) == []
    assert joined_verbs(words("hoe kom ik aan een vergunning"), vocabulary) == []


def test_signing_in_from_abroad_is_not_answered_as_leaving_the_country(engine: ChatEngine) -> None:
    # "schrijf ... in" (inschrijven) was read as "schrijf ... uit" (leaving the country).
    answer = engine.ask("Hoe schrijf ik me in bij de gemeente als ik uit het buitenland kom?")
    assert not (answer.action == "answer" and answer.product and answer.product["id"] == "aangifte-vertrek-buitenland")
    assert "brp-inschrijving" in _offered(answer)


@pytest.mark.parametrize(
    ("key", "question", "faq"),
    [
        # The words of an alternative label ("wachtwoord digid vergeten") used to be left out of the match.
        ("dienst:digid", "digid wachtwoord vergeten", "digid-wachtwoord-vergeten"),
        ("dienst:digid", "hoe vraag ik digid aan", "digid-aanvragen"),
        ("paspoort", "paspoort kwijt", "paspoort-kwijt"),
        # "hoe lang" made this a question about processing time.
        ("paspoort", "hoe lang is een paspoort geldig", "paspoort-geldig"),
    ],
)
def test_the_faq_that_answers_the_question_is_picked(engine: ChatEngine, key: str, question: str, faq: str) -> None:
    picked = engine.pick_faq(key, question)
    assert picked is not None and picked.id == faq


def test_a_topic_word_that_is_the_services_own_name_is_not_a_topic(engine: ChatEngine) -> None:
    # "digid" matches the topic "digitaal", whose FAQ is about DigiD levels.
    picked = engine.pick_faq("dienst:digid", "ik ben mijn digid wachtwoord kwijt")
    assert picked is not None and picked.id == "digid-wachtwoord-vergeten"


def test_a_child_mentioned_in_passing_does_not_pick_the_faq_about_children(engine: ChatEngine) -> None:
    # "baby" named the topic "kinderen", so the answer was the FAQ on the child's surname.
    picked = engine.pick_faq("geboorteaangifte", "binnen hoeveel dagen moet je je baby aangeven")
    assert picked is not None and picked.id == "geboorteaangifte-wanneer"
    child = engine.pick_faq("paspoort", "paspoort aanvragen voor mijn dochter van 4")
    assert child is not None and child.id == "paspoort-kind"


def test_a_follow_up_about_a_child_keeps_the_faq_about_children(engine: ChatEngine) -> None:
    first = engine.ask("identiteitskaart aanvragen")
    child = engine.ask("en voor mijn zoon die in het buitenland woont?", None, first.session)
    faq = next(f for f in engine.index.catalog.products["identiteitskaart"].faqs if f.id == "identiteitskaart-kind")
    assert child.text.startswith(str(faq.answer.get("nl")))


def test_paying_is_not_a_question_about_costs(engine: ChatEngine) -> None:
    picked = engine.pick_faq("hondenbelasting", "mijn hond is overleden moet ik nog blijven betalen")
    assert picked is not None and picked.id == "hondenbelasting-afmelden"


def test_the_cost_fact_leads_when_no_faq_is_about_costs(engine: ChatEngine) -> None:
    # Another FAQ (what to bring) matched the question and started the answer.
    answer = engine.ask("wat kost een geboorteaangifte")
    assert answer.costs and answer.text.startswith(answer.costs[0]["text"])
    assert "Kosten:" not in answer.text
