"""Who the network's coordinators are, and the admin menu entries only they see."""

from wagtail.admin.menu import MenuItem


def is_coordinator(user) -> bool:
    """Coordinators steer the network: superusers, or whoever may add principles to the core."""
    return bool(user and (user.is_superuser or user.has_perm("core.add_principle")))


class CoordinatorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_coordinator(request.user)
