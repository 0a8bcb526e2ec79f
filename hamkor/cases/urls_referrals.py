"""Routes of the referrals and transfers pages (included by hamkor/cases/urls.py at /cases/referrals/, inside the
"cases" namespace). Fixed words come before the referral code, which would otherwise take them."""

from django.urls import URLPattern, path

from hamkor.cases.views import referrals, transfers

urlpatterns: list[URLPattern] = [
    path("", referrals.referral_list, name="referral_list"),
    path("new/<str:person_code>/<int:number>/", referrals.referral_create, name="referral_create"),
    path("transfers/", transfers.transfer_list, name="transfer_list"),
    path("transfers/new/<str:person_code>/<int:number>/", transfers.transfer_create, name="transfer_create"),
    path("transfers/T-<int:pk>/accept/", transfers.transfer_accept, name="transfer_accept"),
    path("transfers/T-<int:pk>/decline/", transfers.transfer_decline, name="transfer_decline"),
    path("transfers/T-<int:pk>/cancel/", transfers.transfer_cancel, name="transfer_cancel"),
    path("<str:code>/", referrals.referral_detail, name="referral_detail"),
    path("<str:code>/answer/", referrals.referral_answer, name="referral_answer"),
    path("<str:code>/complete/", referrals.referral_complete, name="referral_complete"),
]
