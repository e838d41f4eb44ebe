"""Create an invitation for another install to link to this one (what the admin's “Invite” does)."""

from django.core.management.base import BaseCommand, CommandError

from sites.federation.client import Unreachable
from sites.federation.links import invite


class Command(BaseCommand):
    help = "Print a one-time code, valid a day, that another install's coordinator pastes to link to this install."

    def add_arguments(self, parser):
        parser.add_argument("--for", dest="note", default="", help="Who it is for, e.g. “NUMA Moscow”.")

    def handle(self, *args, note: str, **options):
        try:
            invitation, code = invite(note[:120])
        except Unreachable as error:
            hint = "Set SOCLE_LINK_ADDRESS to the address other installs reach this one at."
            raise CommandError(f"{error} {hint}") from error
        self.stderr.write(f"Valid until {invitation.expires_at:%Y-%m-%d %H:%M %Z}, once. Give this code, whole:")
        self.stdout.write(code)
