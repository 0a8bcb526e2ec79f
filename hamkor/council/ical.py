"""An iCalendar (RFC 5545) feed of meetings, written by hand: CRLF line ends, lines folded at 75 octets without
splitting a UTF-8 character, TEXT values escaped, one stable UID per meeting, DTSTAMP from the caller's clock."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from hamkor.council.models import Meeting

CRLF = "\r\n"
LINE_OCTETS = 75
PRODID = "-//Hamkor//Regional Expert Council//EN"


def escape_text(value: str) -> str:
    """RFC 5545 §3.3.11: backslash, semicolon, comma and newlines."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold_line(line: str) -> str:
    """RFC 5545 §3.1: no line longer than 75 octets; a continuation line starts with one space."""
    parts: list[str] = []
    current, size, limit = "", 0, LINE_OCTETS
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            parts.append(current)
            current, size, limit = "", 0, LINE_OCTETS - 1  # the leading space counts
        current += char
        size += octets
    parts.append(current)
    return (CRLF + " ").join(parts)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _event(meeting: Meeting, stamp: datetime, *, public: bool) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{meeting.uid}@hamkor",
        f"DTSTAMP:{_utc(stamp)}",
    ]
    if meeting.all_day:
        day = meeting.starts_at.date()
        last = (meeting.ends_at or meeting.starts_at).date()
        lines += [f"DTSTART;VALUE=DATE:{day:%Y%m%d}", f"DTEND;VALUE=DATE:{last + timedelta(days=1):%Y%m%d}"]
    else:
        lines.append(f"DTSTART:{_utc(meeting.starts_at)}")
        if meeting.ends_at:
            lines.append(f"DTEND:{_utc(meeting.ends_at)}")
    lines.append(f"SUMMARY:{escape_text(meeting.title)}")
    location = meeting.place or ("Online" if meeting.online else "")
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    description = meeting.description
    if not public:
        agenda = [item.title for item in meeting.agenda.all()]
        if agenda:
            description = "\n".join([description, "", "Agenda:", *(f"- {a}" for a in agenda)]).strip()
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    lines.append(f"CATEGORIES:{escape_text(meeting.get_kind_display())}")
    lines.append(f"LAST-MODIFIED:{_utc(meeting.updated_at)}")
    lines.append("END:VEVENT")
    return lines


def calendar(meetings: Iterable[Meeting], *, now: datetime, name: str, public: bool = False) -> str:
    """The whole VCALENDAR; ``public`` leaves out agendas (titles, times and places only)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for meeting in meetings:
        lines += _event(meeting, now, public=public)
    lines.append("END:VCALENDAR")
    return "".join(fold_line(line) + CRLF for line in lines)
