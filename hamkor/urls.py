from django.urls import include, path

from hamkor.api import api

urlpatterns = [
    path("", include("hamkor.core.urls")),
    path("cases/", include("hamkor.cases.urls")),
    path("", include("hamkor.council.urls")),
    path("", include("hamkor.library.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
]

handler403 = "hamkor.core.views.errors.forbidden"
handler404 = "hamkor.core.views.errors.not_found"
