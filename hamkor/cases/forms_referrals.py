"""Forms of the referral and transfer pages. They check shape; the rules live in the services.

The organisation selects offer the organisations of the case's country, but accept any organisation, so that
the service can explain a refusal (another country, the case's own organisation) instead of a bare "invalid
choice".
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from hamkor.cases.models import Intervention
from hamkor.cases.services.referrals import NOTE_MAX_CHARS, SharedField
from hamkor.cases.services.transfers import REASON_MAX_CHARS, REGION_MAX_CHARS
from hamkor.core.models import Organisation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
FOLLOW_UP_DAYS = 14


def _offer(field: forms.Field, offered: QuerySet[Organisation]) -> None:
    widget = field.widget
    assert isinstance(widget, forms.Select)
    widget.choices = [("", "—"), *[(o.pk, str(o)) for o in offered]]


def _note(label: Any, *, required: bool, max_length: int, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReferralForm(forms.Form):
    provider = forms.ModelChoiceField(label=_("Provider"), queryset=Organisation.objects.all())
    service = forms.ChoiceField(label=_("Service asked for"), choices=[("", "—"), *Intervention.Kind.choices])
    fields_shared = forms.MultipleChoiceField(
        label=_("Share with the provider"),
        choices=SharedField.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only what the provider needs. A copy of these fields is sealed when the referral is sent."),
    )
    follow_up_on = forms.DateField(label=_("Follow up on"), widget=DATE)

    def __init__(self, *args: Any, offered: QuerySet[Organisation], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_referral_%s")
        super().__init__(*args, **kwargs)
        _offer(self.fields["provider"], offered)
        self.fields["follow_up_on"].initial = date.today() + timedelta(days=FOLLOW_UP_DAYS)

    def add_service_errors(self, errors: dict[str, list[str]]) -> None:
        """The service names the field ``fields``; on this form it is ``fields_shared``."""
        for field, messages in errors.items():
            name = "fields_shared" if field == "fields" else field
            self.add_error(name if name in self.fields else None, messages)


class ReferralAnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Answer"),
        choices=[("accept", _("Accept the referral")), ("decline", _("Decline the referral"))],
        widget=forms.RadioSelect,
    )
    note = _note(
        _("Note to the referring worker"),
        required=False,
        max_length=NOTE_MAX_CHARS,
        help_text=_("Needed when you decline: say why, so they can look elsewhere."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_answer_%s")
        super().__init__(*args, **kwargs)


class TransferForm(forms.Form):
    to_organisation = forms.ModelChoiceField(label=_("Receiving organisation"), queryset=Organisation.objects.all())
    reason = _note(
        _("Reason"),
        required=True,
        max_length=REASON_MAX_CHARS,
        help_text=_("The receiving organisation reads it before it accepts, e.g. the family moved region."),
    )

    def __init__(self, *args: Any, offered: QuerySet[Organisation], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_transfer_%s")
        super().__init__(*args, **kwargs)
        _offer(self.fields["to_organisation"], offered)


class TransferAcceptForm(forms.Form):
    region = forms.CharField(
        label=_("Region where the family now lives"),
        max_length=REGION_MAX_CHARS,
        required=False,
        help_text=_("At region level, never a town. Leave empty to keep the recorded region."),
    )

    def __init__(self, *args: Any, transfer_pk: int, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"id_accept{transfer_pk}_%s")
        super().__init__(*args, **kwargs)
