"""Daily work of the council module: deadline reminders to panel members."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from hamkor.council.models import Consultation, PanelMember

REMIND_DAYS_BEFORE = (3, 1)


def send_deadline_reminders(today: date | None = None) -> int:
    """Email every accepted or invited panel member whose opinion is still missing, 3 days and 1 day before the
    consultation's deadline. Experts without a platform user have no address here and are left out. Returns
    the number of emails sent."""
    today = today or timezone.localdate()
    due = [today + timedelta(days=days) for days in REMIND_DAYS_BEFORE]
    consultations = Consultation.objects.filter(
        deadline__in=due, status__in=[Consultation.Status.PANEL_CONFIRMED, Consultation.Status.OPINIONS]
    )
    sent = 0
    for consultation in consultations:
        written = consultation.opinions.values("expert_id")
        missing = (
            consultation.panel.filter(status__in=PanelMember.SEATED, expert__user__isnull=False)
            .exclude(expert_id__in=written)
            .select_related("expert__user")
        )
        for member in missing:
            user = member.expert.user
            assert user is not None
            days = (consultation.deadline - today).days
            send_mail(
                _("Council consultation %(code)s: your opinion is due in %(days)s day(s)")
                % {"code": consultation.code, "days": days},
                _(
                    "The deadline of consultation %(code)s is %(deadline)s and your opinion is not submitted yet. "
                    "Sign in to Hamkor to write it."
                )
                % {"code": consultation.code, "deadline": consultation.deadline.isoformat()},
                settings.DEFAULT_FROM_EMAIL,
                [user.email],
            )
            sent += 1
    return sent


@task()
def send_deadline_reminders_daily() -> int:
    return send_deadline_reminders()
