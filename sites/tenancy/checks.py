"""The project's rule on groups: only superusers manage users and groups (whoever can may make a superuser)."""

from django.core import checks
from django.db import DatabaseError

USER_ADMIN_PERMISSIONS = ["add_user", "change_user", "delete_user", "add_group", "change_group", "delete_group"]


@checks.register(checks.Tags.database)  # run by `manage.py check --database default` (make check, CI)
def no_group_manages_users(app_configs, databases=None, **kwargs):
    from django.contrib.auth.models import Group

    if not databases:
        return []
    try:
        groups = list(
            Group.objects.filter(
                permissions__content_type__app_label="auth", permissions__codename__in=USER_ADMIN_PERMISSIONS
            )
            .distinct()
            .values_list("name", flat=True)
        )
    except DatabaseError:  # no database yet (before the first migrate): nothing to check
        return []
    return [
        checks.Error(
            f"The group “{name}” may manage users or groups: anyone in it can make a superuser.",
            hint="Remove its auth permissions; only superusers (the network's coordinators) manage people.",
            id="socle.E010",
        )
        for name in groups
    ]
