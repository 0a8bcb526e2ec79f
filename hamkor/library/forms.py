"""Forms of the library pages. They check shape; the rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from hamkor.core.models import Country, Organisation
from hamkor.core.page_forms import IdMultipleChoiceField
from hamkor.core.pillars import Pillar
from hamkor.council.models import Expert
from hamkor.library.models import Item, Kind, Language, ReadingGroup, ReviewAssignment

CHECKBOXES = forms.CheckboxSelectMultiple
PRACTICE_FIELDS = ("approach", "aims", "target_group", "methods", "lessons_learned", "evidence")


def _text(label: Any, rows: int = 4, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label, required=False, widget=forms.Textarea(attrs={"rows": rows}), help_text=help_text
    )


def _words(value: str) -> list[str]:
    return [w for w in (s.strip() for s in value.split(",")) if w]


class ItemForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    summary = _text(_("Summary"), 5)
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=Language.choices, widget=CHECKBOXES, required=False
    )
    countries = forms.ModelMultipleChoiceField(
        label=_("Countries"), queryset=Country.objects.all(), widget=CHECKBOXES, required=False
    )
    pillars = forms.MultipleChoiceField(
        label=_("Strategy pillars"), choices=Pillar.choices, widget=CHECKBOXES, required=False
    )
    themes = forms.CharField(label=_("Themes"), required=False, help_text=_("Separated by commas."), max_length=2000)
    tags = forms.CharField(label=_("Tags"), required=False, help_text=_("Separated by commas."), max_length=2000)
    authors = forms.CharField(label=_("Authors"), required=False, max_length=2000)
    organisations = IdMultipleChoiceField(label=_("Organisations"), queryset=Organisation.objects.all(), required=False)
    date = forms.DateField(
        label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    licence = forms.CharField(label=_("Licence"), required=False, max_length=200)
    access = forms.ChoiceField(label=_("Who may read it"), choices=Item.Access.choices, initial=Item.Access.PARTNERS)
    group = forms.ModelChoiceField(
        label=_("Reading group"),
        queryset=ReadingGroup.objects.none(),
        required=False,
        help_text=_("Only for items restricted to a named group."),
    )
    approach = _text(_("Approach"), help_text=_("Good practices: what was done, in brief."))
    aims = _text(_("Aims"))
    target_group = _text(_("Target group"), 3)
    methods = _text(_("Methods"))
    lessons_learned = _text(_("Lessons learned"))
    evidence = _text(_("Evidence and evaluation"))
    contact_organisation = forms.ModelChoiceField(
        label=_("Contact organisation"), queryset=Organisation.objects.all(), required=False
    )

    def __init__(self, *args: Any, groups: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups  # type: ignore[attr-defined]

    def item_fields(self) -> dict[str, Any]:
        """The cleaned data as the services take it."""
        data = dict(self.cleaned_data)
        data["themes"] = _words(data["themes"])
        data["tags"] = _words(data["tags"])
        data["countries"] = list(data["countries"])
        data["organisations"] = list(data["organisations"])
        return data

    @classmethod
    def initial_for(cls, item: Item) -> dict[str, Any]:
        names = ("kind", "title", "summary", "languages", "pillars", "authors", "date", "licence", "access")
        initial: dict[str, Any] = {name: getattr(item, name) for name in (*names, *PRACTICE_FIELDS)}
        initial |= {
            "themes": ", ".join(item.themes),
            "tags": ", ".join(item.tags),
            "countries": list(item.countries.all()),
            "organisations": list(item.organisations.all()),
            "group": item.group_id,
            "contact_organisation": item.contact_organisation_id,
        }
        return initial


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Document"),
        help_text=_("PDF, DOCX, plain text or Markdown (UTF-8). A new upload becomes the current version."),
    )


class TranslationForm(forms.Form):
    other = forms.ModelChoiceField(label=_("This item is a translation of"), queryset=Item.objects.none())

    def __init__(self, *args: Any, items: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["other"].queryset = items  # type: ignore[attr-defined]


class ReviewersForm(forms.Form):
    experts = IdMultipleChoiceField(label=_("Council experts"), queryset=Expert.objects.none(), widget=CHECKBOXES)
    due_on = forms.DateField(label=_("Review due"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, experts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["experts"].queryset = experts  # type: ignore[attr-defined]


class ReviewForm(forms.Form):
    recommendation = forms.ChoiceField(
        label=_("Recommendation"), choices=ReviewAssignment.Recommendation.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 5}), max_length=10000)


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawal"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class RatingForm(forms.Form):
    stars = forms.TypedChoiceField(label=_("Your rating"), coerce=int, widget=forms.RadioSelect)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Words beside the stars, so a screen reader says "3 stars" rather than "black star" three times.
        choices = [(n, "★" * n + " " + ngettext("%(n)d star", "%(n)d stars", n) % {"n": n}) for n in range(1, 6)]
        self.fields["stars"].choices = choices  # type: ignore[attr-defined]


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
