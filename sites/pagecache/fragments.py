"""Parts of a space's pages that many pages share (its menu, its home's sections), kept in the page
cache so that a page rendered afresh does not read them from the database again.

A fragment is purged like a page: it keeps the tags recorded while it was computed (and the
space's own tag), and any purge of one of them in its space forgets it. A page built from a
fragment records the fragment's tags too, so it is purged with it. A page publication forgets the
space's pages but only the fragments whose tags it purges (``spaces.purges``): what a fragment
shows of the space's pages must be in its tags, the page's own (``tag_for``) and the lists it
is one of (``list_tag`` of its type, ``children_tag`` of its parent). A fragment may use
others: it records their tags, so it is purged with them. What a fragment holds must be
plain data or model instances; everything that depends on the request (addresses, the language)
is computed from it on each render. The fragments a render reads are read in one round trip
the next time its address is rendered (``prefetch``).
"""

from datetime import UTC, datetime

from sites import request_memo

from . import store, tags

USED = "pagecache:fragments-used"
# The fragments the last render of each address read in this process (its route, its menu...): the
# next render of the address reads them all at once (``prefetch``), one round trip where each
# would make its own. Past the limit the memory starts empty again.
_USED_LIMIT = 50_000
_used: dict[str, tuple[str, ...]] = {}


def address(request) -> str:
    return f"{request.META.get('HTTP_HOST', '')}{request.path}"


def prefetch(request) -> None:
    """Reads at once the fragments the last render of this address read."""
    keys = _used.get(address(request))
    if keys:
        store.prefetch(keys)


def remember_used(request) -> None:
    """Notes the fragments this request's render read, for the next render of its address."""
    if not request_memo.in_request():
        return
    used = request_memo.for_this_request(USED, list)
    if used:
        if len(_used) >= _USED_LIMIT:
            _used.clear()
        _used[address(request)] = tuple(dict.fromkeys(used))


def fragment(space, name: str, compute):
    """``compute()``, or what it returned last time in this space if nothing it showed has changed.

    ``compute`` must record the tags of what it reads (``tags.record``), the space's pages included.
    Outside a space (``space`` is None) nothing is kept.
    """
    if space is None or not store.enabled():
        return compute()
    key = f"socle:fragment:{space.pk}:{name}"
    if request_memo.in_request():
        request_memo.for_this_request(USED, list).append(key)
    entry = store.get(key)
    if entry is not None:
        tags.record(*entry["tags"])
        if entry["until"] is not None:  # the page showing it expires with it
            tags.record_until(datetime.fromtimestamp(entry["until"], UTC))
        return entry["value"]
    recorded, token = tags.start()
    try:
        value = compute()
    finally:
        tags.stop(token)
    tags.record(*recorded)
    store.put(space.pk, key, recorded, {"value": value}, fragment=True)
    return value
