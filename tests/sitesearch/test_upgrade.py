"""An install that had pages before site search finds them after its first ``migrate``."""

import pytest
from django.core.management import call_command

from sites.sitesearch.models import PageText

pytestmark = pytest.mark.django_db


def test_the_first_migrate_after_the_upgrade_indexes_the_existing_pages():
    assert PageText.objects.exists()  # the demo network, indexed
    PageText.objects.all().delete()  # as on an install upgraded to the release bringing search

    call_command("migrate", "sitesearch", verbosity=0)

    assert PageText.objects.filter(language="ru", body__icontains="коворкинг").exists()
    indexed = PageText.objects.count()
    call_command("migrate", "sitesearch", verbosity=0)  # later migrations leave the texts as they are
    assert PageText.objects.count() == indexed
