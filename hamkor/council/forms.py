"""Forms of the council pages. They check shape; the rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hamkor.core.models import Country, Organisation
from hamkor.core.page_forms import IdMultipleChoiceField
from hamkor.council.models import (
    ActionItem,
    Discipline,
    Expert,
    Language,
    Meeting,
    Membership,
    PublicField,
    WorkingGroup,
)

CHECKBOXES = forms.CheckboxSelectMultiple


class ExpertForm(forms.Form):
    name = forms.CharField(label=_("Name (Latin script)"), max_length=200)
    name_cyrillic = forms.CharField(label=_("Name (Cyrillic script)"), max_length=200, required=False)
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.all())
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.all(), required=False)
    disciplines = forms.MultipleChoiceField(label=_("Disciplines"), choices=Discipline.choices, widget=CHECKBOXES)
    languages = forms.MultipleChoiceField(label=_("Languages"), choices=Language.choices, widget=CHECKBOXES)
    expertise_tags = forms.CharField(
        label=_("Expertise"), required=False, help_text=_("Tags separated by commas."), max_length=2000
    )
    biography = forms.CharField(label=_("Biography"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
    availability = forms.ChoiceField(label=_("Availability"), choices=Expert.Availability.choices)
    publish_fields = forms.MultipleChoiceField(
        label=_("Published on the public directory"),
        choices=PublicField.choices,
        widget=CHECKBOXES,
        required=False,
        help_text=_("Only what the expert agreed to publish. Without the name, the expert is not listed publicly."),
    )

    def profile(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["expertise_tags"] = [t for t in (s.strip() for s in data["expertise_tags"].split(",")) if t]
        return data

    @classmethod
    def initial_for(cls, expert: Expert) -> dict[str, Any]:
        fields = ("name", "name_cyrillic", "country", "organisation", "disciplines", "languages", "biography")
        initial: dict[str, Any] = {f: getattr(expert, f) for f in fields}
        initial |= {
            "availability": expert.availability,
            "publish_fields": expert.publish_fields,
            "expertise_tags": ", ".join(expert.expertise_tags),
        }
        return initial


class VettingForm(forms.Form):
    status = forms.ChoiceField(label=_("Vetting"), choices=Expert.Vetting.choices)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500)


class ConflictForm(forms.Form):
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.all(), required=False)
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.all(), required=False)
    case_code = forms.CharField(
        label=_("Case code"),
        required=False,
        max_length=40,
        help_text=_("Kept only as a keyed reference: nobody, you included, sees the number again."),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class MemberForm(forms.Form):
    expert = forms.ModelChoiceField(label=_("Expert"), queryset=Expert.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)

    def __init__(self, *args: Any, experts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = experts  # type: ignore[attr-defined]


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=Meeting.Kind.choices)
    group = forms.ModelChoiceField(label=_("Working group"), queryset=WorkingGroup.objects.all(), required=False)
    starts_at = forms.DateTimeField(label=_("Starts"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    ends_at = forms.DateTimeField(
        label=_("Ends"), required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    place = forms.CharField(label=_("Place"), required=False, max_length=200)
    online = forms.BooleanField(label=_("Online"), required=False)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    agenda = forms.CharField(
        label=_("Agenda"), required=False, widget=forms.Textarea(attrs={"rows": 4}), help_text=_("One item per line.")
    )
    is_public = forms.BooleanField(label=_("On the public calendar"), required=False)


class MinutesForm(forms.Form):
    minutes = forms.CharField(label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 8}))


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Agenda item"), max_length=300)


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 3}))


class ActionItemForm(forms.Form):
    description = forms.CharField(label=_("Action"), max_length=500)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=Expert.objects.none())
    due_on = forms.DateField(label=_("Due"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, experts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = experts  # type: ignore[attr-defined]


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionItem.Status.choices)


class ConsultationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=[("thematic", _("Thematic question")), ("dossier", _("Dossier"))])
    dossier_code = forms.CharField(
        label=_("Dossier code"), required=False, max_length=24, help_text=_("For a dossier sent to the Council.")
    )
    question = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 4}))
    disciplines = forms.MultipleChoiceField(
        label=_("Disciplines needed"), choices=Discipline.choices, widget=CHECKBOXES
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages needed"), choices=Language.choices, widget=CHECKBOXES, required=False
    )
    deadline = forms.DateField(label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}))
    exclude_own_country = forms.BooleanField(label=_("Exclude experts of my country"), required=False)
    panel_size = forms.IntegerField(label=_("Panel size"), min_value=1, max_value=12, initial=3)
    quorum = forms.IntegerField(
        label=_("Quorum"), min_value=1, max_value=12, required=False, help_text=_("Empty: a majority, at least 2.")
    )


class ConfirmPanelForm(forms.Form):
    experts = IdMultipleChoiceField(label=_("Panel"), queryset=Expert.objects.none(), widget=CHECKBOXES, required=False)

    def __init__(self, *args: Any, experts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["experts"].queryset = experts  # type: ignore[attr-defined]


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(choices=[("accept", _("Accept")), ("decline", _("Decline"))])


class OpinionForm(forms.Form):
    discipline = forms.ChoiceField(label=_("From the discipline"), choices=Discipline.choices)
    text = forms.CharField(label=_("Opinion"), widget=forms.Textarea(attrs={"rows": 6}))
    corrects = forms.IntegerField(required=False, widget=forms.HiddenInput)


class RecommendationForm(forms.Form):
    text = forms.CharField(label=_("Recommendation"), widget=forms.Textarea(attrs={"rows": 6}))
    dissent = forms.CharField(label=_("Dissent"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
