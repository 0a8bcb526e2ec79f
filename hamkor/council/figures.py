"""Competence Center figures: consultations per month, time to recommendation, what is asked for, workload.

Aggregates over consultations and panel seats; no person data is involved (experts are named professionals).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from statistics import mean, median

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from hamkor.council.models import Consultation, Discipline, Expert, Language, PanelMember

OPEN = ["requested", "panel_proposed", "panel_confirmed", "opinions"]


@dataclass(frozen=True)
class Figures:
    per_month: list[tuple[str, int]]
    days_mean: float | None
    days_median: float | None
    recommended: int
    disciplines: list[tuple[str, int]]
    languages: list[tuple[str, int]]
    workload: list[tuple[str, int, int]]  # expert, open seats accepted, opinions written


def figures() -> Figures:
    months = (
        Consultation.objects.annotate(month=TruncMonth("requested_at"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    )
    per_month = [(row["month"].strftime("%Y-%m"), row["n"]) for row in months]
    spans = [
        (done - asked).total_seconds() / 86400
        for asked, done in Consultation.objects.filter(recommended_at__isnull=False).values_list(
            "requested_at", "recommended_at"
        )
        if done is not None
    ]
    disciplines: Counter[str] = Counter()
    languages: Counter[str] = Counter()
    for wanted, spoken in Consultation.objects.values_list("disciplines", "languages"):
        disciplines.update(wanted)
        languages.update(spoken)
    seats = (
        Expert.objects.annotate(
            open_seats=Count(
                "panel_seats",
                filter=Q(panel_seats__status=PanelMember.Status.ACCEPTED, panel_seats__consultation__status__in=OPEN),
                distinct=True,
            ),
            written=Count("opinions", filter=Q(opinions__supersedes__isnull=True), distinct=True),
        )
        .filter(Q(open_seats__gt=0) | Q(written__gt=0))
        .order_by("-open_seats", "-written", "name")
    )
    return Figures(
        per_month=per_month,
        days_mean=round(mean(spans), 1) if spans else None,
        days_median=round(median(spans), 1) if spans else None,
        recommended=len(spans),
        disciplines=[(str(Discipline(code).label), n) for code, n in disciplines.most_common()],
        languages=[(str(Language(code).label), n) for code, n in languages.most_common()],
        workload=[(e.name, e.open_seats, e.written) for e in seats[:30]],
    )
