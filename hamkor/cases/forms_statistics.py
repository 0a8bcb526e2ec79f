"""The statistics filter, shared by the dashboard, the exports and the API so that all three read it alike."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from hamkor.cases.domains import Sex
from hamkor.cases.models import Case
from hamkor.cases.statistics import AGE_BANDS, StatisticsFilter
from hamkor.core.models import Country
from hamkor.core.policy import user_country

FIRST_YEAR, LAST_YEAR = 2000, 2100
ALL = ("", _("All"))


class StatisticsFilterForm(forms.Form):
    """Every field optional; a national user is offered only their own country."""

    country = forms.ChoiceField(label=_("Country"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[ALL, *Case.Status.choices])
    sex = forms.ChoiceField(label=_("Sex"), required=False, choices=[ALL, *Sex.choices])
    age_band = forms.ChoiceField(
        label=_("Age"), required=False, choices=[ALL, *((band.code, band.label) for band in AGE_BANDS)]
    )
    year_opened = forms.IntegerField(label=_("Year opened"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR)

    def __init__(self, data: Any = None, *, user: Any) -> None:
        super().__init__(data)
        countries = Country.objects.order_by("name_en")
        scope = user_country(user)
        if scope is not None:
            countries = countries.filter(code=scope)
        cast(forms.ChoiceField, self.fields["country"]).choices = [ALL, *((c.code, c.name) for c in countries)]

    def statistics_filter(self) -> StatisticsFilter:
        """The filter of a valid form; no filter at all for an empty one."""
        data = self.cleaned_data if self.is_bound else {}
        return StatisticsFilter(
            country=data.get("country") or "",
            status=data.get("status") or "",
            sex=data.get("sex") or "",
            age_band=data.get("age_band") or "",
            year_opened=data.get("year_opened"),
        )
