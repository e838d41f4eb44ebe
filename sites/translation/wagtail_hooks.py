"""Admin wiring: Wagtail's help menu item translated for each reader."""

import copy

from django.utils.translation import gettext
from wagtail import hooks
from wagtail.utils.version import get_main_version


@hooks.register("construct_help_menu")
def whats_new_in_the_readers_language(request, menu_items):
    """Wagtail fills its "What's new in Wagtail 7.4" label once per process, in the language of the
    first request that draws the menu: every later reader would see that language. Each reader gets
    a copy of the item labelled in their own (the registered item is shared between requests)."""
    version = get_main_version(include_patch=False)
    for index, item in enumerate(menu_items):
        if item.name == f"whats-new-in-wagtail-{version}":
            labelled = copy.copy(item)
            labelled.label = gettext("What's new in Wagtail %(version)s") % {"version": version}
            menu_items[index] = labelled
