"""Meetings: scheduling, agenda, participants, minutes, decisions, action items."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hamkor.core.audit import record
from hamkor.council.models import ActionItem, AgendaItem, Decision, Expert, Meeting, WorkingGroup
from hamkor.council.services.common import now_or, require_manage

MAX_TEXT = 20_000


def schedule_meeting(
    actor: Any,
    *,
    title: str,
    starts_at: datetime,
    kind: str = Meeting.Kind.COUNCIL,
    group: WorkingGroup | None = None,
    ends_at: datetime | None = None,
    all_day: bool = False,
    place: str = "",
    online: bool = False,
    description: str = "",
    agenda: Iterable[str] = (),
    participants: Iterable[Expert] = (),
    participant_count: int | None = None,
    is_public: bool = False,
    is_demo: bool = False,
    uid: uuid.UUID | None = None,
) -> Meeting:
    """A meeting with its agenda. A working-group meeting names its group; it happens somewhere or online."""
    require_manage(actor)
    title = " ".join(title.split())
    if not title:
        raise ValidationError({"title": _("Give the meeting a title.")})
    if kind not in Meeting.Kind.values:
        raise ValidationError({"kind": _("Unknown kind of meeting.")})
    if kind == Meeting.Kind.WORKING_GROUP and group is None:
        raise ValidationError({"group": _("A working-group meeting names its working group.")})
    if ends_at is not None and ends_at < starts_at:
        raise ValidationError({"ends_at": _("A meeting cannot end before it starts.")})
    if not online and not place.strip():
        raise ValidationError({"place": _("Give the place, or mark the meeting as online.")})
    with transaction.atomic():
        meeting = Meeting.objects.create(
            uid=uid or uuid.uuid4(),
            kind=kind,
            group=group,
            title=title,
            starts_at=starts_at,
            ends_at=ends_at,
            all_day=all_day,
            place=place.strip(),
            online=online,
            description=description.strip(),
            participant_count=participant_count,
            is_public=is_public,
            is_demo=is_demo,
        )
        for position, item in enumerate(a.strip() for a in agenda):
            if item:
                AgendaItem.objects.create(meeting=meeting, position=position, title=item[:300])
        meeting.participants.set(list(participants))
        record(actor, "meeting.schedule", meeting, details={"kind": kind, "starts_at": starts_at.isoformat()})
    return meeting


def add_agenda_item(actor: Any, meeting: Meeting, title: str) -> AgendaItem:
    require_manage(actor)
    title = " ".join(title.split())
    if not title:
        raise ValidationError({"title": _("Give the agenda item.")})
    with transaction.atomic():
        position = meeting.agenda.count()
        item = AgendaItem.objects.create(meeting=meeting, position=position, title=title[:300])
        record(actor, "meeting.agenda", meeting, details={"item": item.pk})
    return item


def record_minutes(
    actor: Any, meeting: Meeting, minutes: str, *, participants: Iterable[Expert] | None = None
) -> Meeting:
    """Replace the minutes (and, when given, the list of experts who took part)."""
    require_manage(actor)
    text = minutes.strip()
    if len(text) > MAX_TEXT:
        raise ValidationError({"minutes": _("Minutes are at most %(n)s characters.") % {"n": MAX_TEXT}})
    with transaction.atomic():
        meeting.minutes = text
        meeting.save(update_fields=["minutes", "updated_at"])
        details: dict[str, Any] = {"chars": len(text)}
        if participants is not None:
            people = list(participants)
            meeting.participants.set(people)
            details["participants"] = sorted(p.pk for p in people)
        record(actor, "meeting.minutes", meeting, details=details)
    return meeting


def record_decision(actor: Any, meeting: Meeting, text: str, *, now: datetime | None = None) -> Decision:
    require_manage(actor)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write the decision.")})
    with transaction.atomic():
        decision = Decision.objects.create(meeting=meeting, text=text[:MAX_TEXT], recorded_at=now_or(now))
        record(actor, "meeting.decision", meeting, details={"decision": decision.pk})
    return decision


def add_action_item(actor: Any, meeting: Meeting, *, description: str, owner: Expert, due_on: date) -> ActionItem:
    require_manage(actor)
    description = " ".join(description.split())
    if not description:
        raise ValidationError({"description": _("Describe the action.")})
    if owner.vetting_status == Expert.Vetting.SUSPENDED:
        raise ValidationError({"owner": _("A suspended expert cannot own an action.")})
    with transaction.atomic():
        item = ActionItem.objects.create(meeting=meeting, description=description[:500], owner=owner, due_on=due_on)
        record(actor, "meeting.action", meeting, details={"action": item.pk, "owner": owner.pk, "due": str(due_on)})
    return item


def set_action_status(actor: Any, item: ActionItem, status: str) -> ActionItem:
    own = item.owner.user_id is not None and item.owner.user_id == getattr(actor, "pk", None)
    if not own:
        require_manage(actor)
    if status not in ActionItem.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    with transaction.atomic():
        before = item.status
        item.status = status
        item.save(update_fields=["status"])
        record(actor, "meeting.action_status", item.meeting, details={"action": item.pk, "from": before, "to": status})
    return item
