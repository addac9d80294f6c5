"""The JSON content API against a real server: filters, search, paging, the merged view per
municipality with provenance, conditional requests, injection attempts and the OpenAPI contract."""

from __future__ import annotations

from typing import Any

import pytest
from jsonschema import Draft202012Validator

from tests.api.conftest import LiveServer


def get(server: LiveServer, path: str, **params: Any) -> Any:
    with server.client() as client:
        response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_products_are_paged(server: LiveServer) -> None:
    first = get(server, "/api/products", page=1, page_size=25)
    last = get(server, "/api/products", page=3, page_size=25)
    assert first["total"] == 60 and len(first["items"]) == 25 and len(last["items"]) == 10
    ids = [p["id"] for p in first["items"]] + [p["id"] for p in last["items"]]
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize(
    ("name", "value", "expected", "unexpected"),
    [
        ("audience", "ondernemer", "evenementenvergunning", "geboorteaangifte"),
        ("theme", "afval", "grofvuil", "paspoort"),
        ("life_event", "verhuizen", "verhuismelding", "stempas"),
        ("channel", "huisbezoek", "huishoudelijke-hulp", "paspoort"),
        ("national_service", "digid", "verhuismelding", "melding-straatverlichting"),
        ("complexity", "maatwerk", "schuldhulpverlening", "verhuismelding"),
        ("municipality", "Zwolle", "paspoort", "voornaamwijziging"),
        ("complexity", "https://dienstengraaf.nl/id/complexiteit/enkelvoudig", "verhuismelding", "bijstand"),
    ],
)
def test_product_filters(server: LiveServer, name: str, value: str, expected: str, unexpected: str) -> None:
    ids = [p["id"] for p in get(server, "/api/products", page_size=100, **{name: value})["items"]]
    assert expected in ids and unexpected not in ids


def test_search_puts_the_best_match_first(server: LiveServer) -> None:
    results = get(server, "/api/products", q="paspoort")["items"]
    assert results[0]["id"] == "paspoort"
    assert get(server, "/api/products", q="adreswijziging")["items"][0]["id"] == "verhuismelding"


@pytest.mark.parametrize(
    "nasty",
    [
        '" } ; DROP ALL ; #',
        "paspoort' OR '1'='1",
        "} UNION { ?s ?p ?o }",
        "<http://x y>",
        "%7D%3B%23",
        'x") . ?s ?p ?o . FILTER("',
        "<script>alert(1)</script>",
    ],
)
def test_injection_attempts_give_normal_answers(server: LiveServer, nasty: str) -> None:
    with server.client() as client:
        for params in ({"q": nasty}, {"theme": nasty}, {"municipality": nasty}, {"national_service": nasty}):
            response = client.get("/api/products", params=params)
            assert response.status_code == 200
            assert response.json()["total"] == 0
        assert client.get(f"/api/products/{nasty}").status_code == 404
        assert client.get("/api/products/paspoort", params={"municipality": nasty}).status_code == 404
        assert client.get("/api/faqs", params={"q": nasty}).json()["total"] == 0
        assert client.get("/api/products").json()["total"] == 60  # nothing was harmed


def test_merged_view_names_the_source_of_each_field(server: LiveServer) -> None:
    merged = get(server, "/api/products/paspoort", municipality="utrecht")
    assert merged["local"]["has_offering"] is True and merged["local"]["example_data"] is True
    assert merged["provenance"]["costs"] == "gemeente+landelijk"  # local fees, national urgent-delivery fee
    assert merged["provenance"]["steps"] == "landelijk"
    assert merged["local"]["appointment_url"].startswith("https://voorbeeld.dienstengraaf.nl/utrecht/")
    sources = {c["id"]: c["source"] for c in merged["costs"]}
    assert sources == {
        "utrecht-paspoort-18-plus": "gemeente",
        "utrecht-paspoort-jonger-dan-18": "gemeente",
        "paspoort-spoed": "landelijk",
    }
    national = get(server, "/api/products/paspoort")
    assert national["local"] is None and {c["source"] for c in national["costs"]} == {"landelijk"}
    assert national["steps"][1]["in_person"] is True
    assert national["steps"][1]["identity"]["levels"][0]["id"] == "balie-biometrie"


def test_municipality_without_an_offering_gets_the_national_standard(server: LiveServer) -> None:
    merged = get(server, "/api/products/voornaamwijziging", municipality="Súdwest-Fryslân")
    assert merged["local"]["has_offering"] is False
    assert merged["provenance"]["costs"] == "landelijk"


def test_municipality_can_be_named_by_owms_uri(server: LiveServer) -> None:
    found = get(server, "/api/municipalities/http://standaarden.overheid.nl/owms/terms/Zwolle_(gemeente)")
    assert found["id"] == "zwolle" and found["channels"] and "paspoort" in found["offerings"]


def test_etag_and_last_modified_give_304(server: LiveServer) -> None:
    with server.client() as client:
        first = client.get("/api/products/paspoort")
        again = client.get("/api/products/paspoort", headers={"If-None-Match": first.headers["etag"]})
        since = client.get("/api/products/paspoort", headers={"If-Modified-Since": first.headers["last-modified"]})
    assert again.status_code == 304 and since.status_code == 304
    assert first.headers["etag"] == again.headers["etag"]


def test_faqs_filter_by_product_and_topic(server: LiveServer) -> None:
    faqs = get(server, "/api/faqs", product="paspoort", topic="kosten")["items"]
    assert [f["id"] for f in faqs] == ["paspoort-kosten"]
    assert get(server, "/api/faqs", product="digid")["total"] >= 2


def test_national_services_list_their_users(server: LiveServer) -> None:
    services = {s["id"]: s for s in get(server, "/api/national-services")}
    assert "verhuismelding" in services["digid"]["used_by"]
    assert services["digid"]["homepage"] == "https://www.digid.nl"


def test_channels_have_groups_and_counts(server: LiveServer) -> None:
    channels = {c["id"]: c for c in get(server, "/api/channels")}
    assert channels["website"]["group"] == "digitaal" and channels["balie"]["group"] == "persoonlijk"
    assert channels["balie"]["products"] > 10


def _examples(openapi: dict[str, Any]) -> dict[str, dict[str, str]]:
    return {"/api/products/{product_id}": {"product_id": "paspoort"}, "/api/municipalities/{key}": {"key": "utrecht"}}


def test_every_documented_content_route_answers_with_its_schema(server: LiveServer) -> None:
    openapi = get(server, "/openapi.json")
    routes = {p: item for p, item in openapi["paths"].items() if p.startswith("/api/") and "get" in item}
    assert set(routes) >= {
        "/api/products",
        "/api/products/{product_id}",
        "/api/national-services",
        "/api/channels",
        "/api/municipalities",
        "/api/faqs",
    }
    fill = _examples(openapi)
    for path, item in routes.items():
        schema = item["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        validator = Draft202012Validator({**schema, "components": openapi["components"]})
        url = path.format(**fill.get(path, {}))
        body = get(server, url)
        errors = list(validator.iter_errors(body))
        assert errors == [], f"{path}: {errors[0].message}"
        if path == "/api/products/{product_id}":
            errors = list(validator.iter_errors(get(server, url, municipality="utrecht")))
            assert errors == [], f"{path}?municipality: {errors[0].message}"
