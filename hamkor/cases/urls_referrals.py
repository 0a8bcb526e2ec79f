"""Routes of the referrals pages (included by hamkor/cases/urls.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
