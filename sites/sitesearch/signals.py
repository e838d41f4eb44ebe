"""The texts follow the pages: published, unpublished, moved (maybe into another space, read in
other languages), a space's languages changed. A deleted page's texts go with it (the foreign key
cascades). Each runs in the transaction of the change it follows."""

from django.db.models.signals import post_save, pre_save
from wagtail.signals import page_published, page_unpublished, post_page_move


def on_published(sender, instance, **kwargs) -> None:
    from .texts import index_page

    index_page(instance)


def on_unpublished(sender, instance, **kwargs) -> None:
    from .texts import forget_page

    forget_page(instance)


def on_moved(sender, instance, **kwargs) -> None:
    from .texts import index_subtree

    index_subtree(instance)


def note_space_languages(sender, instance, **kwargs) -> None:
    """Before a space is saved: whether its languages (or its site) change, which rewrites its texts."""
    before = sender.objects.filter(pk=instance.pk).values("languages", "site_id").first() if instance.pk else None
    instance._search_texts_change = before != {"languages": instance.languages, "site_id": instance.site_id}


def on_space_saved(sender, instance, **kwargs) -> None:
    from .texts import index_space

    if instance.site_id is not None and getattr(instance, "_search_texts_change", True):
        index_space(instance)


def connect_index_updates() -> None:
    from sites.spaces.models import Space

    page_published.connect(on_published, dispatch_uid="sitesearch-page-published")
    page_unpublished.connect(on_unpublished, dispatch_uid="sitesearch-page-unpublished")
    post_page_move.connect(on_moved, dispatch_uid="sitesearch-page-moved")
    pre_save.connect(note_space_languages, sender=Space, dispatch_uid="sitesearch-space-saving")
    post_save.connect(on_space_saved, sender=Space, dispatch_uid="sitesearch-space-saved")


def index_an_upgraded_install(sender, using="default", **kwargs) -> None:
    """An install that had pages before site search came finds them at once: the first ``migrate``
    after the upgrade writes their texts (afterwards the signals above keep them)."""
    from sites.spaces.models import Space

    from .models import PageText
    from .texts import rebuild

    if not PageText.objects.using(using).exists() and Space.objects.using(using).exists():
        rebuild()
