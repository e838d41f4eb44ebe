"""An install that had images in Wagtail's own model keeps them: same ids, files, collections,
focal points and tags; their description becomes the alt text in the network's default language.
Renditions are not copied: they are made again on first use."""

from django.conf import settings
from django.core.management.color import no_style
from django.db import migrations

COPIED = (
    "id", "title", "file", "width", "height", "created_at", "uploaded_by_user_id", "focal_point_x",
    "focal_point_y", "focal_point_width", "focal_point_height", "file_size", "file_hash", "collection_id",
    "description",
)  # fmt: skip


def copy_images(apps, schema_editor):
    Image = apps.get_model("wagtailimages", "Image")
    SpaceImage = apps.get_model("images", "SpaceImage")
    ContentType = apps.get_model("contenttypes", "ContentType")
    TaggedItem = apps.get_model("taggit", "TaggedItem")
    images = list(Image.objects.values(*COPIED))
    if not images:
        return
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    SpaceImage.objects.bulk_create(
        SpaceImage(**row, **{f"description_{default}": row["description"]}) for row in images
    )
    old_type = ContentType.objects.filter(app_label="wagtailimages", model="image").first()
    new_type, _created = ContentType.objects.get_or_create(app_label="images", model="spaceimage")
    TaggedItem.objects.filter(content_type=old_type).update(content_type=new_type)
    # Rows inserted with their ids: the sequence must continue after them (PostgreSQL).
    for sql in schema_editor.connection.ops.sequence_reset_sql(no_style(), [SpaceImage]):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("images", "0001_initial"),
        ("wagtailimages", "0027_image_description"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(copy_images, migrations.RunPython.noop)]
