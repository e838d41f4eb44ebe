"""The page cache of each space's public pages, with purges by tag.

A cached page keeps, beside its response, the version of every tag it recorded while rendering
(see ``tags``). Purging a tag in a space forgets the tag's version there: every cached page of
that space that showed it no longer matches and is rendered afresh on its next request, and the next
page stored gives the tag a new version. One tag, ``space``, is on every page and fragment of a space,
so a space can be purged whole; another, ``pages``, on its pages only (not on the fragments they are
built from, which their own tags purge). A purge is one cache delete, whatever the number of pages.
A page served from the cache costs one round trip to it; the entries a request renders afresh
(its page, its fragments) are stored together when its answer is ready, in one more.

The cache may not answer (Redis down): then nothing is found and nothing is kept, pages are
rendered afresh, and a purge that could not reach the cache is recorded in the database and made
before anything is served from the cache again (``outage`` says exactly what is guaranteed).
"""

import hashlib
import pickle
import sys
import time
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches

from sites import request_memo

from .batch import CHANGED, add_set_and_get, get_if_unchanged
from .tags import split_until

WHOLE_SPACE = "space"
# On every page, not on fragments: a page publication forgets the space's pages, and only the
# fragments that showed the page or list its kind (``spaces.purges``).
PAGES = "pages"
REQUEST_MEMO = "pagecache:versions"
PROPOSED = "pagecache:proposed"
PENDING = "pagecache:pending"
PREFETCHED = "pagecache:prefetched"
LATER = "pagecache:later"


def cache():
    """The cache the pages, their fragments and the answers kept under a generation live in."""
    return caches[settings.SOCLE_PAGE_CACHE_ALIAS]


def enabled() -> bool:
    return settings.SOCLE_PAGE_CACHE_SECONDS > 0


def _tag_key(space_id: int, tag: str) -> str:
    return f"socle:tag:{space_id}:{tag}"


def page_key(scheme: str, host: str, path: str) -> str:
    """A page's key names its address only: a cached page is found before its space is looked up."""
    digest = hashlib.sha256(f"{scheme}://{host}{path}".encode()).hexdigest()[:32]
    return f"socle:page:{digest}"


def _known_versions() -> dict[str, str | None]:
    """The tag versions this request read or wrote, by tag key (None: the tag had none)."""
    return request_memo.for_this_request(REQUEST_MEMO, dict)


def _proposed_versions() -> dict[str, str]:
    """The new versions this request gives to tags without one, until its entries are written."""
    return request_memo.for_this_request(PROPOSED, dict)


def _tag_versions(space_id: int, tags) -> dict[str, str]:
    keys = {_tag_key(space_id, tag): tag for tag in tags}
    found = cache().get_many(list(keys))
    _known_versions().update({tag_key: found.get(tag_key) for tag_key in keys})
    return {keys[key]: version for key, version in found.items()}


# The space and tags of each entry this process last found, by key, with the versions it found them
# at. The next read of the entry asks Redis for it on condition that those versions are still
# current (``get_if_unchanged``): one round trip. Where they are not (a purge, or
# another process stored the page anew), it asks for the entry and those tags' versions in one
# command (MGET), where it would otherwise wait for the entry before it knew which versions to ask
# for. Tags and versions are interned (the pages of a space share theirs); past the limit the memory
# starts empty again.
_SEEN_LIMIT = 50_000
# With them, the condition itself: each tag's key and the version it must still hold.
_seen: dict[str, tuple[int, tuple[str, ...], tuple[str, ...], dict[str, str]]] = {}


def _remember(key: str, space_id: int, versions: dict[str, str]) -> None:
    if len(_seen) >= _SEEN_LIMIT:
        _seen.clear()
    tags = tuple(sys.intern(tag) for tag in versions)
    interned = tuple(sys.intern(versions[tag]) for tag in tags)
    watched = {_tag_key(space_id, tag): version for tag, version in zip(tags, interned, strict=True)}
    _seen[key] = (space_id, tags, interned, watched)


def _read(keys) -> tuple[dict, dict]:
    """The entries, and the versions (by tag key) of the tags each showed when this process last
    found it, in one command: ``(entries by key, versions by tag key)``."""
    tag_keys = [_tag_key(seen[0], tag) for seen in filter(None, map(_seen.get, keys)) for tag in seen[1]]
    found = cache().get_many([*keys, *tag_keys])
    versions = {tag_key: found.get(tag_key) for tag_key in tag_keys}
    _known_versions().update(versions)
    return {key: found.get(key) for key in keys}, versions


def prefetch(keys) -> None:
    """Reads these entries and their tags' versions in one round trip: this request's ``get`` of
    each then asks the cache nothing more."""
    if not request_memo.in_request():
        return
    prefetched = request_memo.for_this_request(PREFETCHED, dict)
    keys = [key for key in keys if key not in prefetched and _pending_entry(key) is None]
    if keys:
        prefetched.update(_read(keys)[0])


def get(key: str) -> dict | None:
    """The cached entry, unless a tag it showed was purged in its space since it was stored."""
    pending = _pending_entry(key)
    if pending is not None:
        return pending
    prefetched = request_memo.for_this_request(PREFETCHED, dict) if request_memo.in_request() else {}
    if key in prefetched:
        entry, read = prefetched.pop(key), _known_versions()
    else:
        seen = _seen.get(key)
        if seen is not None:
            space_id, tags, versions, watched = seen
            entry = get_if_unchanged(cache(), key, watched)
            if entry is not CHANGED:
                _known_versions().update(watched)
                if entry is None:
                    return None
                if entry["space"] == space_id and entry["tags"] == dict(zip(tags, versions, strict=True)):
                    return _thawed(entry)
                # Stored anew since, under other tags or versions: read them with it below.
        entries, read = _read([key])
        entry = entries[key]
    if entry is None:
        return None
    space_id, tags = entry["space"], entry["tags"]
    seen = _seen.get(key)
    if seen is None or seen[0] != space_id or not tags.keys() <= set(seen[1]):
        versions = _tag_versions(space_id, tags)  # tags this process did not know of: read them now
    else:
        versions = {tag: read.get(_tag_key(space_id, tag)) for tag in tags}
    if any(versions.get(tag) != version for tag, version in tags.items()):
        return None
    _remember(key, space_id, tags)
    return _thawed(entry)


def _thawed(entry: dict) -> dict:
    # Written by this module alone, in the cache Django already reads back with pickle.
    return {**entry, **pickle.loads(entry["frozen"])}  # noqa: S301


@dataclass
class _Write:
    """An entry to store, with the versions it is stored under (``assumed``): those read before it
    was rendered, else new ones (``new``)."""

    space_id: int
    key: str
    entry: dict  # as stored: what was rendered, frozen (pickled) when the entry was made
    live: dict  # as this request reads it before it is stored
    timeout: int
    tags: dict[str, str]  # tag key → tag
    assumed: dict[str, str]  # tag key → version
    new: set[str]


def put(space_id: int, key: str, recorded: set[str], response: dict, *, fragment: bool = False) -> None:
    """Keep a page (or, with ``fragment``, a fragment) under the versions of the tags it recorded.

    The versions are those this request read before rendering, where it read them (a purge made
    while the page was rendered then leaves it stored under versions no longer current: it is
    never served); a tag without one is given a new version (a concurrent writer's wins). During
    a request the entry is stored when the request's answer is ready (``write_pending``), with
    every other entry the request made, in one round trip; outside a request, at once.
    """
    tags, until = split_until(recorded)
    timeout = settings.SOCLE_PAGE_CACHE_SECONDS
    if until is not None:
        timeout = min(timeout, until - int(time.time()))
        if timeout <= 0:
            return  # already out of date
    tags |= {WHOLE_SPACE} if fragment else {WHOLE_SPACE, PAGES}
    known, proposed = _known_versions(), _proposed_versions()
    keys = {_tag_key(space_id, tag): tag for tag in tags}
    assumed, new = {}, set()
    for tag_key in keys:
        if known.get(tag_key) is not None:
            assumed[tag_key] = known[tag_key]
        else:  # one new version per tag in a request, whichever of its entries is written first
            assumed[tag_key] = proposed.setdefault(tag_key, uuid.uuid4().hex)
            new.add(tag_key)
    versions = {keys[tag_key]: version for tag_key, version in assumed.items()}
    # What is stored is what was rendered now: the objects of a fragment (a page read as its own
    # type) may still be changed by the rest of the render (a related object read) before it is written.
    frozen = pickle.dumps(response, pickle.HIGHEST_PROTOCOL)
    entry = {"space": space_id, "tags": versions, "until": until, "frozen": frozen}
    write = _Write(space_id, key, entry, {**entry, **response}, timeout, keys, assumed, new)
    pending = request_memo.for_this_request(PENDING, dict) if request_memo.in_request() else None
    if pending is None:
        _write([write])
    else:
        pending[key] = write


def set_with_entries(key: str, value, timeout: int) -> None:
    """Sets ``key`` in the page cache: during a request, with the entries it stores (``write_pending``),
    in the same round trip; outside a request, at once. For answers kept under a generation
    (``generations.keep``), which stay right however late they are written."""
    if request_memo.in_request():
        request_memo.for_this_request(LATER, dict)[key] = (value, timeout)
    else:
        cache().set(key, value, timeout)


def write_pending() -> None:
    """Store the entries this request made, and what it set with them (``set_with_entries``): the page
    cache middleware calls it once the answer is ready."""
    if request_memo.in_request():
        pending, later = request_memo.for_this_request(PENDING, dict), request_memo.for_this_request(LATER, dict)
        writes, sets = list(pending.values()), dict(later)
        pending.clear()
        later.clear()
        if writes:
            _write(writes, sets)
        elif sets:
            add_set_and_get(cache(), {}, sets, ())


def _write(writes: list[_Write], also: dict | None = None) -> None:
    """One round trip for all the entries (and the keys of ``also`` set with them): their tags' new
    versions, the entries, their versions read back; one more for entries whose tags already had
    other versions."""
    known = _known_versions()
    adds = {tag_key: write.assumed[tag_key] for write in writes for tag_key in write.new}
    sets = {**(also or {}), **{write.key: (write.entry, write.timeout) for write in writes}}
    reads = {tag_key for write in writes for tag_key in write.tags}
    found = add_set_and_get(cache(), adds, sets, reads)
    known.update({tag_key: found.get(tag_key) for tag_key in reads})
    _proposed_versions().clear()
    rewrites = {}
    for write in writes:
        if any(found.get(tag_key) != version for tag_key, version in write.assumed.items() if tag_key not in write.new):
            # A tag was purged since this request read it: what was rendered may be out of date.
            # The entry is stored under a version no longer current, so it is never served.
            continue
        if any(tag_key not in found for tag_key in write.tags):
            continue  # a tag vanished under us (eviction): never served either
        versions = {write.tags[tag_key]: found[tag_key] for tag_key in write.tags}
        if versions != write.entry["tags"]:
            # Tags this request had not read already had a version (or another writer's came first).
            rewrites[write.key] = ({**write.entry, "tags": versions}, write.timeout)
        _remember(write.key, write.space_id, versions)
    if rewrites:
        add_set_and_get(cache(), {}, rewrites, ())


def _pending_entry(key: str) -> dict | None:
    """An entry this request made and has not stored yet: it is what the request would read."""
    if not request_memo.in_request():
        return None
    write = request_memo.for_this_request(PENDING, dict).get(key)
    return write.live if write is not None else None


def purge(space_ids, tags) -> None:
    """Forget the cached pages of these spaces that show any of these tags."""
    if not enabled():
        return
    # A deleted version is a new one for the next page stored (``put`` adds it), and a delete the
    # cache could not make while it was away is made when it is back (``outage``).
    tag_keys = [_tag_key(space_id, tag) for space_id in space_ids for tag in tags]
    cache().delete_many(tag_keys)
    _known_versions().update(dict.fromkeys(tag_keys))
    if request_memo.in_request():  # what this request rendered before the purge is not kept
        pending = request_memo.for_this_request(PENDING, dict)
        purged = set(tag_keys)
        for key in [key for key, write in pending.items() if purged & write.tags.keys()]:
            del pending[key]
        for tag_key in purged:
            _proposed_versions().pop(tag_key, None)


def purge_pages(space_ids) -> None:
    """Forget the pages of these spaces; their fragments stay, unless their own tags are purged."""
    purge(space_ids, [PAGES])


def purge_spaces(space_ids) -> None:
    """Forget everything cached of these spaces: their pages and their fragments."""
    purge(space_ids, [WHOLE_SPACE])
