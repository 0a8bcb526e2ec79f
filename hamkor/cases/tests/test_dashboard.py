from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse

from hamkor.cases import services
from hamkor.cases.tests.factories import identity
from hamkor.conftest import verified_client


def test_case_worker_dashboard_lists_due_and_overdue_items(make_user):
    worker = make_user("case_worker")
    _person, case = services.register_person(worker, identity("Nodira", "Rahimova", "1991-02-03"))
    goal = services.add_goal(worker, case, domain="housing", description="Stable flat near the school")
    services.add_intervention(worker, goal, kind="housing", due_on=date.today() - timedelta(days=3))
    services.add_intervention(worker, goal, kind="documents", due_on=date.today() + timedelta(days=5))
    services.add_intervention(worker, goal, kind="schooling", due_on=date.today() + timedelta(days=60))
    html = verified_client(worker).get(reverse("core:dashboard")).content.decode()
    assert "Due and overdue in your cases" in html and "1 item is overdue." in html
    assert "Housing support" in html and "Civil documents" in html and "Schooling" not in html
    assert "Rahimova" not in html and case.code in html


def test_roles_without_cases_get_no_case_panel(make_user):
    html = verified_client(make_user("analyst")).get(reverse("core:dashboard")).content.decode()
    assert "Due and overdue" not in html
