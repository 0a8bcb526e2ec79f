from __future__ import annotations

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from hamkor.core.querysets import RestrictedQuerySet
from hamkor.core.roles import SECOND_FACTOR_ROLES, Role


class UserManager(BaseUserManager["User"]):
    def get_queryset(self) -> RestrictedQuerySet[User]:
        return RestrictedQuerySet(self.model, using=self._db)

    def restrict(self, user: Any, action: str) -> RestrictedQuerySet[User]:
        return self.get_queryset().restrict(user, action)

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        """A user with an unusable password unless one is given. Prefer ``services.create_user``."""
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        """``hamkor createsuperuser``: an administrator (who must still enrol a second factor)."""
        user = self.create_user(email, password, **fields)
        UserRole.objects.create(user=user, role=Role.ADMINISTRATOR)
        return user


class User(AbstractBaseUser):
    """A person who signs in with an email address, belongs to one organisation and holds roles."""

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    language = models.CharField(_("preferred language"), max_length=10, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_demo = models.BooleanField(_("demo account"), default=False)
    clearances = models.JSONField(
        _("clearances"),
        default=list,
        blank=True,
        help_text=_("What this person is cleared for beyond their roles: child protection, medical, ..."),
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.email

    @cached_property
    def roles(self) -> frozenset[str]:
        """The roles this user holds (read once per request)."""
        if self.pk is None:
            return frozenset()
        return frozenset(self.role_assignments.values_list("role", flat=True))

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def needs_second_factor(self) -> bool:
        return bool(self.roles & SECOND_FACTOR_ROLES)

    @property
    def country_id(self) -> str | None:
        """The country this user's work is scoped to; None for organisations that work across borders."""
        return self.organisation.country_id if self.organisation_id and self.organisation else None

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class UserRole(models.Model):
    """One role held by one user."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="core_userrole_unique")]
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.role}"
