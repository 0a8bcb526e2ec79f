"""The referrals and transfers section of the case page, and the label of a referral's service.

The case page belongs to the case module's own views; this tag lets it show the section with one include and no
change to its view: the section reads its data itself, through the same queries as the referral pages.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template

from hamkor.cases import referral_queries
from hamkor.cases.models import Case, Intervention, Transfer
from hamkor.cases.views.common import case_url
from hamkor.cases.views.referrals import ReferralRow, follow_up_mark
from hamkor.core.policy import holds, may

register = template.Library()


@register.filter
def service_label(value: str) -> str:
    return str(Intervention.Kind(value).label) if value in Intervention.Kind.values else value


@register.inclusion_tag("cases/referrals/_section.html", takes_context=True)
def referral_section(context: template.Context, case: Case, user: Any) -> dict[str, Any]:
    """Two queries: the case's referrals and its transfers. The page already knows whether the user may change
    the case (``can_change``), and every referral here is of this case, which the user reaches."""
    today = date.today()
    can_change = context.get("can_change")
    if can_change is None:
        can_change = may(user, "change", case)
    open_case = case.status != Case.Status.CLOSED and can_change
    url = case_url(case)
    rows = [ReferralRow(r, False, url, follow_up_mark(r, today)) for r in referral_queries.referrals(user, case=case)]
    history = list(referral_queries.transfers(user, case=case))
    pending = next((t for t in history if t.status == Transfer.Status.REQUESTED), None)
    return {
        "case": case,
        "rows": rows,
        "transfers": history,
        "pending": pending,
        "refer_url": case_url(case, "referral_create") if open_case and holds(user, "referral.create") else "",
        "transfer_url": case_url(case, "transfer_create")
        if open_case and pending is None and holds(user, "transfer.create")
        else "",
    }
