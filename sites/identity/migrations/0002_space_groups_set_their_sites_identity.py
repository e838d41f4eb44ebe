"""Each space's editors and moderators set their own site's identity (as spaces opened from now on do)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = ("editors", "moderators")


def grant(apps, schema_editor):
    # The permission is made after the migrations run: make it now, to grant it.
    config = apps.get_app_config("identity")
    config.models_module = getattr(config, "models_module", None) or True  # else create_permissions skips it
    create_permissions(config, apps=apps, verbosity=0)
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    GroupSitePermission = apps.get_model("wagtailcore", "GroupSitePermission")
    Space = apps.get_model("spaces", "Space")
    permission = Permission.objects.get(content_type__app_label="identity", codename="change_spaceidentity")
    for space in Space.objects.all():
        for group in Group.objects.filter(name__in=[f"{space.slug} {role}" for role in ROLES]):
            GroupSitePermission.objects.get_or_create(group=group, site_id=space.site_id, permission=permission)


class Migration(migrations.Migration):
    dependencies = [
        ("identity", "0001_network_and_space_identity"),
        ("spaces", "0002_space_network_events"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
