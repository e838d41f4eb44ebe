"""Several cache writes and a read in one round trip to the production cache (``redis``), and the
same calls one after the other with any other cache (the tests' and the demo's in-process one)."""


def add_set_and_get(cache, adds: dict, sets: dict, reads) -> dict:
    """Adds each key of ``adds`` that is missing (never expiring), sets each key of ``sets`` to its
    ``(value, timeout)``, then reads ``reads``: what was found of them, by key."""
    batched = getattr(cache, "add_set_and_get", None)
    if batched is not None:
        return batched(adds, sets, list(reads))
    for key, value in adds.items():
        cache.add(key, value, None)
    for key, (value, timeout) in sets.items():
        cache.set(key, value, timeout)
    return cache.get_many(list(reads)) if reads else {}


# What ``get_if_unchanged`` answers when a watched key no longer holds the value it was given.
CHANGED = object()


def get_if_unchanged(cache, key: str, watched: dict):
    """The value of ``key`` (None if missing), provided each key of ``watched`` still holds the value
    given for it; otherwise ``CHANGED``. One round trip on the production cache."""
    checked = getattr(cache, "get_if_unchanged", None)
    if checked is not None:
        return checked(key, watched, CHANGED)
    found = cache.get_many([key, *watched])
    if any(found.get(watched_key) != value for watched_key, value in watched.items()):
        return CHANGED
    return found.get(key)
