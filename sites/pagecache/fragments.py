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
is computed from it on each render.
"""

from datetime import UTC, datetime

from . import store, tags


def fragment(space, name: str, compute):
    """``compute()``, or what it returned last time in this space if nothing it showed has changed.

    ``compute`` must record the tags of what it reads (``tags.record``), the space's pages included.
    Outside a space (``space`` is None) nothing is kept.
    """
    if space is None or not store.enabled():
        return compute()
    key = f"socle:fragment:{space.pk}:{name}"
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
