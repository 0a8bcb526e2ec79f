"""Routes of the statistics pages (included by hamkor/cases/urls.py, inside the "cases" namespace)."""

from django.urls import URLPattern, path

from hamkor.cases.views import statistics

urlpatterns: list[URLPattern] = [
    path("", statistics.dashboard, name="statistics_dashboard"),
    path("export.csv", statistics.export_csv, name="statistics_csv"),
    path("export.xlsx", statistics.export_xlsx, name="statistics_xlsx"),
]
