from .pages import EventIndexPage, EventPage, NetworkCalendarPage
from .relay import EventSequence, RelayedEvent

__all__ = ["EventIndexPage", "EventPage", "EventSequence", "NetworkCalendarPage", "RelayedEvent"]
