"""What a page shows, recorded while it renders, so that its cached copy is purged when that changes.

A tag names one object (``core.principle:7``) or a whole list (``core.principle``: pages that
list principles change when one is added or removed). Reading a translated field for a visitor
(``spaces.localize``) records the object's tag by itself; views that list records add the list's.
"""

from contextvars import ContextVar
from datetime import datetime

_recording: ContextVar[set[str] | None] = ContextVar("socle_page_tags", default=None)


def tag_for(obj) -> str:
    """The object's tag, named after its topmost concrete model: a page is ``wagtailcore.page:7``
    whether it was read as its own type or as a plain ``Page``, so one purge reaches both."""
    parents = obj._meta.get_parent_list()
    model = parents[-1] if parents else obj._meta.model
    return f"{model._meta.label_lower}:{obj.pk}"


def children_tag(page) -> str:
    """Lists of a page's children (a space's menu): purged when one of them is published or unpublished."""
    return f"{tag_for(page)}:children"


def list_tag(model) -> str:
    return model._meta.label_lower


def record(*tags: str) -> None:
    """Note that the page being rendered shows these (nothing happens outside a cached render)."""
    recorded = _recording.get()
    if recorded is not None:
        recorded.update(tags)


def record_objects(objects) -> None:
    record(*(tag_for(obj) for obj in objects))


# Not a tag: a moment when what the page shows changes by itself (an event it lists ends).
_UNTIL = "until:"


def record_until(moment: datetime) -> None:
    """Note that the page being rendered must not be kept past ``moment``."""
    record(f"{_UNTIL}{int(moment.timestamp())}")


def split_until(recorded) -> tuple[set[str], int | None]:
    """The tags of a render, and the earliest moment (a Unix time) it may be kept until, if any."""
    moments = [int(tag[len(_UNTIL) :]) for tag in recorded if tag.startswith(_UNTIL)]
    return {tag for tag in recorded if not tag.startswith(_UNTIL)}, min(moments, default=None)


def start() -> tuple:
    """Begin recording for one render; returns what ``stop`` needs."""
    tags: set[str] = set()
    return tags, _recording.set(tags)


def stop(token) -> None:
    _recording.reset(token)
