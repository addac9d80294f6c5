"""The answer engine over real HTTP: the JSON contract of POST /api/chat (checked against the OpenAPI
schema the server publishes), plain text, follow-ups through the session, the Rasa REST webhook and
bad input."""

from __future__ import annotations

from typing import Any

from jsonschema import Draft202012Validator

from tests.api.conftest import LiveServer

UPL = "http://standaarden.overheid.nl/owms/terms/"


def ask(server: LiveServer, **body: Any) -> Any:
    with server.client() as client:
        response = client.post("/api/chat", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def response_schema(server: LiveServer) -> dict[str, Any]:
    with server.client() as client:
        spec = client.get("/openapi.json").json()
    schema = spec["paths"]["/api/chat"]["post"]["responses"]["200"]["content"]["application/json"]["schema"]
    return {**schema, "components": spec["components"], "$schema": "https://json-schema.org/draft/2020-12/schema"}


def test_a_simple_question_is_answered_with_the_contract_fields(server: LiveServer) -> None:
    answer = ask(server, question="hoe vraag ik een nieuw paspoort aan", municipality="Utrecht")
    assert answer["action"] == "answer"
    assert answer["product"]["upl"] == UPL + "paspoort"
    assert answer["product"]["iri"].endswith("/product/paspoort")
    assert 0 < answer["confidence"] <= 1
    assert answer["identity"] and answer["channel"] and answer["costs"] and answer["links"] and answer["sources"]
    assert answer["session"]
    Draft202012Validator(response_schema(server)).validate(answer)
    for key in (
        "action",
        "confidence",
        "text",
        "product",
        "options",
        "service",
        "channel",
        "identity",
        "costs",
        "links",
        "sources",
        "session",
    ):
        assert key in answer


def test_follow_up_in_the_same_session(server: LiveServer) -> None:
    first = ask(server, question="ik wil mijn rijbewijs verlengen", municipality="Zwolle")
    assert first["product"]["upl"] == UPL + "rijbewijs"
    follow_up = ask(server, question="wat kost dat?", municipality="Zwolle", session=first["session"])
    assert follow_up["product"]["upl"] == UPL + "rijbewijs"
    assert follow_up["costs"]


def test_a_national_service_question_names_the_service(server: LiveServer) -> None:
    answer = ask(server, question="hoe vraag ik DigiD aan")
    assert answer["service"]["iri"].endswith("/dienst/digid")


def test_plain_text_when_asked_for(server: LiveServer) -> None:
    with server.client() as client:
        response = client.post(
            "/api/chat", json={"question": "wanneer wordt het grofvuil opgehaald"}, headers={"Accept": "text/plain"}
        )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert response.headers["x-session"] and "grofvuil" in response.text.lower()


def test_rasa_webhook_returns_messages_with_buttons(server: LiveServer) -> None:
    with server.client() as client:
        response = client.post(
            "/webhooks/rest/webhook",
            json={"sender": "test-1", "message": "paspoort aanvragen", "metadata": {"municipality": "Utrecht"}},
        )
    assert response.status_code == 200
    messages = response.json()
    assert messages[0]["recipient_id"] == "test-1" and messages[0]["text"]
    assert any("url" in b and b["url"].startswith("http") for b in messages[0]["buttons"])


def test_personal_data_in_a_question_is_not_echoed(server: LiveServer) -> None:
    answer = ask(server, question="mijn bsn is 123456782 en mijn mail is jan@example.org, paspoort verlengen")
    assert "123456782" not in str(answer) and "jan@example.org" not in str(answer)
    assert set(answer["masked"]) >= {"BSN", "e-mailadres"}


def test_bad_input_is_a_clear_error(server: LiveServer) -> None:
    with server.client() as client:
        empty = client.post("/api/chat", json={"question": ""})
        missing = client.post("/api/chat", json={"municipality": "Utrecht"})
        too_long = client.post("/api/chat", json={"question": "a" * 5000})
    for response in (empty, missing, too_long):
        assert response.status_code == 422
        assert response.json()["detail"]
