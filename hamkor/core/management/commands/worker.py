import logging
import threading
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

from hamkor.core.schedule import enqueue_due

log = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run the background worker (Django's task API, database backend) and the daily schedule until stopped."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--batch", action="store_true", help="enqueue what is due, run waiting tasks, then exit")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["batch"]:
            enqueue_due()
            call_command("db_worker", "--batch")
            return
        stop = threading.Event()
        scheduler = threading.Thread(target=self._schedule, args=(stop,), daemon=True, name="hamkor-schedule")
        scheduler.start()
        try:
            call_command("db_worker")
        finally:
            stop.set()

    def _schedule(self, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                for name in enqueue_due():
                    log.warning("Enqueued the periodic task %s", name)
            except Exception:  # keep the schedule alive through a passing database error
                log.exception("The schedule could not enqueue its tasks")
            finally:
                connection.close()
            stop.wait(60)
