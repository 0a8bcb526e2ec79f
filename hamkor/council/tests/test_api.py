"""The council API answers with the same policy and search as the pages."""

from __future__ import annotations

from hamkor.conftest import verified_client
from hamkor.core.models import Country
from hamkor.council import services
from hamkor.council.models import Expert


def test_api_search_crosses_scripts_and_hides_unvetted_experts(world, persona):
    uz = Country.objects.get(code="UZ")
    found = services.create_expert(
        None, name="Dilnoza Karimova", country=uz, disciplines=["psychology"], languages=["uz"]
    )
    services.vet_expert(None, found, Expert.Vetting.VETTED)
    services.create_expert(None, name="Dilnoza Pending", country=uz, disciplines=["psychology"], languages=["uz"])
    client = verified_client(persona["case_worker"])
    body = client.get("/api/v1/council/experts", {"q": "Дилноза"}).json()
    assert [item["name"] for item in body["items"]] == ["Dilnoza Karimova"]
    assert client.get(f"/api/v1/council/experts/{found.pk}").json()["disciplines"] == ["psychology"]
