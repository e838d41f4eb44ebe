"""The page cache of each space's public pages, with purges by tag.

A cached page keeps, beside its response, the version of every tag it recorded while rendering
(see ``tags``). Purging a tag in a space forgets the tag's version there: every cached page of
that space that showed it no longer matches and is rendered afresh on its next request, and the next
page stored gives the tag a new version. One tag, ``space``, is on every page and fragment of a space,
so a space can be purged whole; another, ``pages``, on its pages only (not on the fragments they are
built from, which their own tags purge). A purge is one cache delete, whatever the number of pages.

The cache may not answer (Redis down): then nothing is found and nothing is kept, pages are
rendered afresh, and a purge that could not reach the cache is recorded in the database and made
before anything is served from the cache again (``outage`` says exactly what is guaranteed).
"""

import hashlib
import time
import uuid

from django.conf import settings
from django.core.cache import caches

from .tags import split_until

WHOLE_SPACE = "space"
# On every page, not on fragments: a page publication forgets the space's pages, and only the
# fragments that showed the page or list its kind (``spaces.purges``).
PAGES = "pages"


def _cache():
    return caches[settings.SOCLE_PAGE_CACHE_ALIAS]


def enabled() -> bool:
    return settings.SOCLE_PAGE_CACHE_SECONDS > 0


def _tag_key(space_id: int, tag: str) -> str:
    return f"socle:tag:{space_id}:{tag}"


def page_key(host: str, path: str) -> str:
    """A page's key names its address only: a cached page is found before its space is looked up."""
    digest = hashlib.sha256(f"{host}{path}".encode()).hexdigest()[:32]
    return f"socle:page:{digest}"


def _tag_versions(space_id: int, tags) -> dict[str, str]:
    keys = {_tag_key(space_id, tag): tag for tag in tags}
    found = _cache().get_many(list(keys))
    return {keys[key]: version for key, version in found.items()}


def get(key: str) -> dict | None:
    """The cached entry, unless a tag it showed was purged in its space since it was stored."""
    entry = _cache().get(key)
    if entry is None:
        return None
    if _tag_versions(entry["space"], entry["tags"]) != entry["tags"]:
        return None
    return entry


def put(space_id: int, key: str, recorded: set[str], response: dict, *, fragment: bool = False) -> None:
    """Keep a page (or, with ``fragment``, a fragment) under the versions of the tags it recorded."""
    tags, until = split_until(recorded)
    timeout = settings.SOCLE_PAGE_CACHE_SECONDS
    if until is not None:
        timeout = min(timeout, until - int(time.time()))
        if timeout <= 0:
            return  # already out of date
    tags |= {WHOLE_SPACE} if fragment else {WHOLE_SPACE, PAGES}
    versions = _tag_versions(space_id, tags)
    missing = {tag: uuid.uuid4().hex for tag in tags if tag not in versions}
    if missing:
        cache = _cache()
        for tag, version in missing.items():
            cache.add(_tag_key(space_id, tag), version, None)  # a concurrent writer's version wins
        versions = _tag_versions(space_id, tags)
    if set(versions) != tags:
        return  # a tag vanished under us (eviction): store nothing rather than something unpurgeable
    _cache().set(key, {"space": space_id, "tags": versions, "until": until, **response}, timeout)


def purge(space_ids, tags) -> None:
    """Forget the cached pages of these spaces that show any of these tags."""
    if not enabled():
        return
    # A deleted version is a new one for the next page stored (``put`` adds it), and a delete the
    # cache could not make while it was away is made when it is back (``outage``).
    _cache().delete_many([_tag_key(space_id, tag) for space_id in space_ids for tag in tags])


def purge_pages(space_ids) -> None:
    """Forget the pages of these spaces; their fragments stay, unless their own tags are purged."""
    purge(space_ids, [PAGES])


def purge_spaces(space_ids) -> None:
    """Forget everything cached of these spaces: their pages and their fragments."""
    purge(space_ids, [WHOLE_SPACE])
