"""The network's images: Wagtail's image, with its description (the alt text) in every language.

An image belongs to a space's collection; the alt text is written once per image, in each of the
space's languages, and read wherever the image is shown. Wagtail's own image model keeps one
description only, hence this model (``WAGTAILIMAGES_IMAGE_MODEL``). Who may add, change or choose
images is still said with Wagtail's image permissions (``wagtailimages.add_image``...), as Wagtail
checks them for any image model.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image


def alt_text_fields() -> list[str]:
    """The alt text's columns, one per language of the network (modeltranslation adds them)."""
    return [f"description_{code}" for code, _name in settings.LANGUAGES]


class SpaceImage(AbstractImage):
    # The form shows the alt text in every language (``forms.SpaceImageForm`` labels and requires them)
    # rather than Wagtail's one description, which would hold the editor's admin language only.
    admin_form_fields = tuple(
        field for name in Image.admin_form_fields for field in (alt_text_fields() if name == "description" else [name])
    )

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class SpaceRendition(AbstractRendition):
    image = models.ForeignKey(SpaceImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
