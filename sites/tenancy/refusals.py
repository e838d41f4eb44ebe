"""The admin's own refusal pages (403 and 404), styled as the admin and in the user's admin language.

A refusal raised before or outside an admin view (the tenant boundary, a view's ``PermissionDenied``)
would otherwise reach Django's bare "403 Forbidden", in whatever language the request came in.
"""

from django.shortcuts import render
from django.utils import translation
from django.views import defaults
from wagtail.users.models import UserProfile

TEMPLATES = {403: "tenancy/403.html", 404: "wagtailadmin/404.html"}


def admin_language(user) -> str:
    """The language the user reads the admin in (their profile's choice, else the request's)."""
    profile = UserProfile.objects.filter(user=user).first()  # read only: a refusal writes nothing
    return profile.get_preferred_language() if profile else translation.get_language()


def render_admin_refusal(request, status: int):
    with translation.override(admin_language(request.user)):
        return render(request, TEMPLATES[status], status=status)


def permission_denied(request, exception=None):
    """Django's ``handler403``: the admin's styled page for a signed-in admin user, Django's own elsewhere."""
    user = getattr(request, "user", None)
    if request.path.startswith("/admin/") and user is not None and user.is_authenticated:
        return render_admin_refusal(request, 403)
    return defaults.permission_denied(request, exception)
