"""The iCalendar feeds parse back to the meetings they describe."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.test import Client
from django.urls import reverse

from hamkor.conftest import verified_client
from hamkor.council import ical, services


def unfold(body: str) -> list[str]:
    """RFC 5545 §3.1 in reverse: every line ends in CRLF; a line starting with a space continues the last."""
    assert body.endswith("\r\n")
    assert "\n" not in body.replace("\r\n", "")
    lines: list[str] = []
    for raw in body[:-2].split("\r\n"):
        if raw.startswith(" "):
            lines[-1] += raw[1:]
        else:
            lines.append(raw)
    return lines


def unescape(value: str) -> str:
    out, i = "", 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            out += {"n": "\n", "N": "\n"}.get(value[i + 1], value[i + 1])
            i += 2
        else:
            out += value[i]
            i += 1
    return out


def events(body: str) -> list[dict[str, str]]:
    found: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for line in unfold(body):
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            assert current is not None
            found.append(current)
            current = None
        elif current is not None:
            name, _, value = line.partition(":")
            current[name] = unescape(value) if name in ("SUMMARY", "LOCATION", "DESCRIPTION") else value
    return found


TITLE = "Working session; psychosocial support, children and families — Рабочая сессия по психосоциальной поддержке"


@pytest.fixture
def meeting(world):
    return services.schedule_meeting(
        None,
        title=TITLE,
        starts_at=datetime(2025, 3, 1, 9, 30, tzinfo=UTC),
        ends_at=datetime(2025, 3, 1, 12, 0, tzinfo=UTC),
        place="Tashkent, ISRS",
        description="Line one\nLine two, with a comma",
        agenda=["Opening", "Case reviews"],
        is_public=True,
    )


def test_feed_parses_back_with_escaped_text_and_utc_times(meeting):
    body = ical.calendar([meeting], now=datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC), name="Council")
    [event] = events(body)
    assert event["SUMMARY"] == TITLE
    assert event["LOCATION"] == "Tashkent, ISRS"
    assert event["DESCRIPTION"].startswith("Line one\nLine two, with a comma")
    assert "- Case reviews" in event["DESCRIPTION"]
    assert event["DTSTART"] == "20250301T093000Z"
    assert event["DTEND"] == "20250301T120000Z"
    assert event["DTSTAMP"] == "20250102T030405Z"
    assert event["UID"] == f"{meeting.uid}@hamkor"


def test_long_lines_are_folded_at_75_octets_without_splitting_characters(meeting):
    body = ical.calendar([meeting], now=datetime(2025, 1, 2, tzinfo=UTC), name="Council")
    physical = body.split("\r\n")
    assert any(line.startswith(" ") for line in physical), "the long Cyrillic title must be folded"
    assert all(len(line.encode("utf-8")) <= 75 for line in physical)
    # Every physical line decodes on its own: no UTF-8 sequence is cut in two.
    for line in physical:
        line.encode("utf-8").decode("utf-8")


def test_all_day_meetings_are_dates_and_uids_are_stable(world):
    first = services.schedule_meeting(
        None, title="Council", starts_at=datetime(2024, 5, 14, 5, tzinfo=UTC), all_day=True, place="Tashkent"
    )
    [event] = events(ical.calendar([first], now=datetime(2025, 1, 1, tzinfo=UTC), name="C"))
    assert event["DTSTART;VALUE=DATE"] == "20240514"
    assert event["DTEND;VALUE=DATE"] == "20240515"
    again = events(ical.calendar([first], now=datetime(2026, 1, 1, tzinfo=UTC), name="C"))[0]
    assert again["UID"] == event["UID"]


def test_partner_feed_is_text_calendar_and_public_feed_leaves_out_agendas(meeting, persona):
    response = verified_client(persona["council_expert"]).get(reverse("council:meetings_ical"))
    assert response["Content-Type"].startswith("text/calendar")
    assert "Case reviews" in events(response.content.decode())[0]["DESCRIPTION"]
    public = Client().get(reverse("council:public_meetings_ical"))
    assert public.status_code == 200 and public["Content-Type"].startswith("text/calendar")
    [event] = events(public.content.decode())
    assert "Case reviews" not in event.get("DESCRIPTION", "")
