"""``manage.py rebuild_search_texts``: what visitors search, written again from the live pages."""

from django.core.management.base import BaseCommand

from sites.sitesearch.texts import rebuild


class Command(BaseCommand):
    help = "Rebuild the texts visitors search (one per page and language of its space). Safe to run again."

    def handle(self, *args, **options):
        count = rebuild()
        self.stdout.write(self.style.SUCCESS(f"Search texts rebuilt: {count} (page, language) texts."))
