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
import sys
import time
import uuid

from django.conf import settings
from django.core.cache import caches

from sites import request_memo

from .batch import add_set_and_get
from .tags import split_until

WHOLE_SPACE = "space"
# On every page, not on fragments: a page publication forgets the space's pages, and only the
# fragments that showed the page or list its kind (``spaces.purges``).
PAGES = "pages"
REQUEST_MEMO = "pagecache:versions"


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


def _known_versions() -> dict[str, str | None]:
    """The tag versions this request read or wrote, by tag key (None: the tag had none)."""
    return request_memo.for_this_request(REQUEST_MEMO, dict)


def _tag_versions(space_id: int, tags) -> dict[str, str]:
    keys = {_tag_key(space_id, tag): tag for tag in tags}
    found = _cache().get_many(list(keys))
    _known_versions().update({tag_key: found.get(tag_key) for tag_key in keys})
    return {keys[key]: version for key, version in found.items()}


# The space and tags of each entry this process last found, by key: the next read of the entry asks
# for it and for those tags' versions in one command (MGET), where it would otherwise wait for the
# entry before it knew which versions to ask for: one round trip to the cache, not two. Tags are
# interned (the pages of a space share theirs); past the limit the memory starts empty again.
_SEEN_LIMIT = 50_000
_seen: dict[str, tuple[int, tuple[str, ...]]] = {}


def _remember(key: str, space_id: int, tags) -> None:
    if len(_seen) >= _SEEN_LIMIT:
        _seen.clear()
    _seen[key] = (space_id, tuple(sys.intern(tag) for tag in tags))


def get(key: str) -> dict | None:
    """The cached entry, unless a tag it showed was purged in its space since it was stored."""
    seen = _seen.get(key)
    if seen is None:
        entry, versions = _cache().get(key), {}
    else:
        space_id, tags = seen
        tag_keys = {_tag_key(space_id, tag): tag for tag in tags}
        found = _cache().get_many([key, *tag_keys])
        entry = found.pop(key, None)
        _known_versions().update({tag_key: found.get(tag_key) for tag_key in tag_keys})
        versions = {tag_keys[tag_key]: version for tag_key, version in found.items()}
    if entry is None:
        return None
    space_id, tags = entry["space"], entry["tags"]
    if seen is None or seen[0] != space_id or not tags.keys() <= set(seen[1]):
        versions = _tag_versions(space_id, tags)  # tags this process did not know of: read them now
        _remember(key, space_id, tags)
    if any(versions.get(tag) != version for tag, version in tags.items()):
        return None
    return entry


def put(space_id: int, key: str, recorded: set[str], response: dict, *, fragment: bool = False) -> None:
    """Keep a page (or, with ``fragment``, a fragment) under the versions of the tags it recorded.

    The versions are those this request read before rendering, where it read them (a purge made
    while the page was rendered then leaves it stored under versions no longer current: it is
    never served); a tag without one is given a new version (a concurrent writer's wins). Writing
    the versions, the entry, and reading the versions back is one round trip; one more when a tag
    this request had not read already had a version.
    """
    tags, until = split_until(recorded)
    timeout = settings.SOCLE_PAGE_CACHE_SECONDS
    if until is not None:
        timeout = min(timeout, until - int(time.time()))
        if timeout <= 0:
            return  # already out of date
    tags |= {WHOLE_SPACE} if fragment else {WHOLE_SPACE, PAGES}
    known = _known_versions()
    keys = {_tag_key(space_id, tag): tag for tag in tags}
    assumed = {tag_key: known.get(tag_key) or uuid.uuid4().hex for tag_key in keys}
    new = {tag_key: version for tag_key, version in assumed.items() if known.get(tag_key) is None}
    versions = {keys[tag_key]: version for tag_key, version in assumed.items()}
    entry = {"space": space_id, "tags": versions, "until": until, **response}
    found = add_set_and_get(_cache(), new, {key: entry}, timeout, list(keys))
    known.update({tag_key: found.get(tag_key) for tag_key in keys})
    if found != assumed:
        if any(found.get(tag_key) != assumed[tag_key] for tag_key in keys.keys() - new.keys()):
            # A tag was purged since this request read it: what was rendered may be out of date.
            # The entry is stored under a version no longer current, so it is never served.
            return
        if len(found) != len(keys):
            return  # a tag vanished under us (eviction): store nothing rather than something unpurgeable
        # Tags this request had not read already had a version (or another writer's came first).
        versions = {keys[tag_key]: version for tag_key, version in found.items()}
        _cache().set(key, {**entry, "tags": versions}, timeout)
    _remember(key, space_id, versions)


def purge(space_ids, tags) -> None:
    """Forget the cached pages of these spaces that show any of these tags."""
    if not enabled():
        return
    # A deleted version is a new one for the next page stored (``put`` adds it), and a delete the
    # cache could not make while it was away is made when it is back (``outage``).
    tag_keys = [_tag_key(space_id, tag) for space_id in space_ids for tag in tags]
    _cache().delete_many(tag_keys)
    _known_versions().update(dict.fromkeys(tag_keys))


def purge_pages(space_ids) -> None:
    """Forget the pages of these spaces; their fragments stay, unless their own tags are purged."""
    purge(space_ids, [PAGES])


def purge_spaces(space_ids) -> None:
    """Forget everything cached of these spaces: their pages and their fragments."""
    purge(space_ids, [WHOLE_SPACE])
