"""Link this install to a network's install with the invitation code its coordinator gave."""

from django.core.management.base import BaseCommand, CommandError

from sites.federation.links import LinkError, join


class Command(BaseCommand):
    help = "Link this install to the install that created the invitation CODE (see link_invite)."

    def add_arguments(self, parser):
        parser.add_argument("code", help="The invitation code, as given (spaces and line breaks are ignored).")

    def handle(self, *args, code: str, **options):
        try:
            link = join(code)
        except LinkError as error:
            raise CommandError(str(error)) from error
        pinned = f"Linked to {link.name} at {link.address}; its key {link.peer_key_id} is pinned."
        self.stdout.write(self.style.SUCCESS(pinned))
