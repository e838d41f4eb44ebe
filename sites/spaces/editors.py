"""Who edits which space: the spaces whose pages a user may change through a group."""

from django.db.models import Q
from wagtail.models import GroupPagePermission

from .models import Space


def editor_spaces(user) -> list[Space]:
    """The spaces whose pages this user edits through a group (a coordinator is not a space's editor).

    Kept on the user object, as Django keeps its permissions (``_perm_cache``): one admin request
    asks it of its menus, its panels and its boundary, and loads its user afresh.
    """
    if user is None or not user.is_authenticated:
        return []
    if not hasattr(user, "_socle_editor_spaces"):
        user._socle_editor_spaces = _editor_spaces(user)
    return list(user._socle_editor_spaces)


def _editor_spaces(user) -> list[Space]:
    granted = set(
        GroupPagePermission.objects.filter(group__user=user, permission__codename="change_page").values_list(
            "page__path", flat=True
        )
    )
    if not granted:
        return []
    # A permission on a page covers its subtree: the spaces whose home is at or below a granted page.
    within = Q()
    for path in granted:
        within |= Q(site__root_page__path__startswith=path)
    return list(Space.objects.filter(within).select_related("site__root_page").order_by("slug"))
