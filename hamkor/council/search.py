"""How experts appear in the platform's search: the full profile to the directory's readers, and the published
fields alone to everyone else (a vetted expert who agreed to publish a name)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import translation

from hamkor.core.policy import holds
from hamkor.core.search import PUBLIC, SearchCard, SearchKind, register, register_audience
from hamkor.council.models import Discipline, Expert, PublicField

DIRECTORY = "council.directory"
SECRETARIAT = "council.secretariat"
# Discipline names are indexed in the complete languages, so "психолог" and "psixolog" find a psychologist.
_INDEXED_LANGUAGES = ("en", "ru", "uz")


def expert_cards(expert: Expert) -> list[SearchCard]:
    if expert.vetting_status == Expert.Vetting.SUSPENDED:
        return []
    vetted = expert.vetting_status == Expert.Vetting.VETTED
    cards = [
        SearchCard(
            title=_names(expert),
            url=reverse("council:expert", args=[expert.pk]),
            summary=_disciplines(expert.disciplines),
            body="\n".join([expert.biography, " · ".join(expert.expertise_tags), _organisation(expert)]),
            audience=DIRECTORY if vetted else SECRETARIAT,
            countries=(expert.country_id,),
            types=tuple(expert.disciplines),
        )
    ]
    if vetted and expert.publishes(PublicField.NAME):
        shown = expert.publishes
        cards.append(
            SearchCard(
                title=_names(expert),
                url=reverse("council:public_expert", args=[expert.pk]),
                summary=_disciplines(expert.disciplines) if shown(PublicField.DISCIPLINES) else "",
                body="\n".join(
                    [
                        expert.biography if shown(PublicField.BIOGRAPHY) else "",
                        " · ".join(expert.expertise_tags) if shown(PublicField.EXPERTISE) else "",
                        _organisation(expert) if shown(PublicField.ORGANISATION) else "",
                    ]
                ),
                audience=PUBLIC,
                hidden_from=DIRECTORY,
                countries=(expert.country_id,) if shown(PublicField.COUNTRY) else (),
                types=tuple(expert.disciplines) if shown(PublicField.DISCIPLINES) else (),
            )
        )
    return cards


def expert_audiences(user: Any) -> set[str]:
    keys = set()
    if holds(user, "council.view"):
        keys.add(DIRECTORY)
    if holds(user, "council.manage"):
        keys.add(SECRETARIAT)
    return keys


def install_council_search() -> None:
    from django.utils.translation import gettext_lazy as _

    register(
        SearchKind(
            "council.expert",
            Expert,
            _("Council expert"),
            card=expert_cards,
            everything=lambda: Expert.objects.select_related("organisation").order_by("pk").iterator(chunk_size=500),
            types=dict(Discipline.choices),
        )
    )
    register_audience(expert_audiences)


def _names(expert: Expert) -> str:
    return f"{expert.name} ({expert.name_cyrillic})" if expert.name_cyrillic else expert.name


def _disciplines(codes: list[str]) -> str:
    labels: list[str] = []
    for language in _INDEXED_LANGUAGES:
        with translation.override(language):
            labels += [str(Discipline(code).label) for code in codes if code in Discipline.values]
    return " · ".join(dict.fromkeys(labels))


def _organisation(expert: Expert) -> str:
    return expert.organisation.name if expert.organisation_id and expert.organisation else ""
