"""The dashboard's figures as JSON for other tools, behind a token a coordinator created.

``GET /api/network/spaces/`` (the overview's filters: ``q``, ``status``, ``country``, ``language``,
``sort``, ``page``) and ``GET /api/network/spaces/<slug>/``, with ``Authorization: Bearer <token>``.
The listing also gives ``remote_spaces``: the spaces of linked installs, as their last status report
described them (``reports``).

Texts are in the language the tool asks for with ``Accept-Language`` when the object has it, else
in the space's default language (a space's name, a page's title) or in French, the core's source
(a principle's statement); each text says its language beside it (``"name_language": "ru"``).
Without ``Accept-Language`` (or with no network language in it), the install's default language
(``LANGUAGE_CODE``, English) is asked for, as before texts said their language.
"""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation.trans_real import parse_accept_lang_header
from django.views.decorators.http import require_GET

from sites.core.names import core_text
from sites.spaces.admin_titles import admin_title
from sites.spaces.languages import network_languages
from sites.spaces.localize import Localized, localize
from sites.spaces.models import Space

from .figures import principle_matrix, space_figures
from .listing import filtered_spaces, page_of
from .models import ApiToken
from .reports import overdue, remote_spaces


def authenticated(view):
    def wrapped(request, *args, **kwargs):
        header = request.headers.get("Authorization", "")
        scheme, _sep, key = header.partition(" ")
        token = ApiToken.objects.find(key.strip()) if scheme.lower() == "bearer" and key.strip() else None
        if token is None:
            response = JsonResponse(
                {"error": "A valid API token is required: send it as “Authorization: Bearer <token>”."}, status=401
            )
            response["WWW-Authenticate"] = 'Bearer realm="socle"'
            return response
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return view(request, *args, **kwargs)

    return wrapped


def _when(value):
    return value.isoformat() if value else None


def asked_language(request) -> str:
    """The network language the tool prefers (``Accept-Language``), else the install's default."""
    for tag, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        primary = tag.split("-")[0].lower()
        if primary in network_languages():
            return primary
    return settings.LANGUAGE_CODE


def text(key: str, localized: Localized) -> dict:
    """``{key: the text, key_language: its language}``."""
    return {key: localized.text, f"{key}_language": localized.language}


def as_json(figure, language: str) -> dict:
    space = figure.space
    return {
        "slug": space.slug,
        **text("name", localize(space, "name", language, space)),
        **text("city", localize(space, "city", language, space)),
        "country": space.country,
        "languages": space.language_codes,
        "status": space.status,
        "hostname": space.site.hostname,
        "playbook": {"done": figure.checklist_done, "steps": figure.checklist_total},
        "adoption": {
            "current": figure.adoptions_current,
            "pending": figure.adoptions_pending,
            "pending_since": _when(figure.pending_since),
            "lag_days": figure.lag_days,
            "practices_to_review": figure.practices_to_review,
        },
        "translations": {
            code: {"core": dict(figure.core_states.get(code, {})), "pages": dict(figure.page_states.get(code, {}))}
            for code in space.language_codes
        },
        "sync": {
            "pending": figure.deliveries_pending,
            "failed": figure.deliveries_failed,
            "last_delivery": _when(figure.last_delivery),
        },
        "events": {
            "upcoming_local": figure.upcoming_local,
            "upcoming_network": figure.upcoming_network,
            "awaiting_curation": figure.awaiting_curation,
        },
        "programmes": figure.programmes,
        "practices": figure.practices,
    }


@require_GET
@authenticated
def spaces_json(request):
    form, spaces = filtered_spaces(request.GET)
    if not form.is_valid() and request.GET:
        return JsonResponse({"error": "Invalid filters.", "fields": form.errors}, status=400)
    page = page_of(spaces, request.GET.get("page"))
    return JsonResponse(
        {
            "count": page.paginator.count,
            "page": page.number,
            "pages": page.paginator.num_pages,
            "spaces": [as_json(figure, asked_language(request)) for figure in space_figures(list(page.object_list))],
            "remote_spaces": [remote_json(remote, asked_language(request)) for remote in remote_spaces()],
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
@authenticated
def space_json(request, slug: str):
    space = get_object_or_404(Space.objects.select_related("site__root_page"), slug=slug)
    [figure] = space_figures([space])
    language = asked_language(request)
    detail = as_json(figure, language) | {"principles": principles_json(space, language)}
    return JsonResponse(detail, json_dumps_params={"ensure_ascii": False})


def remote_json(remote, language: str) -> dict:
    report = remote.report or {}
    return {
        "slug": remote.slug,
        **text("name", localize(remote, "name", language, remote)),
        **text("city", localize(remote, "city", language, remote)),
        "country": remote.country,
        "languages": remote.language_codes,
        "status": remote.status,
        "hostname": remote.hostname,
        "install": remote.link.name,
        "reported_at": _when(remote.reported_at),
        "overdue": overdue(remote),
        "principles": report.get("principles", {}),
        "translations": report.get("coverage", {}),
        "events": {**report.get("coming_events", {}), "awaiting_curation": report.get("awaiting_curation")},
        "practices": report.get("practices"),
        "practices_to_review": report.get("practices_to_review"),
        "pending_since": report.get("pending_since"),
    }


def principles_json(space: Space, language: str) -> list[dict]:
    """Each published principle, with the space's practices of it and how many wait for review."""
    principles, cells = principle_matrix([space])
    rows = []
    for principle in principles:
        cell = cells.get((principle.pk, space.pk), {"practices": [], "to_review": 0})
        rows.append({
            "slug": principle.slug,
            "version": principle.version,
            **text("statement", core_text(principle, "statement", language)),
            "practices": [
                {"id": page.pk, **text("title", admin_title(page, language))}
                for page in cell["practices"]
            ],
            "practices_to_review": cell["to_review"],
        })  # fmt: skip
    return rows
