"""Status reports across Socle Link: the coordinators of the network's install see the spaces of a
linked install on their dashboard, marked as remote, with the figures they see of their own.

A member install reports every ``SOCLE_LINK_REPORT_EVERY`` seconds, in a signed message to the
network's install: for each of its spaces, its status, the version of each principle it adopted
and was delivered, its translation coverage, its coming events and its practices. Nothing about its
people: counts and versions only. A report is a snapshot (the latest wins, none is queued): one
that could not be sent is simply followed by the next, and the dashboard says how old the last is.

The network's install reports its own spaces to its members the same way: their editors can then
share an event with chosen spaces of it (``events.linked``). Only a member's spaces are rows on a
dashboard.
"""

import logging
import uuid
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from sites.core.models import Adoption, Principle
from sites.federation import inbox, outbox
from sites.federation.models import Link, Received, RemoteSpace
from sites.federation.schema import SCHEMA_VERSION, SchemaError, require, require_part
from sites.federation.spaces import describe, remember
from sites.spaces.models import Space

from . import charts
from .figures import STATES, space_figures

logger = logging.getLogger(__name__)

REPORT = "status.report"


def report() -> dict:
    """This install's spaces, as the network's install's coordinators see them."""
    spaces = list(Space.objects.select_related("site").order_by("slug"))
    adoptions: dict[int, dict] = {}
    for space_id, slug, adopted, latest in Adoption.objects.filter(space__in=spaces).values_list(
        "space_id", "principle__slug", "adopted_version", "latest_version"
    ):
        adoptions.setdefault(space_id, {})[slug] = {"adopted": adopted, "latest": latest}
    entries = []
    for figure in space_figures(spaces):
        space = figure.space
        entries.append(
            {
                "space": describe(space),
                "status": space.status,
                "principles": adoptions.get(space.pk, {}),
                "coverage": {code: figure.coverage(code) for code in space.language_codes},
                "coming_events": {"own": figure.upcoming_local, "network": figure.upcoming_network},
                "awaiting_curation": figure.awaiting_curation,
                "practices": figure.practices,
                "practices_to_review": figure.practices_to_review,
                "pending_since": figure.pending_since.isoformat() if figure.pending_since else None,
            }
        )
    return {
        "schema": SCHEMA_VERSION,
        "id": f"{REPORT}.{uuid.uuid4()}",
        "type": REPORT,
        "sent_at": timezone.now().isoformat(),
        "spaces": entries,
    }


def send_reports() -> int:
    """Report to every active linked install; how many took it (the others are logged)."""
    linked = list(Link.objects.filter(state=Link.State.ACTIVE))
    if not linked:
        return 0
    message, taken = report(), 0
    for link in linked:
        try:
            outbox.push(link, message)
            taken += 1
        except outbox.NotDelivered as error:
            Link.objects.filter(pk=link.pk).update(last_error=f"status report: {error}"[:2000])
            logger.warning("The status report was not taken by %s: %s", link.address, error)
    return taken


@inbox.accepts(REPORT)
def apply_report(link: Link, document: dict) -> None:
    fields = require(document, {"sent_at": str, "spaces": list}, "status report")
    try:
        sent_at = datetime.fromisoformat(fields["sent_at"])
    except ValueError:
        raise SchemaError("The status report's “sent_at” is not an ISO 8601 time.") from None
    latest = RemoteSpace.objects.filter(link=link, reported_at__isnull=False).order_by("-reported_at").first()
    if latest is not None and latest.reported_at >= sent_at:
        return  # an older report arriving late: the newer one stands
    reported = []
    with transaction.atomic():
        for entry in fields["spaces"]:
            checked = _checked_entry(entry)
            remote = remember(link, entry["space"])
            remote.status, remote.report, remote.reported_at = checked.pop("status"), checked, sent_at
            remote.save(update_fields=["status", "report", "reported_at"])
            reported.append(remote.pk)
        # A space it no longer reports is no longer served there.
        RemoteSpace.objects.filter(link=link).exclude(pk__in=reported).update(status=Space.Status.CLOSED)
        # Reports are snapshots: only the last one's receipt is worth keeping.
        Received.objects.filter(link=link, kind=REPORT).exclude(message_id=document["id"][:64]).delete()


def _checked_entry(entry) -> dict:
    fields = require_part(
        entry,
        {"space": dict, "status": str, "principles": dict, "coverage": dict, "coming_events": dict,
         "awaiting_curation": int, "practices": int, "practices_to_review": int},  # fmt: skip
        "space's report",
    )
    if fields["status"] not in Space.Status.values:
        raise SchemaError(f"The space's status “{fields['status'][:20]}” is not one of {', '.join(Space.Status)}.")

    def count(value, what: str) -> int:
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise SchemaError(f"The space's report has no count for {what}.")
        return value

    principles = {
        str(slug)[:80]: {key: count(versions.get(key), f"the principle {slug!r}") for key in ("adopted", "latest")}
        for slug, versions in fields["principles"].items()
        if isinstance(versions, dict)
    }
    coverage = {
        str(code)[:10]: {state: count(counts.get(state), f"the language {code!r}") for state in STATES}
        for code, counts in fields["coverage"].items()
        if isinstance(counts, dict)
    }
    pending_since = entry.get("pending_since")
    if pending_since is not None:
        try:
            pending_since = datetime.fromisoformat(pending_since).isoformat()
        except (TypeError, ValueError):
            raise SchemaError("The space's “pending_since” is not an ISO 8601 time.") from None
    return {
        "status": fields["status"],
        "principles": principles,
        "coverage": coverage,
        "coming_events": {
            kind: count(fields["coming_events"].get(kind), f"{kind} events") for kind in ("own", "network")
        },
        "awaiting_curation": count(fields["awaiting_curation"], "events awaiting review"),
        "practices": count(fields["practices"], "practices"),
        "practices_to_review": count(fields["practices_to_review"], "practices to review"),
        "pending_since": pending_since,
    }


def overdue(remote: RemoteSpace) -> bool:
    """Its last report is older than three report intervals: the install may be down or unlinked."""
    if remote.reported_at is None:
        return True
    return (timezone.now() - remote.reported_at).total_seconds() > 3 * settings.SOCLE_LINK_REPORT_EVERY


def remote_spaces():
    """The spaces of member installs, which report to this one."""
    return RemoteSpace.objects.filter(link__role=Link.Role.MEMBER).select_related("link").order_by("slug")


def remote_rows() -> list[dict]:
    """The spaces of linked installs, for the overview, with the figures their reports gave."""
    current = dict(Principle.objects.published().values_list("slug", "version"))
    rows = []
    for remote in remote_spaces():
        report = remote.report or {}
        principles = report.get("principles", {})
        # Adopted at the version the network publishes now: current; anything else waits for its review.
        up_to_date = sum(1 for slug, versions in principles.items() if versions["adopted"] >= current.get(slug, 0))
        coverage = report.get("coverage") or {}
        languages = [charts.coverage_cell(code, coverage[code]) for code in remote.language_codes if code in coverage]
        rows.append({
            "remote": remote,
            "status": Space.Status(remote.status).label if remote.status in Space.Status.values else "",
            "current": up_to_date,
            "pending": len(principles) - up_to_date,
            "languages": languages,
            "coming": report.get("coming_events", {}),
            "overdue": overdue(remote),
        })  # fmt: skip
    return rows
