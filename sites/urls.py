from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from sites.dashboard import api as dashboard_api
from sites.discovery import views as discovery_views
from sites.events import views as event_views
from sites.federation import views as federation_views
from sites.fediverse import views as fediverse_views
from sites.identity import urls as identity_urls
from sites.sitesearch import views as search_views
from sites.spaces import routing
from sites.spaces import views as space_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/network/spaces/", dashboard_api.spaces_json, name="socle_api_spaces"),
    path("api/network/spaces/<slug:slug>/", dashboard_api.space_json, name="socle_api_space"),
    *identity_urls.urlpatterns,
    # Socle Link: other installs write here, every request signed (sites/federation/).
    path("link/join/", federation_views.join, name="socle_link_join"),
    path("link/inbox/", federation_views.receive, name="socle_link_inbox"),
    path("link/outbox/", federation_views.outbox, name="socle_link_outbox"),
    # The fediverse (ActivityPub): each space is an actor that fediverse accounts follow (sites/fediverse/).
    path(".well-known/webfinger", fediverse_views.webfinger, name="webfinger"),
    path("activitypub/actor/", fediverse_views.actor, name="activitypub_actor"),
    path("activitypub/inbox/", fediverse_views.receive, name="activitypub_inbox"),
    path("activitypub/outbox/", fediverse_views.outbox, name="activitypub_outbox"),
    path("activitypub/followers/", fediverse_views.followers, name="activitypub_followers"),
    # Per hostname: each space's site has its own (served whatever the space's status, see spaces.middleware).
    path("robots.txt", discovery_views.robots, name="robots_txt"),
    path("sitemap.xml", discovery_views.sitemap, name="sitemap_xml"),
    path("", space_views.network_index, name="network_index"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
elif getattr(settings, "SOCLE_SERVE_MEDIA", False):
    # Production without a proxy in front (`make serve`): uploaded files from MEDIA_ROOT.
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]

# Every public page lives under its language: /fr/..., /ru/... (gated per space by the middleware).
urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("network/", space_views.network_spaces, name="network_spaces"),
    path("calendar.ics", event_views.space_calendar_ics, name="space_calendar_ics"),
    path("calendar.json", event_views.space_calendar_json, name="space_calendar_json"),
    path("calendar/programmes/<slug:slug>.ics", event_views.programme_calendar_ics, name="programme_calendar_ics"),
    path("calendar/network.ics", event_views.network_calendar_ics, name="network_calendar_ics"),
    path("calendar/network.json", event_views.network_calendar_json, name="network_calendar_json"),
    *identity_urls.language_patterns,
    # A space's pages are found in two queries (sites/spaces/routing.py), then served by Wagtail.
    re_path(serve_pattern, routing.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

# A refusal in the admin is the admin's styled page in the user's language (sites/tenancy/refusals.py).
handler403 = "sites.tenancy.refusals.permission_denied"
# A visitor's errors in the space's language and design (sites/spaces/errors.py).
handler404 = "sites.spaces.errors.page_not_found"
handler500 = "sites.spaces.errors.server_error"
