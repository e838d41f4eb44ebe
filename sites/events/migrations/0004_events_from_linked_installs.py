import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def name_each_change_by_its_uid(apps, schema_editor):
    """A shared event is now known by its iCalendar UID on every install: the changes recorded before
    say it too (the listing's UID, or for a withdrawal, the one its origin space gave it)."""
    Change = apps.get_model("sync", "Change")
    Space = apps.get_model("spaces", "Space")
    hostnames = dict(Space.objects.values_list("pk", "site__hostname"))
    for change in Change.objects.filter(kind="events.event").iterator():
        payload = change.payload
        if "uid" in payload:
            continue
        if payload.get("listing"):
            payload["uid"] = payload["listing"]["uid"]
        else:
            payload["uid"] = f"event-{payload['event']}@{hostnames.get(payload['origin_space'], 'removed-space')}"
        change.save(update_fields=["payload"])


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0003_event_image'),
        ('federation', '0003_remote_spaces'),
        ('spaces', '0003_home_photos_and_programme_image'),
        ('sync', '0003_delivery_to_linked_installs'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='relayedevent',
            name='one_listing_per_event_and_space',
        ),
        migrations.AddField(
            model_name='relayedevent',
            name='origin_remote',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='federation.remotespace', verbose_name='origin space on a linked install'),
        ),
        migrations.AddConstraint(
            model_name='relayedevent',
            constraint=models.UniqueConstraint(fields=('space', 'uid'), name='one_listing_per_event_uid_and_space'),
        ),
        migrations.RunPython(name_each_change_by_its_uid, migrations.RunPython.noop),
    ]
