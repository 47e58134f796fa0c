# SPDX-License-Identifier: EUPL-1.2
"""``schakel token create USERNAME``: print an API token for a partner system's account."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from rest_framework.authtoken.models import Token


class Command(BaseCommand):
    help = "API-token aanmaken (of het bestaande tonen) voor een gebruiker."

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["create"])
        parser.add_argument("username")
        parser.add_argument("--rotate", action="store_true",
                            help="bestaand token intrekken en een nieuw maken")

    def handle(self, *args, **options) -> None:
        try:
            user = get_user_model().objects.get(username=options["username"], is_active=True)
        except get_user_model().DoesNotExist:
            raise CommandError(f"geen actieve gebruiker {options['username']!r}") from None
        if options["rotate"]:
            Token.objects.filter(user=user).delete()
        token, _created = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
