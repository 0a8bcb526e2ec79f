"""What every case view shares: case numbers in URLs, errors onto forms, the way back to the case page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from hamkor.cases.models import Case
from hamkor.core.page_forms import apply_errors as apply_errors  # the case views' import


def case_code(person_code: str, number: int) -> str:
    """A case number is the person's pseudonym and a counter, ``UZ-7K3Q-9D2M/1``; URLs carry the two parts."""
    return f"{person_code}/{number}"


def case_url(case: Case | str, name: str = "detail", **kwargs: Any) -> str:
    code = case if isinstance(case, str) else case.code
    person_code, number = code.rsplit("/", 1)
    return reverse(f"cases:{name}", kwargs={"person_code": person_code, "number": int(number), **kwargs})


def back_to_case(request: HttpRequest, case: Case, message: str, section: str = "") -> HttpResponse:
    messages.success(request, message)
    return redirect(case_url(case) + (f"#{section}" if section else ""))
