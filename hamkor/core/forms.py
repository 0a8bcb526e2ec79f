"""Forms of the core pages. Validation that belongs to the domain lives in services; these check shape."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hamkor.core.models import Agreement, ApiToken, Organisation
from hamkor.core.page_forms import IdMultipleChoiceField


class LoginForm(forms.Form):
    username = forms.EmailField(label=_("Email address"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class SecondFactorForm(forms.Form):
    code = forms.RegexField(
        label=_("Six-digit code from your authenticator app"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("Enter the six digits your authenticator app shows.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class OrganisationForm(forms.ModelForm[Organisation]):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = ["name", "short_name", "kind", "country", "parent", "city", "website", "description"]


class AgreementForm(forms.ModelForm[Agreement]):
    parties = IdMultipleChoiceField(
        label=_("Parties"),
        queryset=Organisation.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("At least two."),
    )
    areas_text = forms.CharField(
        label=_("Areas of cooperation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One area per line."),
    )

    class Meta:
        model = Agreement
        fields = ["title", "kind", "signed_on", "signed_place", "valid_until", "summary"]
        widgets = {
            "signed_on": forms.DateInput(attrs={"type": "date"}),
            "valid_until": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["parties"].initial = list(self.instance.parties.all())
            self.fields["areas_text"].initial = "\n".join(self.instance.areas)

    def areas(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("areas_text", "").splitlines() if line.strip()]


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100, help_text=_("What the token is for."))
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"),
        choices=ApiToken.Scope.choices,
        initial=["read"],
        widget=forms.CheckboxSelectMultiple,
    )
    days = forms.IntegerField(label=_("Valid for (days)"), min_value=1, max_value=366, initial=90)


class AuditFilterForm(forms.Form):
    action = forms.CharField(label=_("Action"), required=False)
    actor = forms.CharField(label=_("Actor (email)"), required=False)
    object_type = forms.CharField(label=_("Object type"), required=False)
    object_id = forms.CharField(label=_("Object id"), required=False)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class AgreementDocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", "—"), ("en", "English"), ("ru", "Русский"), ("uz", "Oʻzbekcha")],
    )
    file = forms.FileField(label=_("File"), help_text=_("PDF, DOCX, TXT or Markdown."))
