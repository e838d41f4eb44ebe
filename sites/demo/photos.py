"""The demo's images: scenes drawn in code (``scenes.py``, in each city's palette), saved as Wagtail
images in the space's collection with their alt texts in the space's languages (``data/images.json``).

Nothing is downloaded: the pictures are made here, the same ones on every run.
"""

import functools
from io import BytesIO

from django.conf import settings
from django.core.files.images import ImageFile
from django.utils.text import slugify
from wagtail.images import get_image_model

from .scenes import SCENES, picture

HERO_SIZE = (1600, 900)
IMAGE_SIZE = (1200, 800)


class UnknownScene(ValueError):
    pass


@functools.cache
def scene_alt_texts() -> dict:
    from .loader import read

    return read("images.json")["scenes"]


def demo_image(space, collection, scene: str, title: str, languages: list[str], size=IMAGE_SIZE):
    """The space's image titled ``title`` in its collection, drawn now if it is not there yet."""
    if scene not in SCENES:
        raise UnknownScene(f"no scene {scene!r}: one of {', '.join(SCENES)}")
    image_model = get_image_model()
    existing = image_model.objects.filter(collection=collection, title=title).first()
    if existing is not None:
        return existing
    texts = scene_alt_texts()[scene]
    alt_texts = {f"description_{code}": texts[code] for code in languages}
    scale = settings.SOCLE_DEMO_IMAGE_SCALE
    data = picture(scene, space.slug, title, (round(size[0] * scale), round(size[1] * scale)))
    name = f"{space.slug}-{slugify(title, allow_unicode=False)[:60] or scene}.png"
    image = image_model(title=title, collection=collection, file=ImageFile(BytesIO(data), name=name), **alt_texts)
    image.save()
    return image


def add_home_photos(home, space, collection, photos: dict, languages: list[str]) -> None:
    """A new home's main photo and gallery, published with it."""
    from sites.spaces.models import HomePhoto

    default = languages[0]
    name = getattr(space, f"name_{default}")
    home.hero_image = demo_image(space, collection, photos["hero"], name, languages, HERO_SIZE)
    home.gallery = [
        HomePhoto(
            image=demo_image(space, collection, item["scene"], item["caption"][default], languages),
            **{f"caption_{code}": item["caption"].get(code, "") for code in languages},
        )
        for item in photos.get("gallery", [])
    ]
    home.save_revision().publish()


def make_renditions() -> int:
    """Every rendition the demo's pages show, made now rather than on their first visit; how many images."""
    from sites.core.models import PracticePage
    from sites.events.models import EventPage
    from sites.images.pictures import prepare
    from sites.spaces.models import HomePage, HomePhoto, ProgrammePage

    images = 0
    for model in (PracticePage, ProgrammePage, EventPage):
        pages = list(model.objects.filter(image__isnull=False).select_related("image"))
        prepare([page.image for page in pages], "card", "page", "social")
        images += len(pages)
    heroes = [
        home.hero_image for home in HomePage.objects.filter(hero_image__isnull=False).select_related("hero_image")
    ]
    prepare(heroes, "hero", "social")
    photos = [photo.image for photo in HomePhoto.objects.select_related("image")]
    prepare(photos, "gallery")
    return images + len(heroes) + len(photos)
