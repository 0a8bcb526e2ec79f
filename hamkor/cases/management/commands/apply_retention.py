from typing import Any

from django.core.management.base import BaseCommand

from hamkor.cases.services.retention import apply_retention


class Command(BaseCommand):
    help = "Anonymise closed cases past their retention date (cases under a legal hold are kept and listed)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--dry-run", action="store_true", help="list what would be anonymised; change nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        run = apply_retention(dry_run=options["dry_run"])
        verb = "Would anonymise" if options["dry_run"] else "Anonymised"
        self.stdout.write(f"{verb} {len(run.anonymised)} case(s): {run.anonymised}")
        if run.held:
            self.stdout.write(f"Kept under a legal hold: {run.held}")
