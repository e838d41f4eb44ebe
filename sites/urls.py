from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from sites.spaces import views as space_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", space_views.network_index, name="network_index"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Every public page lives under its language: /fr/..., /ru/... (gated per space by the middleware).
urlpatterns += i18n_patterns(
    path("search/", space_views.search, name="search"),
    path("network/", space_views.network_spaces, name="network_spaces"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
