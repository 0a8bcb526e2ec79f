from typing import Any

from django.core.management.base import BaseCommand

from hamkor.core.rotation import rotate


class Command(BaseCommand):
    help = (
        "Re-encrypt every sealed value under the first key of HAMKOR_DATA_KEY. Put the new key first and keep the "
        "old ones after it while this runs; the application keeps working throughout. Safe to run again."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--batch", type=int, default=500, help="rows per transaction")

    def handle(self, *args: Any, **options: Any) -> None:
        report = rotate(batch=options["batch"])
        for label, count in report.items():
            self.stdout.write(f"  {label}: {count} values re-encrypted")
        self.stdout.write(self.style.SUCCESS(f"Done: {sum(report.values())} values now under the current key."))
