"""Images made for the tests: a PNG whose left and right halves differ, to see where a crop falls."""

from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image


def two_halves_png(size=(1600, 1000), left="#d32f2f", right="#1565c0") -> bytes:
    image = Image.new("RGB", size, right)
    image.paste(Image.new("RGB", (size[0] // 2, size[1]), left), (0, 0))
    out = BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def space_image(collection_name: str, size=(1600, 1000), **alt_texts):
    """A saved image in the collection of that name (a space's slug), with these ``description_<lang>``."""
    from wagtail.images import get_image_model
    from wagtail.models import Collection

    collection = Collection.objects.get(name=collection_name)
    image = get_image_model()(
        title="test photo",
        collection=collection,
        file=ImageFile(BytesIO(two_halves_png(size)), name="test-photo.png"),
        **alt_texts,
    )
    image.save()
    return image
