"""Forms of the dossier pages. They check shape; the rules (what a draft may hold, when it may leave) live in
``services/dossiers.py``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hamkor.cases.dossiers import TEXT_MAX_CHARS
from hamkor.cases.services.dossiers import REASON_MAX_CHARS, REASON_MIN_CHARS


def _text_area(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class DossierBuildForm(forms.Form):
    text = forms.CharField(
        label=_("Summary for the Council"),
        required=False,
        max_length=TEXT_MAX_CHARS,
        widget=_text_area(8),
        help_text=_(
            "Describe the situation without names, dates, places of birth or document numbers. Every possible "
            "identifier is flagged before the dossier can be sent."
        ),
    )
    notes = forms.MultipleChoiceField(
        label=_("Add general notes"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only notes of the general compartment can go into a dossier; they are added after the summary."),
    )

    def __init__(self, *args: Any, notes: list[tuple[str, str]], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "dossier_%s")
        super().__init__(*args, **kwargs)
        field = self.fields["notes"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = notes

    def note_ids(self) -> list[int]:
        return [int(pk) for pk in self.cleaned_data["notes"]]


class DossierTextForm(forms.Form):
    text = forms.CharField(
        label=_("Text for the Council"), required=False, max_length=TEXT_MAX_CHARS, widget=_text_area(10)
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "dossier_text_%s")
        super().__init__(*args, **kwargs)


class WarningResolutionForm(forms.Form):
    warning = forms.CharField(widget=forms.HiddenInput, max_length=40)
    reason = forms.CharField(
        label=_("Why this is not an identifier"),
        min_length=REASON_MIN_CHARS,
        max_length=REASON_MAX_CHARS,
        help_text=_('E.g. "the date of a programme\'s launch"; kept with the dossier and in the audit log.'),
    )

    def __init__(self, *args: Any, warning: str, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"resolve_{warning}_%s")
        kwargs.setdefault("initial", {"warning": warning})
        super().__init__(*args, **kwargs)


class DossierReturnForm(forms.Form):
    reason = forms.CharField(label=_("What should change"), max_length=REASON_MAX_CHARS, widget=_text_area(2))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "dossier_return_%s")
        super().__init__(*args, **kwargs)


class DossierWithdrawalForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=REASON_MAX_CHARS, widget=_text_area(2))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "dossier_withdraw_%s")
        super().__init__(*args, **kwargs)
