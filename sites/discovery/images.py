"""The image a shared link's card shows: the page's own (``page.page_image``), else its space's home's,
cut to the size social networks show (1200 × 630) as a JPEG, which every one of them reads
(``images.pictures.social_rendition``: a page's image comes with it)."""

import logging

from django.db.models import Subquery
from django.utils import translation
from wagtail.images import get_image_model

from sites import precompiled
from sites.images.pictures import social_rendition
from sites.pagecache.fragments import fragment
from sites.pagecache.tags import record, record_objects, tag_for
from sites.spaces.localize import localize

logger = logging.getLogger(__name__)


def _home_image(space):
    """The image of the space's home (its publication purges the fragment that keeps it): one
    query for the image alone, where reading the home as its own type would fetch every field of
    the home and then the image."""
    home = space.site.root_page
    record_objects([home])
    model = home.specific_class
    field = getattr(model, "page_image_field", None) if model else None
    if not field:
        return None

    def image(pk: int):
        image_id = model._default_manager.filter(pk=pk).values(field)
        return get_image_model().objects.filter(pk=Subquery(image_id)).order_by("pk")[:1]

    found = precompiled.run(("discovery.home_image", model, field), image, home.pk)
    return found[0] if found else None


def _card(image) -> dict | None:
    if image is None:
        return None
    record(tag_for(image))  # a new crop, focal point or file changes the card
    try:
        rendition = social_rendition(image)  # None when its original cannot be read
    except Exception:  # nor may any other failure to make it take the page down
        logger.warning("No social card rendition for image %s", image.pk, exc_info=True)
        return None
    if rendition is None:
        return None
    return {"image": image, "url": rendition.url, "width": rendition.width, "height": rendition.height}


def social_image(page, space, request) -> dict | None:
    """``{"url" (absolute), "width", "height", "alt"}`` of the card's image, or None when the page
    and its home have no image. The card is kept as a fragment of the space per image: a page
    without an image shares its home's, which only the home's publication (or the image) changes."""
    image = getattr(page, "page_image", None)
    if image is not None:
        card = fragment(space, f"social-image:{image.pk}", lambda: _card(image))
    elif space is not None and page is not None and page.pk == space.site.root_page_id:
        card = None  # a home without an image of its own
    elif space is not None:
        card = fragment(space, "social-image:home", lambda: _card(_home_image(space)))
    else:
        card = None
    if card is None:
        return None
    alt = localize(card["image"], "description", translation.get_language(), space)
    return {
        "url": request.build_absolute_uri(card["url"]),
        "width": card["width"],
        "height": card["height"],
        "alt": alt.text or card["image"].title,  # an image without a description still says what it is
    }
