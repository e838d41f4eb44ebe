"""A space's practical information, read once and kept with its pages (``pagecache.fragments``).

The home's block, the Visit page, the statement and the JSON-LD all read it: a page rendered afresh
on a visited site reads none of it from the database. What it holds does not depend on the time or
the language; what does (open now, today's hours) is worked out from it on each render.
"""

from dataclasses import dataclass, field

from django.utils import timezone

from sites.pagecache.fragments import fragment
from sites.pagecache.tags import list_tag, record, record_objects, record_until

from .hours import Schedule, Status
from .models import AccessibilityStatementPage, HoursException, OpeningHours, VisitPage


@dataclass
class VisitInfo:
    space: object
    page: VisitPage | None
    hours: list[OpeningHours] = field(default_factory=list)
    exceptions: list[HoursException] = field(default_factory=list)
    statement: AccessibilityStatementPage | None = None

    @property
    def schedule(self) -> Schedule | None:
        if self.page is None:
            return None
        return self.page.schedule(self.space.zone, self.hours, self.exceptions)

    def status(self, now=None) -> Status | None:
        """Open or closed at ``now``; the page being rendered is kept no longer than that stays true."""
        schedule = self.schedule
        if schedule is None:
            return None
        status = schedule.status(now or timezone.now())
        if status is not None:
            record_until(status.valid_until)
        return status

    def upcoming_exceptions(self, today) -> list[HoursException]:
        return [exception for exception in self.exceptions if exception.last_date >= today]


def _read(home) -> dict:
    page = VisitPage.objects.live().child_of(home).first()
    hours = list(page.opening_hours.order_by("weekday", "opens")) if page else []
    exceptions = list(page.hours_exceptions.order_by("start_date")) if page else []
    # The page and rows it shows: their publication (the hours are the Visit page's) purges it.
    record(list_tag(VisitPage))
    record_objects([item for item in (page, *hours, *exceptions) if item is not None])
    return {"page": page, "hours": hours, "exceptions": exceptions}


def _read_statement(home) -> AccessibilityStatementPage | None:
    """A fragment of its own: publishing the Visit page does not look for the statement again."""
    record(list_tag(AccessibilityStatementPage))
    statement = AccessibilityStatementPage.objects.live().child_of(home).first()
    record_objects([statement] if statement else [])
    return statement


def visit_info(space, home=None) -> VisitInfo | None:
    """The space's Visit page with its hours and exceptions, and its accessibility statement."""
    if space is None:
        return None
    home = home or space.site.root_page
    read = fragment(space, "visit-info", lambda: _read(home))
    statement = fragment(space, "accessibility-statement", lambda: _read_statement(home))
    return VisitInfo(space, read["page"], read["hours"], read["exceptions"], statement)
