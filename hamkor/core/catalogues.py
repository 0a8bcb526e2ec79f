"""Reading gettext catalogues: the entries of a .po file, for the completeness test and `make check-messages`."""

from __future__ import annotations

import re
import sys
from pathlib import Path

_FIELD = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$')


def entries(po: Path) -> list[dict[str, object]]:
    """Every entry but the header, as {field: text, "fuzzy": bool}; obsolete (#~) entries are left out."""
    found: list[dict[str, object]] = []
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if line and not line.startswith("#~")]
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        fields: dict[str, str] = {}
        current = None
        for line in lines:
            match = _FIELD.match(line)
            if match:
                current = match.group(1)
                fields[current] = match.group(2)
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
        if fields.get("msgid"):
            found.append({**fields, "fuzzy": fuzzy})
    return found


def message_ids(po: Path) -> set[tuple[str, str]]:
    return {(str(e.get("msgctxt", "")), str(e["msgid"])) for e in entries(po)}


def same_messages(before: Path, after: Path) -> bool:
    """Whether two locale trees hold the same messages (wrapping and source references aside)."""
    for po in sorted(after.rglob("*.po")):
        if message_ids(po) != message_ids(before / po.relative_to(after)):
            print(f"{po.relative_to(after)}: messages differ from the code", file=sys.stderr)
            return False
    return True


if __name__ == "__main__":
    sys.exit(0 if same_messages(Path(sys.argv[1]), Path(sys.argv[2])) else 1)
