"""The one search: across scripts and inflections, weighted, faceted, and blind to what a user may not find."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from hamkor.core.models import Country, SearchDocument
from hamkor.core.search import SearchCard, detect_language, put_cards, register_audience, search
from hamkor.core.search.registry import _AUDIENCE_PROVIDERS
from hamkor.council import services as council
from hamkor.council.models import Expert, PublicField

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(make_user):
    """A signed-in learner who belongs to the test audience "partners" (through the provider below)."""
    return make_user("learner")


@pytest.fixture
def partners_audience(partner):
    def provider(user):
        return {"partners"} if user.pk == partner.pk else set()

    register_audience(provider)
    yield
    _AUDIENCE_PROVIDERS.remove(provider)


@pytest.fixture
def shelf(partners_audience):
    put_cards(
        "test.doc",
        [
            (
                1,
                SearchCard(
                    "Реинтеграция женщин и детей",
                    "/d/1",
                    "Опыт реабилитации в Ташкенте",
                    countries=("UZ",),
                    pillars=("I",),
                    year=2023,
                ),
            ),
            (
                2,
                SearchCard(
                    "Bolalar reintegratsiyasi",
                    "/d/2",
                    "Oʻzbekistonda reabilitatsiya tajribasi",
                    audience="partners",
                    countries=("UZ",),
                    year=2024,
                ),
            ),
            (
                3,
                SearchCard(
                    "Art therapy in Termez", "/d/3", "Children draw what they remember.", countries=("UZ",), year=2022
                ),
            ),
            (
                4,
                SearchCard(
                    "Community acceptance",
                    "/d/4",
                    "Neighbours, imams and teachers.",
                    body="A short note on reintegration of returnees and the role of the mahalla.",
                    countries=("KZ",),
                    year=2023,
                ),
            ),
            (5, SearchCard("Мактаб ва оила", "/d/5", "Қайтганлар болалари учун мактаб.", year=2021)),
        ],
    )


def _ids(page):
    return [hit.object_id for hit in page.hits]


def test_a_latin_query_finds_cyrillic_text_and_back(shelf):
    assert _ids(search(None, "reintegratsiya")) == ["1"]
    assert _ids(search(None, "Термез")) == ["3"]
    assert _ids(search(None, "maktab")) == ["5"]


def test_an_uzbek_inflection_finds_the_russian_term_first(shelf):
    page = search(None, "reintegratsiyasi")
    assert _ids(page)[0] == "1"


def test_a_title_match_ranks_above_a_body_match(shelf):
    put_cards("test.doc", [(6, SearchCard("Mahalla", "/d/6", "Neighbourhood committees."))])
    assert _ids(search(None, "mahalla"))[:2] == ["6", "4"]


def test_a_restricted_document_is_neither_listed_nor_counted(shelf, partner):
    outsider = search(None, "reintegratsiya")
    assert "2" not in _ids(outsider)
    assert outsider.total == 1
    assert dict(outsider.facets["year"]) == {"2023": 1}
    partner = search(partner, "reintegratsiya")
    assert sorted(_ids(partner)) == ["1", "2"]
    assert partner.total == 2
    assert dict(partner.facets["year"]) == {"2023": 1, "2024": 1}


def test_a_query_only_a_restricted_document_matches_finds_nothing_at_all(shelf):
    page = search(None, "tajribasi")
    assert (page.hits, page.total, page.facets) == ([], 0, {})


def test_facets_count_and_filters_narrow(shelf, partner):
    page = search(partner, "reintegratsiya")
    assert dict(page.facets["country"]) == {"UZ": 2}
    assert dict(page.facets["kind"]) == {"test.doc": 2}
    assert _ids(search(partner, "reintegratsiya", filters={"year": "2024"})) == ["2"]
    assert _ids(search(partner, "reintegratsiya", filters={"pillar": "I"})) == ["1"]
    assert search(partner, "reintegratsiya", kind="other.kind").total == 0


def test_when_no_document_holds_every_word_any_word_is_shown(shelf):
    page = search(None, "reintegratsiya zzzzqx")
    assert page.any_word is True
    assert _ids(page) == ["1"]


def test_snippets_mark_the_matching_words_and_escape_the_rest(partners_audience):
    put_cards("test.doc", [(7, SearchCard("<b>Bold</b>", "/d/7", "Before <script>x</script> the реабилитация step"))])
    hit = search(None, "reabilitatsiya").hits[0]
    assert "<mark>реабилитация</mark>" in hit.snippet
    assert "<script>" not in hit.snippet and "&lt;script&gt;" in hit.snippet
    assert hit.title_html == "&lt;b&gt;Bold&lt;/b&gt;"


def test_a_word_with_a_soft_hyphen_inside_is_found_by_the_plain_word_and_marked_whole(db):
    card = SearchCard("Rehabili\u00adtation centre", "/d/8", "Re\u00adinte\u200bgration of the re\u2060turnees")
    put_cards("test.doc", [(8, card)])
    assert _ids(search(None, "rehabilitation")) == ["8"]
    hit = search(None, "reintegration returnees").hits[0]
    assert hit.object_id == "8"
    assert "<mark>Reintegration</mark>" in hit.snippet and "<mark>returnees</mark>" in hit.snippet
    stored = SearchDocument.objects.get(kind="test.doc", object_id="8")
    assert (stored.title, stored.text) == ("Rehabilitation centre", "Reintegration of the returnees")


def test_results_page_through_best_first(partners_audience):
    put_cards("test.doc", [(n, SearchCard(f"Shelter {n}", f"/d/{n}", "shelter " * (n % 5 + 1))) for n in range(30)])
    first, second = search(None, "shelter", per_page=20), search(None, "shelter", page=2, per_page=20)
    assert first.total == second.total == 30
    assert len(first.hits) == 20 and len(second.hits) == 10
    assert not set(_ids(first)) & set(_ids(second))


def test_the_detected_language_is_stored_per_document(shelf):
    languages = dict(SearchDocument.objects.values_list("object_id", "language"))
    assert languages["1"] == "ru"
    assert detect_language("Oʻzbekiston Respublikasida reabilitatsiya va reintegratsiya dasturi") == "uz"
    assert detect_language("Ўзбекистон Республикасида реабилитация ва реинтеграция дастури амалга оширилмоқда") in (
        "uz-Cyrl",
        "ru",
    )
    assert detect_language("Rehabilitation of women and children who returned") == "en"


# --- experts through the council's registration -----------------------------------------------------------


def _expert(name, cyrillic, *, vet=True, publish=(), biography=""):
    expert = council.create_expert(
        None,
        name=name,
        name_cyrillic=cyrillic,
        country=Country.objects.get(code="UZ"),
        disciplines=["psychology"],
        languages=["uz"],
        biography=biography,
        publish_fields=publish,
    )
    if vet:
        council.vet_expert(None, expert, Expert.Vetting.VETTED)
    return expert


def test_experts_are_found_across_scripts_by_directory_readers(world, persona):
    _expert("Dilnoza Karimova", "Дилноза Каримова")
    page = search(persona["case_worker"], "Дилноза")
    assert [hit.title for hit in page.hits] == ["Dilnoza Karimova (Дилноза Каримова)"]
    assert page.hits[0].url.startswith("/council/experts/")
    assert search(persona["case_worker"], "psixolog").total == 1  # the discipline, in Uzbek


def test_the_public_finds_only_published_expert_fields(world, persona):
    _expert("Dilnoza Karimova", "", publish=[PublicField.NAME], biography="Works with families in Termez")
    _expert("Hidden Person", "", publish=[], biography="Termez")
    anonymous = search(None, "Dilnoza")
    assert [hit.url for hit in anonymous.hits] == [anonymous.hits[0].url]
    assert anonymous.hits[0].url.startswith("/public/council/")
    assert search(None, "Termez").total == 0  # the biography is not published
    assert search(None, "Hidden").total == 0
    # a directory reader finds the full profile once, not the public card as well
    reader = search(persona["case_worker"], "Dilnoza")
    assert [hit.url.startswith("/council/experts/") for hit in reader.hits] == [True]


def test_the_type_facet_names_what_sort_of_thing_was_found(world, persona):
    from hamkor.core.search.labels import facet_labels

    _expert("Dilnoza Karimova", "")
    page = search(persona["case_worker"], "Dilnoza")
    assert dict(page.facets["type"]) == {"psychology": 1}
    assert facet_labels(page.facets)["type"] == {"psychology": "Psychology"}
    assert search(persona["case_worker"], "Dilnoza", filters={"type": "theology"}).total == 0


def test_an_unvetted_expert_is_found_by_the_secretariat_only(world, persona):
    _expert("Pending Person", "", vet=False)
    assert search(persona["case_worker"], "Pending").total == 0
    assert search(persona["programme_officer"], "Pending").total == 1


def test_reindex_rebuilds_the_index_from_the_objects(world, persona, capsys):
    _expert("Dilnoza Karimova", "")
    SearchDocument.objects.all().delete()
    assert search(persona["case_worker"], "Dilnoza").total == 0
    call_command("reindex")
    assert "council.expert: 1 documents" in capsys.readouterr().out
    assert search(persona["case_worker"], "Dilnoza").total == 1


# --- the page and the API ---------------------------------------------------------------------------------


def test_every_page_header_has_the_search_box(client, db):
    response = client.get("/accounts/login/")
    assert b'action="/search/"' in response.content and b'name="q"' in response.content


def test_the_search_page_shows_hits_with_highlights_and_facets(client, shelf):
    response = client.get("/search/", {"q": "reabilitatsiya"})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<a href="/d/1" class="result-title">' in html
    assert "<mark>реабилитации</mark>" in html
    assert "Uzbekistan" in html  # the country facet, by name
    assert "/d/2" not in html  # partners only


def test_a_facet_link_narrows_and_a_selected_one_widens_again(client, shelf, partner):
    client.force_login(partner)
    html = client.get("/search/", {"q": "reintegratsiya", "year": "2024"}).content.decode()
    assert "/d/2" in html and "/d/1" not in html
    assert 'href="?q=reintegratsiya" aria-current="true"' in html


def test_the_api_returns_results_best_first_with_facets(shelf, partner):
    from hamkor.conftest import verified_client

    body = verified_client(partner).get("/api/v1/search", {"q": "reintegratsiya"}).json()
    assert body["count"] == 2
    assert [r["url"] for r in body["results"]] == ["/d/1", "/d/2"]  # the exact word before its inflection
    assert set(body["results"][0]) == {"kind", "kind_label", "title", "url", "snippet", "language", "year"}
    assert {v["value"]: v["count"] for v in body["facets"]["year"]} == {"2023": 1, "2024": 1}
    narrowed = verified_client(partner).get("/api/v1/search", {"q": "reintegratsiya", "year": "2023"}).json()
    assert [r["url"] for r in narrowed["results"]] == ["/d/1"]


def test_the_api_without_a_query_is_a_problem(partner, db):
    from hamkor.conftest import verified_client

    response = verified_client(partner).get("/api/v1/search")
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")


def test_a_title_match_leads_even_when_its_body_is_long(partners_audience):
    long_body = " ".join(["Family support, schooling and vocational training for returnees."] * 400)
    put_cards(
        "test.doc",
        [
            (1, SearchCard("Proforiyentatsiya for young returnees", "/d/1", "A programme.", body=long_body)),
            (2, SearchCard("Schooling", "/d/2", "Short note mentioning proforiyentatsiya once.")),
        ],
    )
    assert _ids(search(None, "профориентация")) == ["1", "2"]


def test_facets_of_a_broad_query_are_estimated_from_a_sample_and_say_so(partners_audience, monkeypatch):
    from hamkor.core.search import engine

    monkeypatch.setattr(engine, "RANK_ALL", 100)
    cards = [(n, SearchCard(f"Shelter {n}", f"/d/{n}", year=2020 + n % 2)) for n in range(800)]
    put_cards("test.doc", cards)
    page = search(None, "shelter")
    assert page.total == 800 and page.facets_exact is False
    years = dict(page.facets["year"])
    assert 760 <= sum(years.values()) <= 840
    assert 280 <= years["2020"] <= 520 and 280 <= years["2021"] <= 520
    narrow = search(None, "shelter", filters={"year": "2021"})
    assert narrow.total == 400
    assert search(None, "shelter 7").facets_exact is True
