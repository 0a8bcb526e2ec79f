"""Council pages under /council/ (partners) and /public/council/ (everyone)."""

from django.urls import include, path

from hamkor.council.views import consultations, directory, groups, meetings, public

app_name = "council"

partner = [
    path("", directory.directory, name="directory"),
    path("experts/new/", directory.expert_create, name="expert_create"),
    path("experts/<int:pk>/", directory.expert_detail, name="expert"),
    path("experts/<int:pk>/edit/", directory.expert_edit, name="expert_edit"),
    path("experts/<int:pk>/vetting/", directory.expert_vet, name="expert_vet"),
    path("experts/<int:pk>/conflicts/", directory.expert_conflict, name="expert_conflict"),
    path("groups/", groups.group_list, name="groups"),
    path("groups/<slug:slug>/", groups.group_detail, name="group"),
    path("groups/<slug:slug>/members/", groups.group_member, name="group_member"),
    path("consultations/", consultations.consultation_list, name="consultations"),
    path("consultations/new/", consultations.consultation_request, name="consultation_request"),
    path("consultations/<str:code>/", consultations.consultation_detail, name="consultation"),
    path("consultations/<str:code>/propose/", consultations.consultation_propose, name="consultation_propose"),
    path("consultations/<str:code>/confirm/", consultations.consultation_confirm, name="consultation_confirm"),
    path("consultations/<str:code>/answer/", consultations.consultation_answer, name="consultation_answer"),
    path("consultations/<str:code>/opinion/", consultations.consultation_opinion, name="consultation_opinion"),
    path(
        "consultations/<str:code>/recommendation/",
        consultations.consultation_consolidate,
        name="consultation_consolidate",
    ),
    path("figures/", consultations.figures_page, name="figures"),
    path("meetings/", meetings.meeting_list, name="meetings"),
    path("meetings.ics", meetings.meetings_ical, name="meetings_ical"),
    path("meetings/new/", meetings.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/minutes/", meetings.meeting_minutes, name="meeting_minutes"),
    path("meetings/<int:pk>/agenda/", meetings.meeting_agenda, name="meeting_agenda"),
    path("meetings/<int:pk>/decisions/", meetings.meeting_decision, name="meeting_decision"),
    path("meetings/<int:pk>/actions/", meetings.meeting_action, name="meeting_action"),
    path("meetings/<int:pk>/actions/<int:action>/status/", meetings.action_status, name="action_status"),
]

everyone = [
    path("", public.directory, name="public_directory"),
    path("experts/<int:pk>/", public.expert, name="public_expert"),
    path("meetings.ics", public.meetings_ical, name="public_meetings_ical"),
]

urlpatterns = [
    path("council/", include(partner)),
    path("public/council/", include(everyone)),
]
