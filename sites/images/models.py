"""The network's images: Wagtail's image, with its description (the alt text) in every language.

An image belongs to a space's collection; the alt text is written once per image, in each of the
space's languages, and read wherever the image is shown. Wagtail's own image model keeps one
description only, hence this model (``WAGTAILIMAGES_IMAGE_MODEL``). Who may add, change or choose
images is still said with Wagtail's image permissions (``wagtailimages.add_image``...), as Wagtail
checks them for any image model.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class SpaceImage(AbstractImage):
    # modeltranslation adds description_<language> for every language of the network.
    admin_form_fields = Image.admin_form_fields

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class SpaceRendition(AbstractRendition):
    image = models.ForeignKey(SpaceImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
