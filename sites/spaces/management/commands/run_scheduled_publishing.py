"""``manage.py run_scheduled_publishing``: beat's scheduled publishing, where no beat runs.

``make demo`` has no broker, hence no beat: it runs this beside the web server so that go-live and
expiry dates are honoured there too. With a broker, beat does it (``CELERY_BEAT_SCHEDULE``).
"""

import os
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from sites.spaces.scheduled import publish_scheduled


class Command(BaseCommand):
    help = (
        "Publish pages whose go-live date has come and take down those whose expiry date has passed, "
        "every SOCLE_PUBLISH_SCHEDULED_EVERY seconds (--once: one run), until stopped or the parent "
        "process ends."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="One run, then exit.")

    def handle(self, *args, once=False, **options):
        parent = os.getppid()
        every = settings.SOCLE_PUBLISH_SCHEDULED_EVERY
        while True:
            done = publish_scheduled()  # what it did is logged (spaces.scheduled)
            if once:
                self.stdout.write(f"scheduled publishing: {done['published']} published, {done['expired']} expired")
                return
            close_old_connections()
            time.sleep(every)
            if os.getppid() != parent:
                return  # the server it ran beside has ended: so does it
