"""The access policy: the one place that answers "may this user do this action on this object".

Deny by default. A permission is ``"<subject>.<action>"`` (``"agreement.change"``); ``GRANTS`` lists the roles
that hold it, and a permission nobody listed is held by nobody. Which rows a permitted user reaches is the
subject's *scope*: a function from user and action to a ``Q`` filter, registered per model. A user whose
organisation has a country is scoped to that country; an organisation without a country (UN, OSCE) works
across borders.

Pages and API both go through ``restrict`` (for lists and lookups) and ``may`` (for capabilities), so a page and
an endpoint can never disagree about who sees what. Later modules add their grants and scopes with
``grant`` and ``register_scope`` from their ``apps.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.db import models
from django.db.models import Q

from hamkor.core.roles import ALL_ROLES, Role

_M = TypeVar("_M", bound=models.Model)
Scope = Callable[[Any, str], Q | None]

GRANTS: dict[str, frozenset[str]] = {}
_SUBJECTS: dict[type[models.Model], str] = {}
_SCOPES: dict[str, Scope] = {}


def grant(permission: str, roles: Iterable[str]) -> None:
    """Let ``roles`` hold ``permission`` (in addition to any role that already does)."""
    GRANTS[permission] = GRANTS.get(permission, frozenset()) | frozenset(roles)


def register_scope(model: type[models.Model], subject: str, scope: Scope) -> None:
    """Name the subject of ``model`` and the rows of it a permitted user reaches."""
    _SUBJECTS[model] = subject
    _SCOPES[subject] = scope


def subject_of(model: type[models.Model]) -> str:
    try:
        return _SUBJECTS[model]
    except KeyError:
        raise LookupError(f"No access-policy subject registered for {model.__name__}") from None


def holds(user: Any, permission: str) -> bool:
    """Whether ``user`` holds ``permission`` through one of their roles (no object involved)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.roles & GRANTS.get(permission, frozenset()))


def demand(user: Any, permission: str) -> None:
    """Refuse (``PermissionDenied``, a 403 on pages and in the API) unless ``user`` holds ``permission``."""
    if not holds(user, permission):
        from django.core.exceptions import PermissionDenied
        from django.utils.translation import gettext as _

        raise PermissionDenied(_("Your roles do not allow this (%(permission)s).") % {"permission": permission})


def restrict(user: Any, action: str, queryset: models.QuerySet[_M]) -> Any:
    """The rows of ``queryset`` that ``user`` may ``action``: none without the permission, then the scope."""
    subject = subject_of(queryset.model)
    if not holds(user, f"{subject}.{action}"):
        return queryset.none()
    condition = _SCOPES[subject](user, action)
    return queryset if condition is None else queryset.filter(condition)


def may(user: Any, action: str, target: models.Model | type[models.Model] | str) -> bool:
    """Whether ``user`` may ``action`` on an object, on a model in general, or on a named subject."""
    if isinstance(target, str):
        return holds(user, f"{target}.{action}")
    if isinstance(target, type):
        return holds(user, f"{subject_of(target)}.{action}")
    if not holds(user, f"{subject_of(type(target))}.{action}"):
        return False
    return bool(restrict(user, action, type(target)._default_manager.filter(pk=target.pk)).exists())


# --- scopes -------------------------------------------------------------------------------------------------


def user_country(user: Any) -> str | None:
    """The country a user is scoped to, or None for a user of an organisation that works across borders."""
    return getattr(user, "country_id", None)


def everything(user: Any, action: str) -> Q | None:
    return None


def own_rows(user: Any, action: str) -> Q:
    return Q(user=user)


def organisations_in_scope(user: Any, action: str) -> Q | None:
    if action == "view":
        return None  # the directory of partners is not personal and is shared by all
    country = user_country(user)
    return None if country is None else Q(country_id=country)


def agreements_in_scope(user: Any, action: str) -> Q | None:
    from hamkor.core.models import Agreement

    country = user_country(user)
    if country is None:
        return None
    return Q(pk__in=Agreement.objects.filter(parties__country_id=country).values("pk"))


def audit_in_scope(user: Any, action: str) -> Q | None:
    from hamkor.core.models import Organisation

    country = user_country(user)
    if country is None:
        return None
    return Q(organisation_id__in=Organisation.objects.filter(country_id=country).values("pk"))


def users_in_scope(user: Any, action: str) -> Q | None:
    country = user_country(user)
    return None if country is None else Q(organisation__country_id=country)


def install_core_policy() -> None:
    from hamkor.core.models import Agreement, ApiToken, AuditEntry, Country, Organisation, User

    register_scope(Country, "country", everything)
    register_scope(Organisation, "organisation", organisations_in_scope)
    register_scope(Agreement, "agreement", agreements_in_scope)
    register_scope(AuditEntry, "audit", audit_in_scope)
    register_scope(ApiToken, "token", own_rows)
    register_scope(User, "user", users_in_scope)

    grant("dashboard.view", ALL_ROLES)
    grant("search.use", ALL_ROLES)
    grant("country.view", ALL_ROLES)
    grant("organisation.view", ALL_ROLES)
    grant("organisation.create", {Role.ADMINISTRATOR})
    grant("organisation.change", {Role.ADMINISTRATOR})
    partnership_readers = {
        Role.ADMINISTRATOR,
        Role.PROGRAMME_OFFICER,
        Role.ANALYST,
        Role.COUNCIL_EXPERT,
        Role.OVERSIGHT_OFFICER,
    }
    grant("agreement.view", partnership_readers)
    grant("agreement.create", {Role.ADMINISTRATOR, Role.PROGRAMME_OFFICER})
    grant("agreement.change", {Role.ADMINISTRATOR, Role.PROGRAMME_OFFICER})
    # Oversight is kept apart from administration: the people who run the platform do not police themselves.
    grant("audit.view", {Role.OVERSIGHT_OFFICER})
    grant("audit.export", {Role.OVERSIGHT_OFFICER})
    grant("token.view", ALL_ROLES)
    grant("token.create", ALL_ROLES)
    grant("token.revoke", ALL_ROLES)
    grant("user.view", {Role.ADMINISTRATOR})
    grant("user.create", {Role.ADMINISTRATOR})
