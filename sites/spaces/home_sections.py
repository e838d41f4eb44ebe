"""What every section of a space's home shares: a few items, and how many there are in all.

A home lists a few practices, programmes and events, each section linking to its own page ("see all"):
at 390 px wide a home that listed everything ran to over 6,000 px.
"""

from django.db.models import Count, Window

HOME_SECTION_ITEMS = 3


def first_items(queryset, count: int = HOME_SECTION_ITEMS) -> tuple[list, int]:
    """The first ``count`` items of ``queryset`` and the number of all of them, in one query (the total
    is a window over the whole filtered set, counted before the limit)."""
    items = list(queryset.annotate(section_total=Window(Count("pk")))[:count])
    return items, items[0].section_total if items else 0
