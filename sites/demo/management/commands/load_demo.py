"""``manage.py load_demo``: the three-city demo network, its coordinator and its local editors."""

import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.users.models import UserProfile

from sites.demo.loader import SPACE_FILES, DemoDataError, load_demo_network
from sites.spaces.models import Space
from sites.translation.models import TranslationState
from sites.translation.state import refresh_all_states

DEMO_PASSWORD = "socle-demo"  # noqa: S105  (a local demo on an embedded database)
# Bangalore's site speaks English first to its visitors; its editor reads the admin in Kannada.
EDITORS_LANGUAGE = {"bangalore": "kn"}


class Command(BaseCommand):
    help = "Build the demo network (Paris, Moscow, Bangalore) and its demo accounts. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--port", type=int, default=int(os.environ.get("PORT", "8000")), help="Port the demo is served on."
        )
        parser.add_argument("--no-accounts", action="store_true", help="Do not create the demo accounts.")

    def handle(self, *args, port: int, no_accounts: bool, **options):
        try:
            report = load_demo_network(port)
        except DemoDataError as error:
            raise CommandError(f"The demo data is malformed: {error}") from None

        for kind, count in sorted(report.created.items()):
            self.stdout.write(f"  created {count} {kind}")
        if not report.changed:
            self.stdout.write("  the demo network was already complete: nothing to change")
        if not no_accounts:
            self.ensure_accounts()
        if not TranslationState.objects.exists():  # a demo database made before states were kept
            refresh_all_states()
        # Publishing keeps the search texts up to date; a demo database made before them gets them here.
        call_command("rebuild_search_texts", stdout=self.stdout)

        base = f"http://localhost:{port}"
        self.stdout.write(self.style.SUCCESS("Demo network ready:"))
        for name in SPACE_FILES:
            slug = name.removesuffix(".json")
            self.stdout.write(f"  http://{slug}.localhost:{port}/")
        self.stdout.write(f"  admin: {base}/admin/")
        if not no_accounts:
            self.stdout.write(f"  coordinator: admin / {DEMO_PASSWORD}")
            slugs = ", ".join(name.removesuffix(".json") for name in SPACE_FILES)
            self.stdout.write(f"  local editors: {slugs} / {DEMO_PASSWORD}")

    @transaction.atomic
    def ensure_accounts(self) -> None:
        users = get_user_model()
        if not users.objects.filter(username="admin").exists():
            users.objects.create_superuser("admin", "admin@example.org", DEMO_PASSWORD)
        for name in SPACE_FILES:
            slug = name.removesuffix(".json")
            user, created = users.objects.get_or_create(username=slug, defaults={"email": f"{slug}@example.org"})
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
                user.groups.add(*Group.objects.filter(name__in=[f"{slug} editors", f"{slug} moderators"]))
                # Each editor works in the admin in their own language, on their space's clock (the
                # admin shows dates, such as a page's scheduled go-live, in the editor's own zone).
                space = Space.objects.get(slug=slug)
                profile = UserProfile.get_for_user(user)
                profile.preferred_language = EDITORS_LANGUAGE.get(slug, space.default_language)
                profile.current_time_zone = space.time_zone
                profile.save()
