"""A small Socle network for the scaling measure: ``python -m bench.web.small_network --spaces 10``
(run by bench_web.py, in a process of its own, on the database its DATABASE_URL names).

Migrated as ``make bench`` migrates its own database, then the network core and the first spaces of
``bench/web/content.py``, each built as ``bench/network.py`` builds it: the same pages and texts as
the 1,000-space network, fewer spaces.
"""

import argparse
import os


def build(count: int) -> None:
    from django.core.management import call_command
    from django.db import transaction
    from wagtail.models import Page

    from bench.network import _build_space
    from bench.web import content
    from sites.core.models import Principle
    from sites.demo.loader import Report, load_core

    call_command("migrate", verbosity=0, interactive=False)
    call_command("update_translation_fields", verbosity=0)
    load_core(Report())
    principles = {principle.slug: principle for principle in Principle.objects.all()}
    root = Page.get_first_root_node()
    with transaction.atomic():
        for space in content.spaces()[:count]:
            _build_space(root, space, principles)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--spaces", type=int, required=True)
    arguments = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sites.settings.test")
    import django

    django.setup()
    build(arguments.spaces)
