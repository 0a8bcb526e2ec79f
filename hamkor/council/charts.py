"""The Competence Center figures as SVG bar charts (drawn on the server, no script; tables beside them)."""

from __future__ import annotations

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from hamkor.cases.statistics_chart import Bar, bar_chart
from hamkor.council.figures import Figures


def figure_charts(found: Figures) -> dict[str, SafeString]:
    return {
        "per_month": bar_chart(
            [Bar(month, [n]) for month, n in found.per_month],
            title=_("Consultations per month"),
            description=_("Number of consultations requested in each month."),
            chart_id="per-month",
        ),
        "disciplines": bar_chart(
            [Bar(label, [n]) for label, n in found.disciplines],
            title=_("Disciplines asked for"),
            description=_("How many consultations asked for each discipline."),
            chart_id="disciplines",
        ),
        "languages": bar_chart(
            [Bar(label, [n]) for label, n in found.languages],
            title=_("Languages asked for"),
            description=_("How many consultations asked for each language."),
            chart_id="languages",
        ),
        "workload": bar_chart(
            [Bar(name, [seats, written]) for name, seats, written in found.workload],
            title=_("Expert workload"),
            description=_("Open consultations each expert accepted, and opinions written."),
            chart_id="workload",
            series=[_("open consultations"), _("opinions written")],
        ),
    }
