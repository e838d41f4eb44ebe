"""Several cache writes and a read in one round trip to the production cache (``redis``), and the
same calls one after the other with any other cache (the tests' and the demo's in-process one)."""


def add_set_and_get(cache, adds: dict, sets: dict, timeout, reads) -> dict:
    """Adds each key of ``adds`` that is missing (never expiring), sets ``sets`` for ``timeout``
    seconds, then reads ``reads``: what was found of them, by key."""
    batched = getattr(cache, "add_set_and_get", None)
    if batched is not None:
        return batched(adds, sets, timeout, list(reads))
    for key, value in adds.items():
        cache.add(key, value, None)
    if sets:
        cache.set_many(sets, timeout)
    return cache.get_many(list(reads)) if reads else {}
