"""Where Wagtail's admin is told to title pages and the network core as ``admin_titles`` does.

Wagtail offers no setting for this: its own functions are replaced, each with a note of why.
"""

from .admin_titles import admin_title, prime_draft_titles


def get_admin_display_title(self) -> str:
    """Replaces ``Page.get_admin_display_title``: see the module's docstring."""
    return admin_title(self).text


def install() -> None:
    """Wagtail calls ``get_admin_display_title`` on plain ``Page`` instances too (breadcrumbs,
    parents, reports), not only on the specific classes, so it is replaced on ``Page`` itself.
    Called once, from the spaces app's ``ready``."""
    from wagtail.models import Page

    Page.get_admin_display_title = get_admin_display_title
    install_latest_str()
    install_log_labels()


def install_latest_str() -> None:
    """Wagtail heads a snippet with draft changes (the network core) with its latest revision's
    ``object_str``, written in the language of whoever saved it: an object that says how it wants to
    be titled (``get_admin_display_title``, as the core does) is titled so instead. Every admin module
    that imported Wagtail's helper gets this one."""
    import sys

    from wagtail.admin import utils
    from wagtail.models import Page

    wagtails = getattr(utils.get_latest_str, "__wrapped__", utils.get_latest_str)

    def get_latest_str(obj):
        if not isinstance(obj, Page) and hasattr(obj, "get_admin_display_title"):
            return obj.get_admin_display_title()
        return wagtails(obj)

    get_latest_str.__wrapped__ = wagtails
    # Modules that imported Wagtail's helper already are given this one; later imports find it in utils.
    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").startswith("wagtail.") and getattr(module, "get_latest_str", None) in (
            wagtails,
            utils.get_latest_str,
        ):
            module.get_latest_str = get_latest_str


def install_log_labels() -> None:
    """The site history names each object by the label recorded when it was logged: in the language
    of whoever acted. An object that still exists is named as the admin titles it for the reader
    (its draft titles read in one query for the whole page of entries); a deleted one keeps its label."""
    from wagtail.models import Page
    from wagtail.models.audit_log import LogEntryQuerySet

    wagtails = getattr(LogEntryQuerySet.with_instances, "__wrapped__", LogEntryQuerySet.with_instances)

    def with_instances(self):
        pairs = list(wagtails(self))
        prime_draft_titles([instance for _entry, instance in pairs if isinstance(instance, Page)])
        for entry, instance in pairs:
            if instance is not None and hasattr(instance, "get_admin_display_title"):
                entry.label = instance.get_admin_display_title()
        yield from pairs

    with_instances.__wrapped__ = wagtails
    LogEntryQuerySet.with_instances = with_instances
