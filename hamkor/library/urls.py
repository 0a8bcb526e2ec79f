"""Library pages under /library/ (partners) and /public/library/ (everyone)."""

from django.urls import include, path

from hamkor.library.views import browse, files, items, public, review

app_name = "library"

partner = [
    path("", browse.browse, name="browse"),
    path("mine/", browse.mine, name="mine"),
    path("reviews/", browse.reviews, name="reviews"),
    path("new/", items.item_create, name="create"),
    path("<int:pk>/", items.item_detail, name="item"),
    path("<int:pk>/edit/", items.item_edit, name="edit"),
    path("<int:pk>/upload/", files.upload, name="upload"),
    path("<int:pk>/files/<int:version>/", files.download, name="file"),
    path("<int:pk>/translations/", items.item_translation, name="translation"),
    path("<int:pk>/submit/", review.submit, name="submit"),
    path("<int:pk>/reviewers/", review.assign, name="assign"),
    path("<int:pk>/review/", review.review, name="review"),
    path("<int:pk>/publish/", review.publish, name="publish"),
    path("<int:pk>/withdraw/", review.withdraw, name="withdraw"),
    path("<int:pk>/rating/", review.rate, name="rate"),
    path("<int:pk>/comments/", review.comment, name="comment"),
]

everyone = [
    path("", public.public_browse, name="public_browse"),
    path("<int:pk>/", public.public_item, name="public_item"),
    path("<int:pk>/files/<int:version>/", public.public_download, name="public_file"),
]

urlpatterns = [
    path("library/", include(partner)),
    path("public/library/", include(everyone)),
]
