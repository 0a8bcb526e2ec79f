"""The library under /api/v1/library/: the same queries and services as the pages. Bad input is a problem
document and nothing is written."""

import base64
import binascii
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from hamkor.core.bounds import Id, Pages, Word
from hamkor.core.models import Country, Organisation
from hamkor.core.policy import demand, restrict
from hamkor.council.models import Expert
from hamkor.library import queries, services
from hamkor.library.models import Item, ReadingGroup
from hamkor.library.schemas import (
    CommentIn,
    FileJsonIn,
    ItemDetailOut,
    ItemFields,
    ItemIn,
    ItemOut,
    RatingIn,
    ReviewersIn,
    ReviewIn,
    TranslationIn,
    WithdrawIn,
)

router = Router(tags=["library"])


class ItemFilterQuery(Schema):
    kind: Word = ""
    language: Word = ""
    country: Word = ""
    pillar: Word = ""
    status: Word = ""


def _detail(request: HttpRequest, item: Item) -> dict[str, Any]:
    user = request.user
    average, count = queries.rating_summary(item)
    mine = item.ratings.filter(user_id=int(user.pk or 0)).values_list("stars", flat=True).first()
    return {
        **{name: getattr(item, name) for name in ItemFields.model_fields},
        "countries": [c.code for c in item.countries.all()],
        "group": item.group.name if item.group is not None else None,
        "organisations": [str(o) for o in item.organisations.all()],
        "approach": item.approach,
        "aims": item.aims,
        "target_group": item.target_group,
        "methods": item.methods,
        "lessons_learned": item.lessons_learned,
        "evidence": item.evidence,
        "contact_organisation": str(item.contact_organisation) if item.contact_organisation else None,
        "withdrawal_reason": item.withdrawal_reason,
        "files": list(queries.files(item)),
        "translations": [
            {"id": t.pk, "title": t.title, "languages": t.languages} for t in queries.translations(user, item)
        ],
        "reviews": [
            {
                "reviewer": r.reviewer_id,
                "name": r.reviewer.name,
                "due_on": r.due_on,
                "recommendation": r.recommendation,
                "comment": r.comment,
                "submitted_at": r.submitted_at,
            }
            for r in queries.reviews(user, item)
        ],
        "comments": [
            {"id": c.pk, "author": str(c.author), "text": c.text, "created_at": c.created_at}
            for c in item.comments.select_related("author")
        ],
        "rating_average": average,
        "rating_count": count,
        "my_rating": mine,
    }


def _find(request: HttpRequest, pk: int) -> Item:
    demand(request.user, "library.view")
    return queries.item(request.user, pk)


def _refs(model: type[Any], keys: list[Any], field: str, **lookup: Any) -> list[Any]:
    found = list(model.objects.filter(**lookup))
    if len(found) != len(set(keys)):
        raise ValidationError({field: _("Some of these do not exist: %(keys)s.") % {"keys": keys}})
    return found


def _item_fields(request: HttpRequest, payload: ItemIn) -> dict[str, Any]:
    fields = payload.model_dump()
    codes = [c.upper() for c in fields["countries"]]
    fields["countries"] = _refs(Country, codes, "countries", code__in=codes)
    fields["organisations"] = _refs(
        Organisation, fields["organisations"], "organisations", pk__in=fields["organisations"]
    )
    contact = fields["contact_organisation"]
    fields["contact_organisation"] = (
        _refs(Organisation, [contact], "contact_organisation", pk=contact)[0] if contact is not None else None
    )
    group = fields["group"]
    if group is not None:
        visible = restrict(request.user, "view", ReadingGroup.objects.filter(pk=group))
        fields["group"] = _refs(ReadingGroup, [group], "group", pk__in=visible.values("pk"))[0]
    return fields


@router.get("/items", response=list[ItemOut], summary="Library items the user may read (filters)")
@paginate(Pages)
def items(request: HttpRequest, filters: Query[ItemFilterQuery]) -> Any:
    demand(request.user, "library.view")
    return queries.items(request.user, queries.ItemFilters(**filters.model_dump()))


@router.get("/items/{int:pk}", response=ItemDetailOut, summary="One item with its files, translations, ratings")
def item(request: HttpRequest, pk: Id) -> dict[str, Any]:
    return _detail(request, _find(request, pk))


@router.post("/items", response={201: ItemDetailOut}, summary="Add an item (a draft)")
def create_item(request: HttpRequest, payload: ItemIn) -> Status[dict[str, Any]]:
    demand(request.user, "library.create")
    created = services.create_item(request.user, **_item_fields(request, payload))
    return Status(201, _detail(request, created))


def _upload(request: HttpRequest) -> Any:
    if request.content_type == "multipart/form-data":
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationError({"file": _("Send the document in the multipart field 'file'.")})
        return upload
    try:
        sent = FileJsonIn.model_validate_json(request.body)
        content = base64.b64decode(sent.content_base64, validate=True)
    except (ValueError, binascii.Error):
        raise ValidationError(
            {"file": _("Send the document as multipart field 'file', or as JSON with name and content_base64.")}
        ) from None
    return SimpleUploadedFile(sent.name, content)


UPLOAD_BODY = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}},
                "required": ["file"],
            }
        },
        "application/json": {"schema": FileJsonIn.model_json_schema()},
    },
}


@router.post(
    "/items/{int:pk}/files",
    response={201: ItemDetailOut},
    summary="Upload a new version of the item's file (multipart 'file', or JSON name + content_base64)",
    openapi_extra={"requestBody": UPLOAD_BODY},
)
def upload_file(request: HttpRequest, pk: Id) -> Status[dict[str, Any]]:
    found = _find(request, pk)
    services.add_file(request.user, found, _upload(request))
    return Status(201, _detail(request, found))


@router.post("/items/{int:pk}/translations", response=ItemDetailOut, summary="Link a translation of the item")
def link_translation(request: HttpRequest, pk: Id, payload: TranslationIn) -> dict[str, Any]:
    found = _find(request, pk)
    other = queries.items(request.user).filter(pk=payload.item).first()
    if other is None:
        raise ValidationError({"item": _("There is no such item, or you may not see it.")})
    services.link_translation(request.user, found, other)
    return _detail(request, found)


@router.post("/items/{int:pk}/submit", response=ItemDetailOut, summary="Submit a draft for peer review")
def submit(request: HttpRequest, pk: Id) -> dict[str, Any]:
    found = _find(request, pk)
    services.submit(request.user, found)
    return _detail(request, found)


@router.post("/items/{int:pk}/reviewers", response=ItemDetailOut, summary="Assign Council experts to review")
def assign_reviewers(request: HttpRequest, pk: Id, payload: ReviewersIn) -> dict[str, Any]:
    demand(request.user, "library.manage")
    found = _find(request, pk)
    experts = _refs(Expert, payload.experts, "experts", pk__in=payload.experts)
    services.assign_reviewers(request.user, found, experts, due_on=payload.due_on)
    return _detail(request, found)


@router.post("/items/{int:pk}/review", response=ItemDetailOut, summary="Review the item (assigned experts)")
def review(request: HttpRequest, pk: Id, payload: ReviewIn) -> dict[str, Any]:
    found = _find(request, pk)
    services.record_review(request.user, found, recommendation=payload.recommendation, comment=payload.comment)
    return _detail(request, found)


@router.post("/items/{int:pk}/publish", response=ItemDetailOut, summary="Publish a reviewed item")
def publish(request: HttpRequest, pk: Id) -> dict[str, Any]:
    found = _find(request, pk)
    services.publish(request.user, found)
    return _detail(request, found)


@router.post("/items/{int:pk}/withdraw", response=ItemDetailOut, summary="Withdraw the item, with a reason")
def withdraw(request: HttpRequest, pk: Id, payload: WithdrawIn) -> dict[str, Any]:
    found = _find(request, pk)
    services.withdraw(request.user, found, reason=payload.reason)
    return _detail(request, found)


@router.post("/items/{int:pk}/rating", response=ItemDetailOut, summary="Rate a published item (1–5 stars)")
def rate(request: HttpRequest, pk: Id, payload: RatingIn) -> dict[str, Any]:
    found = _find(request, pk)
    services.rate(request.user, found, payload.stars)
    return _detail(request, found)


@router.post("/items/{int:pk}/comments", response={201: ItemDetailOut}, summary="Comment on a published item")
def comment(request: HttpRequest, pk: Id, payload: CommentIn) -> Status[dict[str, Any]]:
    found = _find(request, pk)
    services.comment(request.user, found, payload.text)
    return Status(201, _detail(request, found))
