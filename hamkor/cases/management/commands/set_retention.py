from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from hamkor.cases.services.retention import set_retention_policy


class Command(BaseCommand):
    help = "Set how many years after closure a country's cases are kept before anonymisation (default 5)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("country", help="ISO 3166-1 alpha-2 code, e.g. UZ")
        parser.add_argument("years", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            policy = set_retention_policy(None, options["country"], options["years"])
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(f"{policy.country_id}: closed cases are kept {policy.years} years.")
