"""Routes of the retention pages (included by hamkor/cases/urls.py inside the "cases" namespace)."""

from django.urls import path

from hamkor.cases.views import retention

urlpatterns = [
    path("", retention.overview, name="retention_overview"),
    path("hold/<str:person_code>/<int:number>/", retention.hold, name="retention_hold"),
    path("export/<str:person_code>/", retention.export, name="retention_export"),
]
