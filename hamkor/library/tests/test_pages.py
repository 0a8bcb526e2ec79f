"""The library pages as a partner, an editor, an expert and an anonymous visitor see them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from hamkor.conftest import verified_client
from hamkor.library import services
from hamkor.library.models import Item, ItemFile
from hamkor.library.tests.conftest import PRACTICE_RU, published, upload
from hamkor.library.tests.documents import docx_with

S = Item.Status
PAPER_EN = {"kind": "research_paper", "title": "Schooling after return", "languages": ["en"], "access": "partners"}


def _page(client, name: str, *args, **params) -> str:
    response = client.get(reverse(name, args=args), params)
    assert response.status_code == 200
    return response.content.decode()


def _stored(media) -> list[Path]:
    return [p for p in Path(media).rglob("*") if p.is_file()]


@pytest.fixture
def library(persona, reviewer):
    """A published public practice in Russian (2024) and a published partners-only paper in English (2021)."""
    return {
        "practice": published(persona, reviewer, **PRACTICE_RU, date=date(2024, 5, 1)),
        "paper": published(persona, reviewer, **PAPER_EN, date=date(2021, 3, 1)),
    }


def test_browse_filters_by_kind_language_and_year(persona, library):
    client = verified_client(persona["case_worker"])
    practice, paper = library["practice"].title, library["paper"].title
    everything = _page(client, "library:browse")
    assert practice in everything and paper in everything
    practices = _page(client, "library:browse", kind="good_practice")
    assert practice in practices and paper not in practices
    english = _page(client, "library:browse", language="en")
    assert paper in english and practice not in english
    of_2021 = _page(client, "library:browse", year="2021")
    assert paper in of_2021 and practice not in of_2021


def test_drafts_show_only_to_their_authors_with_the_status_filter(persona, make_user, practice):
    mine = _page(verified_client(persona["analyst"]), "library:browse", status="draft")
    assert practice.title in mine and 'name="status"' in mine
    others = _page(verified_client(make_user("case_worker", "kz")), "library:browse")
    assert practice.title not in others and 'name="status"' not in others
    assert practice.title in _page(verified_client(persona["analyst"]), "library:mine")


def test_a_search_in_uzbek_latin_finds_the_russian_practice_first_with_the_word_marked(persona, library):
    page = _page(verified_client(persona["case_worker"]), "library:browse", q="reabilitatsiya")
    first = page.index('class="result-title"')
    assert library["practice"].title.split()[0] in page[first : first + 300]
    assert "<mark>" in page


def test_a_search_keeps_the_kind_filter(persona, library):
    client = verified_client(persona["case_worker"])
    assert library["practice"].title not in _page(client, "library:browse", q="reabilitatsiya", kind="guideline")
    assert "<mark>" in _page(client, "library:browse", q="reabilitatsiya", kind="good_practice")


def test_item_page_shows_the_practice_fields_and_the_file_versions(persona, library):
    practice = library["practice"]
    services.update_item(persona["programme_officer"], practice, lessons_learned="Начинать с семьи.")
    services.add_file(persona["programme_officer"], practice, upload("практика.docx", docx_with("Реинтеграция.")))
    page = _page(verified_client(persona["case_worker"]), "library:item", practice.pk)
    for heading in ("Approach", "Aims", "Methods", "Lessons learned", "Evidence and evaluation"):
        assert f"<dt>{heading}</dt>" in page
    assert PRACTICE_RU["approach"] in page and "Начинать с семьи." in page
    assert reverse("library:file", args=[practice.pk, 1]) in page
    assert "Download практика.docx" in page


def test_a_lying_file_is_refused_on_the_upload_page_and_nothing_is_stored(persona, practice, media):
    client = verified_client(persona["analyst"])
    response = client.post(
        reverse("library:upload", args=[practice.pk]), {"file": upload("report.pdf", docx_with("Not a PDF"))}
    )
    assert response.status_code == 400
    assert "does not match its name (.pdf)" in response.content.decode()
    assert not ItemFile.objects.exists() and not _stored(media)


def test_a_good_upload_becomes_version_one(persona, practice):
    client = verified_client(persona["analyst"])
    response = client.post(
        reverse("library:upload", args=[practice.pk]), {"file": upload("notes.txt", "Заметки".encode())}
    )
    assert response.status_code == 302
    download = client.get(reverse("library:file", args=[practice.pk, 1]))
    assert b"".join(download.streaming_content) == "Заметки".encode()
    assert 'filename="notes.txt"' in download["Content-Disposition"]


def test_a_draft_file_cannot_be_downloaded_by_other_partners(persona, make_user, practice):
    services.add_file(persona["analyst"], practice, upload("notes.txt", "Заметки".encode()))
    url = reverse("library:file", args=[practice.pk, 1])
    assert verified_client(make_user("case_worker", "kz")).get(url).status_code == 404
    assert verified_client(persona["learner"]).get(url).status_code == 403


def test_the_public_portal_shows_public_items_only(client, persona, library, practice):
    paper = library["paper"]
    listing = _page(client, "library:public_browse")
    assert library["practice"].title in listing and paper.title not in listing
    assert client.get(reverse("library:public_item", args=[paper.pk])).status_code == 404
    assert client.get(reverse("library:public_item", args=[practice.pk])).status_code == 404  # a public draft
    found = _page(client, "library:public_browse", q="schooling")
    assert paper.title not in found
    page = _page(client, "library:public_item", library["practice"].pk)
    assert PRACTICE_RU["aims"] in page and "Sound and useful." not in page  # no reviews on the portal


def test_the_public_portal_searches_across_scripts(client, library):
    page = _page(client, "library:public_browse", q="reabilitatsiya")
    assert reverse("library:public_item", args=[library["practice"].pk]) in page


def test_review_and_publish_through_the_pages(persona, reviewer, practice):
    analyst, officer = verified_client(persona["analyst"]), verified_client(persona["programme_officer"])
    expert = verified_client(persona["council_expert"])
    analyst.post(reverse("library:submit", args=[practice.pk]))
    assert "Assign reviewers" in _page(officer, "library:item", practice.pk)
    officer.post(reverse("library:assign", args=[practice.pk]), {"experts": [reviewer.pk]})
    assert practice.title in _page(expert, "library:reviews")
    expert.post(
        reverse("library:review", args=[practice.pk]), {"recommendation": "publish", "comment": "Ready to publish."}
    )
    page = _page(expert, "library:item", practice.pk)
    assert "Ready to publish." in page and ">Publish</button>" in page
    expert.post(reverse("library:publish", args=[practice.pk]))
    practice.refresh_from_db()
    assert practice.status == S.PUBLISHED
    assert "Published" in _page(analyst, "library:item", practice.pk)


def test_publishing_before_a_recommendation_is_refused_with_a_message(persona, reviewer, practice):
    services.submit(persona["analyst"], practice)
    services.assign_reviewers(persona["programme_officer"], practice, [reviewer])
    officer = verified_client(persona["programme_officer"])
    response = officer.post(reverse("library:publish", args=[practice.pk]), follow=True)
    assert "No assigned expert has recommended publication yet." in response.content.decode()
    practice.refresh_from_db()
    assert practice.status == S.IN_REVIEW


def test_withdrawal_needs_a_reason(persona, library):
    practice = library["practice"]
    officer = verified_client(persona["programme_officer"])
    response = officer.post(reverse("library:withdraw", args=[practice.pk]), {"reason": " "}, follow=True)
    assert "This field is required." in response.content.decode()
    practice.refresh_from_db()
    assert practice.status == S.PUBLISHED
    officer.post(reverse("library:withdraw", args=[practice.pk]), {"reason": "Superseded by the 2026 edition."})
    practice.refresh_from_db()
    assert practice.status == S.WITHDRAWN
    assert "Superseded by the 2026 edition." in _page(officer, "library:item", practice.pk)


def test_partners_rate_and_comment_on_published_items(persona, library):
    practice = library["practice"]
    for role, stars in (("case_worker", "4"), ("analyst", "5")):
        verified_client(persona[role]).post(reverse("library:rate", args=[practice.pk]), {"stars": stars})
    worker = verified_client(persona["case_worker"])
    worker.post(reverse("library:comment", args=[practice.pk]), {"text": "Used it in Namangan."})
    page = _page(worker, "library:item", practice.pk)
    assert "4.5 of 5 stars from 2 ratings" in page and "You gave 4 stars." in page
    assert "Used it in Namangan." in page


def test_a_draft_cannot_be_rated(persona, practice):
    analyst = verified_client(persona["analyst"])
    response = analyst.post(reverse("library:rate", args=[practice.pk]), {"stars": "5"}, follow=True)
    assert "Only published items can be rated or commented on." in response.content.decode()
    assert not practice.ratings.exists()


def test_a_good_practice_without_its_approach_is_refused_field_by_field(persona):
    client = verified_client(persona["analyst"])
    data = {"kind": "good_practice", "title": "Без подхода", "access": "partners", "aims": "Цели."}
    response = client.post(reverse("library:create"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert page.count('class="field has-error"') == 2  # approach and methods
    assert not Item.objects.exists()


def test_an_item_created_through_the_page_is_a_draft_of_its_author(persona):
    client = verified_client(persona["analyst"])
    data = PRACTICE_RU | {"languages": ["ru"], "pillars": ["I"], "themes": "реинтеграция, семья"}
    response = client.post(reverse("library:create"), data)
    item = Item.objects.get()
    assert response["Location"] == reverse("library:item", args=[item.pk])
    assert item.status == S.DRAFT and item.created_by == persona["analyst"]
    assert item.themes == ["реинтеграция", "семья"]
