import io

import pytest
from django.core.files.images import ImageFile
from PIL import Image
from wagtail.images import get_image_model
from wagtail.models import Collection


@pytest.fixture
def square_logo():
    """A plain square image in the root collection: what a coordinator or an editor uploads as a logo."""

    def make(colour: str = "#123456", size: int = 64):
        buffer = io.BytesIO()
        Image.new("RGB", (size, size), colour).save(buffer, "PNG")
        return get_image_model().objects.create(
            title=f"logo {colour}", file=ImageFile(buffer, name="logo.png"), collection=Collection.get_first_root_node()
        )

    return make
