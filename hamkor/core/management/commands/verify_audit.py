from typing import Any

from django.core.management.base import BaseCommand, CommandError

from hamkor.core.audit import verify_chain


class Command(BaseCommand):
    help = "Walk the audit chain. Exit 0 when it is intact; otherwise name the first bad entry and exit 1."

    def handle(self, *args: Any, **options: Any) -> None:
        fault, checked = verify_chain()
        if fault is not None:
            raise CommandError(f"Audit chain broken at {fault} ({checked} entries before it are intact).")
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {checked} entries."))
