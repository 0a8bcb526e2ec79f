"""``hamkor reindex``: rebuild the search index from the objects every module registered."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from hamkor.core.search import KINDS, reindex


class Command(BaseCommand):
    help = "Rebuild the search index (every registered kind, or the kinds named)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kinds", nargs="*", help="kinds to rebuild, e.g. library.item (default: all)")

    def handle(self, *args: Any, **options: Any) -> None:
        unknown = sorted(set(options["kinds"]) - set(KINDS))
        if unknown:
            raise CommandError(_("Unknown search kinds: %(kinds)s") % {"kinds": ", ".join(unknown)})
        for kind, count in reindex(options["kinds"] or None).items():
            self.stdout.write(_("%(kind)s: %(count)d documents") % {"kind": kind, "count": count})
