"""Answers kept in the shared cache under a generation, which any change they depend on ends.

An answer (which space a hostname serves, a site's identity) is stored with the generation it was
made under, and only taken while that generation is the current one. A change ends the generation
by deleting its key, at once and again when the change commits, so an answer read from the
database before the commit is never taken for a current one; the next reader starts a new
generation. Reading the generation (starting one if there is none) and the answer is one round
trip; a missing answer is stored with what the request stores at its end, in the same round trip.
"""

import uuid

from . import store
from .batch import add_set_and_get


def read(cache, generation_key: str, key: str) -> tuple[str | None, object, bool]:
    """``(generation, answer, found)``: the current generation, and the answer stored under it if any.

    Read the generation before computing a missing answer, and store it with ``keep``: a change
    made while it is computed ends that generation, so the answer is never taken.
    """
    found = add_set_and_get(cache, {generation_key: uuid.uuid4().hex}, {}, [generation_key, key])
    generation, answer = found.get(generation_key), found.get(key)
    if generation is not None and answer is not None and answer[0] == generation:
        return generation, answer[1], True
    return generation, None, False


def keep(cache, key: str, generation: str | None, answer, seconds: int) -> None:
    """Stores the answer under the generation read before it was computed: during a request, with the
    page and fragments it stores, in the same round trip (``store.set_with_entries``)."""
    if generation is None:  # the cache did not answer, nothing would be kept
        return
    if cache is store.cache():
        store.set_with_entries(key, (generation, answer), seconds)
    else:
        cache.set(key, (generation, answer), seconds)
