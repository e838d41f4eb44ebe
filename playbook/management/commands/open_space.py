"""``manage.py open_space``: open a new space from the playbook (``--dry-run`` prints the plan)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from playbook.opening import OpeningError, OpeningRequest, check, open_space, plan


class Command(BaseCommand):
    help = "Open a new space: its site, page tree, groups, collection, adoptions and launch checklist."

    def add_arguments(self, parser):
        parser.add_argument("--name", default="", help="The space's name, e.g. “Cobalt Mysore”.")
        parser.add_argument("--slug", default="", help="A short name for addresses and groups, e.g. mysore.")
        parser.add_argument("--hostname", default="", help="The site's hostname, e.g. mysore.socle.example.org.")
        parser.add_argument("--languages", default="", help="Comma-separated, default first, e.g. en,kn.")
        parser.add_argument("--time-zone", default="", help="IANA zone, e.g. Asia/Kolkata.")
        parser.add_argument("--country", default="", help="ISO 3166 code, e.g. IN.")
        parser.add_argument("--city", default="", help="The city, in the space's default language.")
        parser.add_argument("--port", type=int, default=80, help="The port the site is served on (80).")
        parser.add_argument("--dry-run", action="store_true", help="Check and print the plan; change nothing.")
        parser.add_argument("--update", action="store_true", help="Update an existing space and make what it lacks.")

    def handle(self, *args, **options):
        request = OpeningRequest(
            name=options["name"], slug=options["slug"], hostname=options["hostname"],
            languages=options["languages"], time_zone=options["time_zone"], country=options["country"],
            city=options["city"], port=options["port"],
        )  # fmt: skip
        errors = check(request, update=options["update"])
        if errors:
            raise CommandError(self.describe(errors))
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing is changed. Opening would make:")
            for line in plan(request):
                self.stdout.write(f"  - {line}")
            return
        try:
            space = open_space(request, update=options["update"], progress=self.progress)
        except OpeningError as error:  # a request that became invalid since it was checked
            raise CommandError(self.describe(error.errors)) from None
        admin = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        self.stdout.write(self.style.SUCCESS(f"{space.name} is {'updated' if options['update'] else 'opening'}."))
        self.stdout.write(f"  site (visitors see “opening soon” until it opens): {request.site_url}")
        self.stdout.write(f"  admin: {admin}/admin/pages/{space.site.root_page_id}/")
        self.stdout.write(f"  launch checklist: {admin}/admin/checklist/?space={space.pk}")
        self.stdout.write(f"  groups to add its people to: “{space.slug} editors”, “{space.slug} moderators”")

    def progress(self, step: str) -> None:
        self.stdout.write(f"  … {step}")

    @staticmethod
    def describe(errors: dict[str, list[str]]) -> str:
        lines = [f"--{name.replace('_', '-')}: {' '.join(messages)}" for name, messages in errors.items()]
        return "The space cannot be opened:\n" + "\n".join(lines)
