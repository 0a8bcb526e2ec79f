"""Forms of the case pages. They check shape; the rules of case management live in the services.

Several forms share one page, so each gets its own ``auto_id`` and the HTML ids stay unique while the field
names stay plain.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from datetime import date
from typing import Any

import pydantic
from django import forms
from django.utils.translation import gettext_lazy as _

from hamkor.cases.domains import Domain, Purpose, Relationship, Sex
from hamkor.cases.identity import Identity
from hamkor.cases.instruments import InstrumentDefinition
from hamkor.cases.models import Case, FamilyMember, Intervention
from hamkor.cases.services.consents import CONSENT_TEXT_VERSIONS
from hamkor.core.models import Organisation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NEW_FAMILY = "new"
DOCUMENT_KINDS = [
    ("birth_certificate", _("Birth certificate")),
    ("passport", _("Passport")),
    ("national_id", _("National identity card")),
]
DOCUMENT_STATUSES = [
    ("", _("Not recorded")),
    ("held", _("Held")),
    ("missing", _("Missing")),
    ("requested", _("Requested")),
]
ASSENT = [
    ("", _("Not asked (child under 7)")),
    ("yes", _("Yes, the child assents")),
    ("no", _("No, the child does not")),
]
REVIEWED_REASON = _("At least 20 characters; oversight reads it.")


def _text(label: Any, *, rows: int = 3, required: bool = True, **kwargs: Any) -> forms.CharField:
    return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}), **kwargs)


def script_of(text: str) -> str:
    """The ISO 15924 code of the script a name is written in, from its first letter."""
    for char in text:
        if char.isalpha():
            name = unicodedata.name(char, "")
            return "Cyrl" if name.startswith("CYRILLIC") else "Arab" if name.startswith("ARABIC") else "Latn"
    return ""


class CaseForm(forms.Form):
    def set_choices(self, name: str, choices: list[tuple[str, Any]]) -> None:
        """Choices known only per request (families, relatives, compartments)."""
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices


class RegistrationForm(CaseForm):
    """Step 1 of registering a person: identity, documents and family."""

    given_name = forms.CharField(label=_("Given name"), max_length=100)
    family_name = forms.CharField(label=_("Family name"), max_length=100, required=False)
    patronymic = forms.CharField(label=_("Patronymic"), max_length=100, required=False)
    other_given_name = forms.CharField(
        label=_("Given name in another script"),
        max_length=100,
        required=False,
        help_text=_("The same name as written in another script, e.g. Cyrillic or Arabic."),
    )
    other_family_name = forms.CharField(label=_("Family name in another script"), max_length=100, required=False)
    birth_date = forms.DateField(label=_("Date of birth"), widget=DATE)
    birth_date_estimated = forms.BooleanField(label=_("The date of birth is estimated"), required=False)
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", "—"), *Sex.choices])
    place_of_birth = forms.CharField(label=_("Place of birth"), max_length=200, required=False)
    nationality = forms.CharField(label=_("Nationality"), max_length=100, required=False)
    birth_certificate_status = forms.ChoiceField(
        label=_("Birth certificate"), choices=DOCUMENT_STATUSES, required=False
    )
    birth_certificate_number = forms.CharField(label=_("Birth certificate number"), max_length=60, required=False)
    passport_status = forms.ChoiceField(label=_("Passport"), choices=DOCUMENT_STATUSES, required=False)
    passport_number = forms.CharField(label=_("Passport number"), max_length=60, required=False)
    national_id_status = forms.ChoiceField(label=_("National identity card"), choices=DOCUMENT_STATUSES, required=False)
    national_id_number = forms.CharField(label=_("National identity card number"), max_length=60, required=False)
    family = forms.ChoiceField(label=_("Family"), required=False)
    relationship = forms.ChoiceField(
        label=_("Relationship in the family"), choices=[("", "—"), *Relationship.choices], required=False
    )
    is_guardian = forms.BooleanField(
        label=_("Guardian of the children"),
        required=False,
        help_text=_("A guardian may consent for the family's children."),
    )
    not_duplicate = forms.BooleanField(label=_("None of these is the same person"), required=False)

    def __init__(self, *args: Any, family_codes: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_choices(
            "family",
            [
                ("", _("No family")),
                (NEW_FAMILY, _("A new family")),
                *[(code, code) for code in family_codes],
            ],
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("family") and not data.get("relationship"):
            self.add_error("relationship", _("Say how the person is related to the family."))
        for kind, _label in DOCUMENT_KINDS:
            if data.get(f"{kind}_number") and not data.get(f"{kind}_status"):
                self.add_error(f"{kind}_status", _("Say whether this document is held, missing or requested."))
        return data

    def identity(self) -> Identity:
        """The identity the form describes; raises pydantic's ``ValidationError`` (see ``add_identity_errors``)."""
        data = self.cleaned_data
        names = [
            {
                "given": data["given_name"],
                "family": data["family_name"],
                "patronymic": data["patronymic"],
                "script": script_of(data["given_name"]),
            }
        ]
        if data["other_given_name"] or data["other_family_name"]:
            other = data["other_given_name"] or data["given_name"]
            names.append({"given": other, "family": data["other_family_name"], "script": script_of(other)})
        documents = [
            {"kind": kind, "status": data[f"{kind}_status"], "number": data[f"{kind}_number"]}
            for kind, _label in DOCUMENT_KINDS
            if data[f"{kind}_status"]
        ]
        return Identity.from_input(
            {
                "names": names,
                "birth_date": data["birth_date"],
                "birth_date_estimated": data["birth_date_estimated"],
                "sex": data["sex"],
                "place_of_birth": data["place_of_birth"],
                "nationality": data["nationality"],
                "documents": documents,
            }
        )

    def add_identity_errors(self, exc: pydantic.ValidationError) -> None:
        """Put each of pydantic's complaints next to the field it is about."""
        name_fields = [
            {"given": "given_name", "family": "family_name", "patronymic": "patronymic"},
            {"given": "other_given_name", "family": "other_family_name"},
        ]
        for error in exc.errors():
            loc = error["loc"]
            field: str | None = None
            if loc and loc[0] in self.fields:
                field = str(loc[0])
            elif len(loc) == 3 and loc[0] == "names" and isinstance(loc[1], int) and loc[1] < len(name_fields):
                field = name_fields[loc[1]].get(str(loc[2]))
            message = str(error["msg"]).removeprefix("Value error, ")
            self.add_error(field, message)


class TransitionForm(forms.Form):
    to = forms.ChoiceField(label=_("Move the case to"), choices=Case.Status.choices)
    closure = forms.ChoiceField(
        label=_("How the case closes"),
        choices=[("", "—"), *Case.Closure.choices],
        required=False,
        help_text=_("Only when closing."),
    )
    reason = _text(_("Reason"), required=False, max_length=2000)

    def __init__(self, *args: Any, allowed: list[str], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_transition_%s")
        super().__init__(*args, **kwargs)
        # The select offers the next steps; any status is accepted so the service can explain a refusal.
        widget = self.fields["to"].widget
        assert isinstance(widget, forms.Select)
        widget.choices = [(s, Case.Status(s).label) for s in allowed]


class ConsentForm(CaseForm):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Purpose.choices)
    recipient = forms.ModelChoiceField(
        label=_("Recipient organisation"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        help_text=_("For a referral: the organisation that receives it."),
    )
    text_version = forms.ChoiceField(
        label=_("Version of the consent text"),
        choices=[(v, v) for v in sorted(CONSENT_TEXT_VERSIONS, reverse=True)],
    )
    given_on = forms.DateField(label=_("Given on"), widget=DATE)
    guardian = forms.ChoiceField(label=_("Guardian who consents"), required=False)
    child_assent = forms.ChoiceField(label=_("The child's own assent"), choices=ASSENT, required=False)

    def __init__(self, *args: Any, is_child: bool, relatives: list[tuple[str, str]], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_consent_%s")
        super().__init__(*args, **kwargs)
        self.fields["given_on"].initial = date.today()
        if is_child:
            self.set_choices("guardian", [("", "—"), *relatives])
        else:
            del self.fields["guardian"], self.fields["child_assent"]

    def assent(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data.get("child_assent", ""))


class WithdrawalForm(forms.Form):
    reason = _text(_("Reason for withdrawal"), rows=2, required=False, max_length=2000)

    def __init__(self, *args: Any, consent_pk: int, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"id_withdraw{consent_pk}_%s")
        super().__init__(*args, **kwargs)


class OverrideForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Purpose.choices)
    reason = _text(
        _("Reason for acting without consent"),
        max_length=2000,
        help_text=REVIEWED_REASON,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_override_%s")
        super().__init__(*args, **kwargs)


class AssessmentForm(forms.Form):
    """One score per domain of the instrument, on its scale, with the domain's questions as help."""

    assessed_on = forms.DateField(label=_("Assessed on"), widget=DATE)

    def __init__(
        self, *args: Any, definition: InstrumentDefinition, narrative_domains: Iterable[str], **kwargs: Any
    ) -> None:
        kwargs.setdefault("auto_id", "id_assessment_%s")
        super().__init__(*args, **kwargs)
        self.definition = definition
        writable = set(narrative_domains)
        self.fields["assessed_on"].initial = date.today()
        scale = [(value, f"{value} — {label}") for value, label in definition.scale.labels.items()]
        for domain in definition.domains:
            self.fields[f"score_{domain.code}"] = forms.ChoiceField(
                label=Domain(domain.code).label if domain.code in Domain.values else domain.title,
                choices=scale,
                widget=forms.RadioSelect,
                help_text="; ".join(domain.questions),
            )
            if domain.code in writable:  # a narrative only where the assessor is cleared to read it back
                self.fields[f"narrative_{domain.code}"] = _text(
                    _("Narrative (optional)"), rows=2, required=False, max_length=5000
                )

    def domain_fields(self) -> list[tuple[forms.BoundField, forms.BoundField | None]]:
        return [
            (self[f"score_{d.code}"], self[f"narrative_{d.code}"] if f"narrative_{d.code}" in self.fields else None)
            for d in self.definition.domains
        ]

    def scores(self) -> dict[str, int]:
        return {d.code: int(self.cleaned_data[f"score_{d.code}"]) for d in self.definition.domains}

    def narratives(self) -> dict[str, str]:
        return {
            d.code: self.cleaned_data[f"narrative_{d.code}"]
            for d in self.definition.domains
            if f"narrative_{d.code}" in self.cleaned_data
        }


class GoalForm(forms.Form):
    domain = forms.ChoiceField(label=_("Domain"), choices=Domain.choices)
    description = _text(_("Goal"), rows=2)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_goal_%s")
        super().__init__(*args, **kwargs)


def provider_choices() -> list[tuple[str, str]]:
    """The organisations a case can be served by, read once per page however many goals it shows."""
    return [("", "---------")] + [(str(o.pk), str(o)) for o in Organisation.objects.order_by("name")]


class InterventionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of intervention"), choices=Intervention.Kind.choices)
    provider = forms.ChoiceField(label=_("Provider"), required=False)
    due_on = forms.DateField(label=_("Due on"), widget=DATE)

    def __init__(self, *args: Any, goal_pk: int, providers: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"id_goal{goal_pk}_%s")
        super().__init__(*args, **kwargs)
        self.fields["provider"].choices = providers if providers is not None else provider_choices()  # type: ignore[attr-defined]

    def clean_provider(self) -> Organisation | None:
        value = self.cleaned_data.get("provider")
        return Organisation.objects.filter(pk=value).first() if value else None


class InterventionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Intervention.Status.choices)

    def __init__(self, *args: Any, intervention_pk: int, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"id_intervention{intervention_pk}_%s")
        super().__init__(*args, **kwargs)


class NoteForm(CaseForm):
    compartment = forms.ChoiceField(label=_("Compartment"))
    body = _text(_("Note"), rows=5)

    def __init__(self, *args: Any, compartments: list[tuple[str, Any]], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_note_%s")
        super().__init__(*args, **kwargs)
        self.set_choices("compartment", compartments)


class BreakGlassForm(forms.Form):
    code = forms.CharField(label=_("Case number"), max_length=24, help_text=_("For example UZ-7K3Q-9D2M/1."))
    reason = _text(_("The emergency"), rows=4, max_length=2000, help_text=REVIEWED_REASON)


def relative_choices(members: list[FamilyMember], names: dict[int, str]) -> list[tuple[str, str]]:
    """Options for the guardian select: code, name where the user may see it, relationship, guardian mark."""
    options = []
    for member in members:
        parts = [member.person.code]
        if member.person_id in names:
            parts.append(names[member.person_id])
        label = f"{' — '.join(parts)} ({member.get_relationship_display()})"
        if member.is_guardian:
            label += f" · {_('guardian')}"
        options.append((member.person.code, label))
    return options
