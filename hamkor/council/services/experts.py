"""Expert profiles: create, update, vet, declare conflicts of interest."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hamkor.cases import queries_dossiers
from hamkor.core.audit import record
from hamkor.core.crypto import keyring
from hamkor.core.folding import fold
from hamkor.core.models import Country, Organisation, User
from hamkor.core.search import index
from hamkor.council.models import Conflict, Discipline, Expert, Language, PublicField
from hamkor.council.services.common import checked_codes, now_or, refuse_identifiers, require_manage

PROFILE_FIELDS = (
    "name",
    "name_cyrillic",
    "country",
    "organisation",
    "user",
    "disciplines",
    "languages",
    "biography",
    "expertise_tags",
    "availability",
    "publish_fields",
)
MAX_TAGS = 30
MAX_TAG_CHARS = 60


def _tags(value: Iterable[str]) -> list[str]:
    tags: list[str] = []
    for raw in value:
        tag = " ".join(str(raw).split())
        if tag and tag.casefold() not in {t.casefold() for t in tags}:
            tags.append(tag)
    if len(tags) > MAX_TAGS or any(len(t) > MAX_TAG_CHARS for t in tags):
        raise ValidationError(
            {
                "expertise_tags": _("At most %(n)s tags of %(chars)s characters.")
                % {"n": MAX_TAGS, "chars": MAX_TAG_CHARS}
            }
        )
    return tags


def search_key(*texts: str) -> str:
    """The folded words of ``texts``, space-separated, each word once, with a space at both ends so that a
    query word can also be matched at the start of a word (`` word``)."""
    words: list[str] = []
    for text in texts:
        for word in fold(text).split():
            if word not in words:
                words.append(word)
    return f" {' '.join(words)} "[:1000]


def refresh_search_keys(expert: Expert) -> None:
    """Recompute both keys from the profile (the caller saves)."""
    expert.search_key = search_key(expert.name, expert.name_cyrillic, *expert.expertise_tags)
    published: list[str] = []
    if expert.publishes(PublicField.NAME):
        published += [expert.name, expert.name_cyrillic]
    if expert.publishes(PublicField.EXPERTISE):
        published += expert.expertise_tags
    expert.public_search_key = search_key(*published)


def _clean(expert: Expert) -> None:
    expert.name = " ".join(expert.name.split())
    expert.name_cyrillic = " ".join(expert.name_cyrillic.split())
    if not expert.name:
        raise ValidationError({"name": _("Give the expert's name in Latin script.")})
    expert.disciplines = checked_codes(expert.disciplines, Discipline.values, "disciplines", required=True)
    expert.languages = checked_codes(expert.languages, Language.values, "languages", required=True)
    expert.publish_fields = checked_codes(expert.publish_fields, PublicField.values, "publish_fields", required=False)
    expert.expertise_tags = _tags(expert.expertise_tags)
    if expert.availability not in Expert.Availability.values:
        raise ValidationError({"availability": _("Unknown availability.")})
    if expert.user_id is not None and Expert.objects.filter(user_id=expert.user_id).exclude(pk=expert.pk).exists():
        raise ValidationError({"user": _("This platform user already has an expert profile.")})
    refresh_search_keys(expert)


def create_expert(
    actor: Any,
    *,
    name: str,
    country: Country,
    disciplines: Iterable[str],
    languages: Iterable[str],
    name_cyrillic: str = "",
    organisation: Organisation | None = None,
    user: User | None = None,
    biography: str = "",
    expertise_tags: Iterable[str] = (),
    availability: str = Expert.Availability.AVAILABLE,
    publish_fields: Iterable[str] = (),
    is_demo: bool = False,
) -> Expert:
    """A new expert profile, pending vetting; audited."""
    require_manage(actor)
    expert = Expert(
        name=name,
        name_cyrillic=name_cyrillic,
        country=country,
        organisation=organisation,
        user=user,
        disciplines=list(disciplines),
        languages=list(languages),
        biography=biography.strip(),
        expertise_tags=list(expertise_tags),
        availability=availability,
        publish_fields=list(publish_fields),
        is_demo=is_demo,
    )
    _clean(expert)
    with transaction.atomic():
        expert.save()
        record(actor, "expert.create", expert, details={"country": country.pk, "disciplines": expert.disciplines})
        index(expert)
    return expert


def update_expert(actor: Any, expert: Expert, **fields: Any) -> Expert:
    """Change profile fields (only those in ``PROFILE_FIELDS``); the search keys follow; audited with the
    names of the fields that changed."""
    require_manage(actor)
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise ValidationError(_("These fields cannot be changed here: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    changed = [f for f, v in fields.items() if getattr(expert, f) != v]
    for field, value in fields.items():
        setattr(
            expert,
            field,
            list(value) if field in ("disciplines", "languages", "expertise_tags", "publish_fields") else value,
        )
    _clean(expert)
    with transaction.atomic():
        expert.save()
        record(actor, "expert.update", expert, details={"fields": sorted(changed)})
        index(expert)
    return expert


def vet_expert(actor: Any, expert: Expert, status: str, *, reason: str = "", now: datetime | None = None) -> Expert:
    """Decide an expert's vetting: vetted experts appear in the directories; suspended ones in neither.
    Suspending needs a reason."""
    require_manage(actor)
    if status not in Expert.Vetting.values:
        raise ValidationError({"status": _("Unknown vetting status.")})
    if status == Expert.Vetting.SUSPENDED and not reason.strip():
        raise ValidationError({"reason": _("Give the reason for suspending an expert.")})
    with transaction.atomic():
        before = expert.vetting_status
        expert.vetting_status = status
        expert.vetted_at = now_or(now)
        expert.save(update_fields=["vetting_status", "vetted_at"])
        record(actor, "expert.vet", expert, reason=reason.strip(), details={"from": before, "to": status})
        index(expert)
    return expert


def declare_conflict(
    actor: Any,
    expert: Expert,
    *,
    country: Country | None = None,
    organisation: Organisation | None = None,
    case_code: str = "",
    note: str = "",
    now: datetime | None = None,
) -> Conflict:
    """Record one declared conflict of interest: exactly one of a country, an organisation or a case number.
    The expert may declare their own; the secretariat may record any. A case is kept only as its keyed
    reference, and neither the audit entry nor the note may carry its number (or any other identifier)."""
    own = expert.user_id is not None and expert.user_id == getattr(actor, "pk", None)
    if not own:
        require_manage(actor)
    given = [x for x in (country, organisation, case_code.strip()) if x]
    if len(given) != 1:
        raise ValidationError(_("Name exactly one country, organisation or case."))
    key_id, digest = queries_dossiers.case_reference(case_code) if case_code.strip() else ("", "")
    note = note.strip()[:300]
    refuse_identifiers("note", note, now_or(now).date())
    kind = Conflict.Kind.COUNTRY if country else Conflict.Kind.ORGANISATION if organisation else Conflict.Kind.CASE
    with transaction.atomic():
        conflict = Conflict.objects.create(
            expert=expert,
            kind=kind,
            country=country,
            organisation=organisation,
            case_key_id=key_id,
            case_digest=digest,
            note=note,
            declared_by=actor if getattr(actor, "pk", None) else None,
            declared_at=now_or(now),
        )
        details: dict[str, Any] = {"kind": kind}
        if country or organisation:
            details["target"] = country.pk if country else organisation.pk  # type: ignore[union-attr]
        record(actor, "expert.conflict", expert, details=details)
    return conflict


def rekey_case_conflicts() -> int:
    """After a key rotation: carry every case conflict made under an older key over to the current one (see
    ``queries_dossiers.rekeyed_case_references``); returns how many were carried over."""
    stale = Conflict.objects.filter(kind=Conflict.Kind.CASE).exclude(case_key_id=keyring().current.key_id)
    rows = list(stale.values_list("pk", "case_key_id", "case_digest"))
    new = queries_dossiers.rekeyed_case_references((key_id, digest) for _pk, key_id, digest in rows)
    count = 0
    for pk, key_id, digest in rows:
        if (key_id, digest) in new:
            fresh_key, fresh_digest = new[(key_id, digest)]
            count += Conflict.objects.filter(pk=pk, case_key_id=key_id, case_digest=digest).update(
                case_key_id=fresh_key, case_digest=fresh_digest
            )
    return count
