from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from hamkor.core.demo import DEMO_PASSWORD, seed


class Command(BaseCommand):
    help = "Add the demo data (countries, partners, the 2023 memorandum, one demo user per role). Idempotent."

    def handle(self, *args: Any, **options: Any) -> None:
        users = seed()
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {len(users)} demo users."))
        for email, role in users:
            line = f"  {email:<36} {role}"
            if settings.DEBUG:
                line += f"   password: {DEMO_PASSWORD}"
            self.stdout.write(line)
        if not settings.DEBUG:
            self.stdout.write("Passwords are printed only in debug mode (HAMKOR_DEBUG=1).")
