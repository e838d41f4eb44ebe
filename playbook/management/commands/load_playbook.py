from django.core.management.base import BaseCommand, CommandError

from playbook.loading import PlaybookDataError, load_playbook


class Command(BaseCommand):
    help = "Load the network's playbook (stages and steps) from playbook/data/playbook.json; keeps edited ones."

    def handle(self, *args, **options):
        try:
            created = load_playbook()
        except PlaybookDataError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Playbook: {created['stages']} stages and {created['steps']} steps added.")
