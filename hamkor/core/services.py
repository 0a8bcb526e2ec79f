"""Every write of the core app: one transaction and one audit entry each."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hamkor.core.audit import record
from hamkor.core.models import Agreement, AgreementDocument, ApiToken, Country, Organisation, User, UserRole
from hamkor.core.policy import may
from hamkor.core.roles import Role

TOKEN_PREFIX = "hmk_"


def _require(user: Any, action: str, target: Any) -> None:
    """``user`` None is the system itself (commands, seed data); every request passes a real user."""
    if user is not None and not may(user, action, target):
        raise PermissionDenied(_("You do not have permission to do this."))


# --- organisations and agreements ---------------------------------------------------------------------------


def _check_organisation(actor: Any, org: Organisation) -> None:
    country = getattr(actor, "country_id", None) if actor is not None else None
    if country is not None and org.country_id != country:
        raise PermissionDenied(_("You can only manage organisations of your own country."))
    ancestor, seen = org.parent, {org.pk}
    while ancestor is not None:
        if ancestor.pk in seen:
            raise ValidationError({"parent": _("An organisation cannot be its own parent.")})
        seen.add(ancestor.pk)
        ancestor = ancestor.parent
    org.full_clean()


def create_organisation(actor: Any, **fields: Any) -> Organisation:
    """A new organisation, validated and audited; only administrators (of its country, when scoped)."""
    _require(actor, "create", Organisation)
    with transaction.atomic():
        org = Organisation(**fields)
        _check_organisation(actor, org)
        org.save()
        record(actor, "organisation.create", org, details={"name": org.name, "kind": org.kind})
    return org


def update_organisation(actor: Any, org: Organisation, **fields: Any) -> Organisation:
    """Change an organisation; the audit entry names each changed field with its old and new value."""
    _require(actor, "change", org)
    with transaction.atomic():
        changes = _apply(org, fields)
        _check_organisation(actor, org)
        org.save()
        record(actor, "organisation.change", org, details={"changes": changes})
    return org


def _apply(obj: Any, fields: dict[str, Any]) -> dict[str, list[Any]]:
    changes: dict[str, list[Any]] = {}
    for name, value in fields.items():
        old = getattr(obj, name)
        if old != value:
            changes[name] = [_plain(old), _plain(value)]
            setattr(obj, name, value)
    return changes


def _plain(value: Any) -> Any:
    if hasattr(value, "pk"):
        return value.pk
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _check_agreement(actor: Any, parties: Sequence[Organisation]) -> None:
    if len(parties) < 2:
        raise ValidationError({"parties": _("An agreement needs at least two parties.")})
    country = getattr(actor, "country_id", None) if actor is not None else None
    if country is not None and not any(p.country_id == country for p in parties):
        raise PermissionDenied(_("One of the parties must be an organisation of your country."))


def create_agreement(actor: Any, *, parties: Sequence[Organisation], **fields: Any) -> Agreement:
    """A new agreement between at least two organisations."""
    _require(actor, "create", Agreement)
    with transaction.atomic():
        agreement = Agreement(**fields)
        agreement.full_clean()
        _check_agreement(actor, parties)
        agreement.save()
        agreement.parties.set(parties)
        record(
            actor,
            "agreement.create",
            agreement,
            details={"title": agreement.title, "parties": sorted(p.pk for p in parties)},
        )
    return agreement


def update_agreement(
    actor: Any, agreement: Agreement, *, parties: Sequence[Organisation] | None = None, **fields: Any
) -> Agreement:
    _require(actor, "change", agreement)
    with transaction.atomic():
        changes = _apply(agreement, fields)
        agreement.full_clean()
        if parties is not None:
            _check_agreement(actor, parties)
            old = sorted(agreement.parties.values_list("pk", flat=True))
            new = sorted(p.pk for p in parties)
            if old != new:
                changes["parties"] = [old, new]
                agreement.parties.set(parties)
        agreement.save()
        record(actor, "agreement.change", agreement, details={"changes": changes})
    return agreement


# --- users ------------------------------------------------------------------------------------------------------


def create_user(
    actor: Any,
    *,
    email: str,
    full_name: str,
    organisation: Organisation | None,
    roles: Iterable[str],
    password: str | None = None,
    is_demo: bool = False,
    clearances: Iterable[str] = (),
) -> User:
    """A new account with its roles. ``actor`` None means the system (seed data, command line)."""
    _require(actor, "create", "user")
    role_list = sorted(set(roles))
    unknown = [r for r in role_list if r not in Role.values]
    if unknown:
        raise ValidationError({"roles": _("Unknown role: %(roles)s") % {"roles": ", ".join(unknown)}})
    with transaction.atomic():
        user = User(
            email=email.strip().lower(),
            full_name=full_name,
            organisation=organisation,
            is_demo=is_demo,
            clearances=sorted(set(clearances)),
        )
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save()
        UserRole.objects.bulk_create([UserRole(user=user, role=r) for r in role_list])
        record(
            actor,
            "user.create",
            user,
            details={"roles": role_list, "organisation": user.organisation_id, "clearances": user.clearances},
        )
    return user


def set_password(actor: Any, user: User, password: str) -> None:
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        record(actor, "user.password_set", user)


# --- authentication events ------------------------------------------------------------------------------------


def record_login(user: User, *, address: str) -> None:
    with transaction.atomic():
        record(user, "auth.login", user, details={"address": address})


def record_login_failed(email: str, *, address: str, locked: bool) -> None:
    with transaction.atomic():
        record(
            None,
            "auth.locked_out" if locked else "auth.login_failed",
            object_type="core.user",
            object_id="",
            details={"email": email[:254], "address": address},
        )


def record_logout(user: User) -> None:
    with transaction.atomic():
        record(user, "auth.logout", user)


def record_second_factor(user: User, event: str) -> None:
    with transaction.atomic():
        record(user, f"auth.second_factor_{event}", user)


# --- API tokens -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # shown once; only its hash is stored


def _hash_secret(secret: str) -> str:
    # Tokens carry 256 random bits, so a fast hash is enough: there is nothing to brute-force.
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_api_token(
    actor: Any,
    user: User,
    *,
    name: str,
    scopes: Iterable[str] = ("read",),
    days: int | None = None,
    now: datetime | None = None,
) -> IssuedToken:
    """A new personal API token for ``user``; the secret is returned once and never stored."""
    if actor is not None and actor != user:
        raise PermissionDenied(_("You can only create tokens for yourself."))
    _require(actor, "create", "token")
    scope_list = sorted(set(scopes))
    if not scope_list or any(s not in ApiToken.Scope.values for s in scope_list):
        raise ValidationError({"scopes": _("Scopes must be among: read, write.")})
    lifetime = settings.HAMKOR_API_TOKEN_DEFAULT_DAYS if days is None else days
    if not 1 <= lifetime <= 366:
        raise ValidationError({"days": _("A token lives between 1 and 366 days.")})
    if not name.strip():
        raise ValidationError({"name": _("Give the token a name, so you recognise it later.")})
    now = now or timezone.now()
    prefix = secrets.token_hex(4)
    secret = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name.strip()[:100],
            prefix=prefix,
            secret_hash=_hash_secret(secret),
            scopes=scope_list,
            created_at=now,
            expires_at=now + timedelta(days=lifetime),
        )
        record(actor or user, "token.create", token, details={"scopes": scope_list, "days": lifetime})
    return IssuedToken(token=token, secret=secret)


def revoke_api_token(actor: Any, token: ApiToken, *, now: datetime | None = None) -> ApiToken:
    if not may(actor, "revoke", token):
        raise PermissionDenied(_("You can only revoke your own tokens."))
    with transaction.atomic():
        if token.revoked_at is None:
            token.revoked_at = now or timezone.now()
            token.save(update_fields=["revoked_at"])
            record(actor, "token.revoke", token)
    return token


def authenticate_token(
    secret: str, *, method: str, path: str, query: str = "", now: datetime | None = None
) -> ApiToken | None:
    """The usable token behind ``secret``, with its use audited; None for an unknown, expired or revoked one.

    ``query`` is the query string as the audit may keep it (``hamkor.core.query_record``: codes and filters,
    never free text); the entry holds it when there is one."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    prefix = secret[len(TOKEN_PREFIX) :].split("_", 1)[0]
    token = ApiToken.objects.select_related("user", "user__organisation").filter(prefix=prefix).first()
    if token is None or not secrets.compare_digest(token.secret_hash, _hash_secret(secret)):
        return None
    now = now or timezone.now()
    details = {"method": method, "path": path} | ({"query": query} if query else {})
    if not token.is_usable(now) or not token.user.is_active:
        with transaction.atomic():
            record(token.user, "token.refused", token, details=details)
        return None
    with transaction.atomic():
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        record(token.user, "token.use", token, details=details)
    return token


def ensure_country(code: str, code3: str, name_en: str, name_ru: str, name_uz: str) -> Country:
    """Seed helper: a country by its code, names kept up to date."""
    country, _created = Country.objects.update_or_create(
        code=code, defaults={"code3": code3, "name_en": name_en, "name_ru": name_ru, "name_uz": name_uz}
    )
    return country


# --- second factor --------------------------------------------------------------------------------------------


def pending_totp_device(user: User) -> Any:
    """The authenticator device being enrolled for ``user`` (made on first call)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    with transaction.atomic():
        device, created = TOTPDevice.objects.get_or_create(
            user=user, confirmed=False, defaults={"name": "authenticator"}
        )
        if created:
            record(user, "auth.second_factor_enrolment_started", user)
    return device


def confirm_totp_device(user: User, device: Any, code: str) -> bool:
    """Confirm a pending device with one code; it replaces any device the user had. False when the code is wrong."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    with transaction.atomic():
        if not device.verify_token(code):
            return False
        TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        record(user, "auth.second_factor_enrolled", user)
    return True


# --- agreement documents -------------------------------------------------------------------------------------


def attach_agreement_document(
    actor: Any, agreement: Agreement, *, title: str, language: str, upload: Any, now: datetime | None = None
) -> AgreementDocument:
    """Store a checked file with the agreement; the file is removed again if the row cannot be written."""
    from hamkor.core.documents import sniff_document

    _require(actor, "change", agreement)
    kind = sniff_document(upload)
    if not title.strip():
        raise ValidationError({"title": _("Give the document a title.")})
    document = AgreementDocument(
        agreement=agreement, title=title.strip()[:200], language=language[:10], uploaded_at=now or timezone.now()
    )
    document.file.save(f"agreement-{agreement.pk}.{kind.extension}", upload, save=False)
    try:
        with transaction.atomic():
            document.full_clean()
            document.save()
            record(
                actor,
                "agreement.document_attach",
                agreement,
                details={"document": document.pk, "kind": kind.extension, "bytes": upload.size},
            )
    except BaseException:
        document.file.delete(save=False)
        raise
    return document
