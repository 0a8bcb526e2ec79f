from typing import Any

from django.core.management.base import BaseCommand, CommandError

from hamkor.core import services
from hamkor.core.models import User


class Command(BaseCommand):
    help = "Create a personal API token for a user; the token is printed on the last line, once."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("email")
        parser.add_argument("--days", type=int, default=None, help="lifetime in days (1-366; default 90)")
        parser.add_argument(
            "--scope", action="append", dest="scopes", choices=["read", "write"], help="repeat for several"
        )
        parser.add_argument("--name", default="command line")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email=options["email"].strip().lower()).first()
        if user is None:
            raise CommandError(f"There is no user with the email {options['email']}.")
        try:
            issued = services.create_api_token(
                None, user, name=options["name"], scopes=options["scopes"] or ["read"], days=options["days"]
            )
        except Exception as exc:
            raise CommandError(str(exc)) from exc
        token = issued.token
        self.stdout.write(
            f"Token {token.prefix} for {user.email}, scopes {', '.join(token.scopes)}, "
            f"expires {token.expires_at:%Y-%m-%d}."
        )
        self.stdout.write(issued.secret)
