"""Which space a hostname serves, remembered in the shared cache: a page served from the page cache
then costs no query at all.

Answers are kept under a generation (``pagecache.generations``), which any change to a space, a
Wagtail site, or a page that is a site's root (its slug is in every address of the site) ends. One
cache round trip reads the generation and the answer. While the cache does not answer (Redis
down), every request asks the database: one query.
"""

from django.conf import settings
from django.core.cache import caches
from django.db import transaction

from sites import precompiled
from sites.pagecache import generations

from .models import Space

GENERATION_KEY = "socle:hosts:generation"
# Answers are kept a day at most, so hostnames that are asked once (probes, typos) do not pile up.
ANSWER_SECONDS = 24 * 3600


def _cache():
    return caches[settings.SOCLE_PAGE_CACHE_ALIAS]


def _answer_key(hostname: str, port: int) -> str:
    return f"socle:host:{hostname}:{port}"


def lookup(hostname: str, port: int) -> Space | None:
    """The space from the database (one query): the site on this port, else any site of the hostname."""
    candidates = precompiled.run(("hosts.lookup",), _spaces_of, hostname)
    return next((each for each in candidates if each.site.port == port), candidates[0] if candidates else None)


def _spaces_of(hostname: str):
    return Space.objects.select_related("site", "site__root_page").filter(site__hostname=hostname)


def space_for_host(hostname: str, port: int) -> Space | None:
    cache = _cache()
    key = _answer_key(hostname, port)
    generation, space, found = generations.read(cache, GENERATION_KEY, key)
    if not found:
        space = lookup(hostname, port)  # after reading the generation: a later change cannot hide behind it
        generations.keep(cache, key, generation, space, ANSWER_SECONDS)
    return space


def start_new_generation() -> None:
    """The next reader makes a new generation. A delete, not a write: the cache that could not make
    it (Redis down) makes it when it answers again (``pagecache.outage``)."""
    _cache().delete(GENERATION_KEY)


def forget_answers() -> None:
    """Every process asks the database again: now, and once the change being made commits."""
    start_new_generation()
    transaction.on_commit(start_new_generation)


def forget_on_change(sender, instance=None, **kwargs) -> None:
    forget_answers()


def forget_on_root_change(sender, instance, **kwargs) -> None:
    from wagtail.models import Site

    if Site.objects.filter(root_page_id=instance.pk).exists():
        forget_answers()


def connect_host_answers() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Page, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for model in (Space, Site):
        post_save.connect(forget_on_change, sender=model, dispatch_uid=f"hosts-{model.__name__}-saved")
        post_delete.connect(forget_on_change, sender=model, dispatch_uid=f"hosts-{model.__name__}-deleted")
    page_published.connect(forget_on_root_change, dispatch_uid="hosts-root-published")
    page_unpublished.connect(forget_on_root_change, dispatch_uid="hosts-root-unpublished")
    post_page_move.connect(forget_on_root_change, dispatch_uid="hosts-root-moved")
    post_delete.connect(forget_on_root_change, sender=Page, dispatch_uid="hosts-root-deleted")
