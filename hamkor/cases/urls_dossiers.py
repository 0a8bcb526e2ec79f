"""Routes of the dossiers pages (included by hamkor/cases/urls.py at /cases/dossiers/, in the "cases"
namespace). A dossier is addressed by its own pseudonym, never by its case."""

from django.urls import path

from hamkor.cases.views import dossiers

urlpatterns = [
    path("", dossiers.dossier_list, name="dossier_list"),
    path("new/<str:person_code>/<int:number>/", dossiers.dossier_build, name="dossier_build"),
    path("<str:code>/", dossiers.dossier_detail, name="dossier_detail"),
    path("<str:code>/text/", dossiers.dossier_text, name="dossier_text"),
    path("<str:code>/resolve/", dossiers.dossier_resolve, name="dossier_resolve"),
    path("<str:code>/remove-flagged/", dossiers.dossier_redact, name="dossier_redact"),
    path("<str:code>/submit/", dossiers.dossier_submit, name="dossier_submit"),
    path("<str:code>/approve/", dossiers.dossier_approve, name="dossier_approve"),
    path("<str:code>/return/", dossiers.dossier_return, name="dossier_return"),
    path("<str:code>/withdraw/", dossiers.dossier_withdraw, name="dossier_withdraw"),
]
