from django.core.management.base import BaseCommand

from sites.translation.state import refresh_all_states


class Command(BaseCommand):
    help = "Record the translation state (fresh, stale, missing) of every translated object, as saves do."

    def handle(self, *args, **options):
        count = refresh_all_states()
        self.stdout.write(f"Translation states recorded for {count} objects.")
