from django.urls import path

from hamkor.core.views import accounts, audit, pages, profile, search

app_name = "core"

urlpatterns = [
    path("", pages.dashboard, name="dashboard"),
    path("accounts/login/", accounts.login_view, name="login"),
    path("accounts/logout/", accounts.logout_view, name="logout"),
    path("accounts/second-factor/", accounts.second_factor_view, name="second_factor"),
    path("accounts/second-factor/setup/", accounts.second_factor_setup_view, name="second_factor_setup"),
    path("organisations/", pages.organisation_list, name="organisations"),
    path("organisations/new/", pages.organisation_create, name="organisation_create"),
    path("organisations/<int:pk>/", pages.organisation_detail, name="organisation"),
    path("organisations/<int:pk>/edit/", pages.organisation_edit, name="organisation_edit"),
    path("agreements/", pages.agreement_list, name="agreements"),
    path("agreements/new/", pages.agreement_create, name="agreement_create"),
    path("agreements/<int:pk>/", pages.agreement_detail, name="agreement"),
    path("agreements/<int:pk>/edit/", pages.agreement_edit, name="agreement_edit"),
    path("agreements/<int:pk>/documents/", pages.agreement_document_upload, name="agreement_document_upload"),
    path("agreements/<int:pk>/documents/<int:document_pk>/", pages.agreement_document, name="agreement_document"),
    path("audit/", audit.audit_log, name="audit"),
    path("audit/export.csv", audit.audit_export, name="audit_export"),
    path("search/", search.search_page, name="search"),
    path("profile/", profile.profile, name="profile"),
    path("profile/tokens/<int:pk>/revoke/", profile.token_revoke, name="token_revoke"),
]
