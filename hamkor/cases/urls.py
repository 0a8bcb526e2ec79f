"""Case pages. A case number holds a slash (``UZ-7K3Q-9D2M/1``), so case URLs carry its two parts."""

from django.urls import include, path

from hamkor.cases.views import assessments, case_page, consents, lifecycle, listing, notes, plans, registration

app_name = "cases"

case_routes = [
    path("", case_page.detail, name="detail"),
    path("transition/", lifecycle.transition, name="transition"),
    path("consents/", consents.consent, name="consent"),
    path("consents/override/", consents.consent_override, name="consent_override"),
    path("consents/<int:pk>/withdraw/", consents.consent_withdraw, name="consent_withdraw"),
    path("assessments/", assessments.assessment, name="assessment"),
    path("goals/", plans.goal, name="goal"),
    path("goals/<int:goal>/interventions/", plans.intervention, name="intervention"),
    path("interventions/<int:pk>/status/", plans.intervention_status, name="intervention_status"),
    path("notes/", notes.note, name="note"),
]

urlpatterns = [
    # Topic pages come before the case pattern, which would otherwise take "referrals/<n>/" for a case.
    path("referrals/", include("hamkor.cases.urls_referrals")),
    path("dossiers/", include("hamkor.cases.urls_dossiers")),
    path("statistics/", include("hamkor.cases.urls_statistics")),
    path("retention/", include("hamkor.cases.urls_retention")),
    path("", listing.case_list, name="list"),
    path("register/", registration.register, name="register"),
    path("break-glass/", lifecycle.break_glass, name="break_glass"),
    path("<str:person_code>/<int:number>/", include(case_routes)),
]
