"""The image a shared link's card shows: the page's own (``page.page_image``), else its space's home's,
cut to the size social networks show (1200 × 630) as a JPEG, which every one of them reads
(``images.pictures.social_rendition``: a page's image comes with it)."""

import logging

from django.utils import translation

from sites.images.pictures import social_rendition
from sites.pagecache.fragments import fragment
from sites.pagecache.tags import record, tag_for
from sites.spaces.localize import localize

logger = logging.getLogger(__name__)


def _representing_image(page, space):
    image = getattr(page, "page_image", None)
    if image is None and space is not None:
        home = space.site.root_page
        home = page if page is not None and page.pk == home.pk else home.specific
        image = getattr(home, "page_image", None)
    return image


def _card(page, space) -> dict | None:
    image = _representing_image(page, space)
    if image is None:
        return None
    record(tag_for(image))  # a new crop, focal point or file changes the card
    try:
        rendition = social_rendition(image)
    except Exception:  # a missing or unreadable original must not take the page down
        logger.warning("No social card rendition for image %s", image.pk, exc_info=True)
        return None
    return {"image": image, "url": rendition.url, "width": rendition.width, "height": rendition.height}


def social_image(page, space, request) -> dict | None:
    """``{"url" (absolute), "width", "height", "alt"}`` of the card's image, or None when the page
    and its home have no image. The rendition is kept as a fragment of the space per page."""
    key = f"social-image:{page.pk if page is not None else 'none'}"
    card = fragment(space, key, lambda: _card(page, space))
    if card is None:
        return None
    alt = localize(card["image"], "description", translation.get_language(), space)
    return {
        "url": request.build_absolute_uri(card["url"]),
        "width": card["width"],
        "height": card["height"],
        "alt": alt.text or card["image"].title,  # an image without a description still says what it is
    }
