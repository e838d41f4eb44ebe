"""The coordinators' network area in the admin: every space at a glance, one space in detail, the
principles × spaces matrix."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.permission_policies.pages import PagePermissionPolicy

from sites.core.coordinators import is_coordinator
from sites.core.proposals import waiting_proposals
from sites.spaces.models import Space

from . import charts
from .figures import STATES, events_per_month, principle_matrix, space_figures
from .listing import filtered_spaces, page_of
from .reports import remote_rows

MATRIX_SPACES_PER_PAGE = 20  # a column each: as many as a screen shows


def coordinators_only(request) -> None:
    if not is_coordinator(request.user):
        raise PermissionDenied


def mark_editable(user, cells: dict) -> None:
    """Mark the practices of ``cells`` this user may edit: the others are named, not linked (a
    coordinator need not have rights on every space's pages, and a link must not lead to a refusal)."""
    practices = [practice for cell in cells.values() for practice in cell["practices"]]
    if user.is_superuser:
        editable = {practice.pk for practice in practices}
    else:
        pages = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
        editable = set(pages.filter(pk__in=[practice.pk for practice in practices]).values_list("pk", flat=True))
    for practice in practices:
        practice.editable = practice.pk in editable


def state_series() -> list[tuple[str, str]]:
    names = {"fresh": _("up to date"), "stale": _("needs updating"), "missing": _("not translated")}
    return [(state, names[state]) for state in STATES]


def language_rows(figure) -> list[dict]:
    return [charts.coverage_cell(code, figure.coverage(code)) for code in figure.space.language_codes]


def overview_view(request):
    coordinators_only(request)
    form, spaces = filtered_spaces(request.GET)
    page = page_of(spaces, request.GET.get("page"))
    figures = space_figures(list(page.object_list))
    for figure in figures:
        figure.languages = language_rows(figure)
    waiting = sorted((figure for figure in figures if figure.pending_since), key=lambda f: -f.lag_days)[:15]
    lag_chart = charts.bars(
        "adoption-lag",
        _("Days since the oldest update waiting for review"),
        _("Days since the oldest principle update each space has not reviewed yet, the longest first."),
        [(figure.space.name, figure.lag_days) for figure in waiting],
        _("days"),
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "dashboard/overview.html",
        {"form": form, "page_obj": page, "figures": figures, "lag_chart": lag_chart, "waiting": waiting,
         "query": query.urlencode(), "total": page.paginator.count, "remote_rows": remote_rows(),
         "proposals_waiting": waiting_proposals().count()},
    )  # fmt: skip


def space_view(request, space_id: int):
    coordinators_only(request)
    space = get_object_or_404(Space.objects.select_related("site__root_page"), pk=space_id)
    [figure] = space_figures([space])
    figure.languages = language_rows(figure)
    series = state_series()
    core_chart = charts.stacked_bars(
        "core-coverage", _("The network core in this space's languages"),
        _("For each language, how many values and principles are translated and up to date, need updating, or are "
          "not translated."),
        [(code, {state: figure.core_states.get(code, {}).get(state, 0) for state in STATES})
         for code in space.language_codes],
        series,
    )  # fmt: skip
    pages_chart = charts.stacked_bars(
        "pages-coverage", _("This space's pages in its languages"),
        _("For each of its languages other than the default, how many of the space's pages are translated and up "
          "to date, need updating, or are not translated."),
        [(code, {state: figure.page_states.get(code, {}).get(state, 0) for state in STATES})
         for code in space.language_codes[1:]],
        series,
    )  # fmt: skip
    months = [(formats.date_format(month, "M Y"), own, network) for month, own, network in events_per_month(space)]
    events_chart = charts.month_columns(
        "events-per-month", _("Own and network events, month by month"),
        _("For each month, the space's own events and the network events it shows."),
        months, [("own", _("its own events")), ("network", _("network events"))],
    )  # fmt: skip
    principles, cells = principle_matrix([space])
    mark_editable(request.user, cells)
    return render(
        request,
        "dashboard/space.html",
        {"space": space, "figure": figure, "core_chart": core_chart, "pages_chart": pages_chart,
         "events_chart": events_chart, "months": months,
         "principles": [(principle, cells.get((principle.pk, space.pk))) for principle in principles],
         "now": timezone.now()},
    )  # fmt: skip


def matrix_view(request):
    coordinators_only(request)
    form, spaces = filtered_spaces(request.GET)
    page = page_of(spaces, request.GET.get("page"), per_page=MATRIX_SPACES_PER_PAGE)
    spaces = list(page.object_list)
    principles, cells = principle_matrix(spaces)
    mark_editable(request.user, cells)
    rows = [
        {"principle": principle, "cells": [(space, cells.get((principle.pk, space.pk))) for space in spaces]}
        for principle in principles
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "dashboard/matrix.html",
        {"form": form, "page_obj": page, "spaces": spaces, "rows": rows, "query": query.urlencode()},
    )
