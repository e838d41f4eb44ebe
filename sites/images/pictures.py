"""Images as visitors get them: a ``<picture>`` of AVIF, WebP and the original's format, in a few widths.

A *shape* says how an image is cut and how wide it is shown: the hero of a home, a photo of its
gallery, a card in a listing, the image at the top of a page. Every shape crops with Wagtail's
``fill`` filter, which keeps the image's focal point in the frame, to the widths the browser picks
from (``srcset`` and ``sizes``). Renditions are made once, kept by Wagtail, and read for a whole
listing in one query (``with_images`` for a queryset, ``prepare`` for images already loaded).
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from wagtail.images import get_image_model
from wagtail.images.models import SourceImageIOError

from sites.pagecache.tags import record_objects

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Shape:
    ratio: tuple[int, int]  # width, height
    widths: tuple[int, ...]  # the renditions' widths, smallest first
    sizes: str  # how wide the image is shown, for the browser to pick a width (the CSS's layout)
    modern_formats: bool = True  # AVIF and WebP besides the original's format
    only_format: str | None = None  # instead of the original's format (a shared link's card: JPEG)


# The widths cover phones at 1x to 3x and a desktop's column; ``sizes`` follows socle.css (a 68rem
# column with 1.25rem margins; cards in one column on phones, their image a thumbnail, then two, then
# three; the gallery a row to scroll on phones, then two, then four).
GALLERY_SIZES = "(min-width: 68rem) 16rem, (min-width: 56rem) 24vw, (min-width: 40rem) 48vw, 80vw"
CARD_SIZES = "(min-width: 68rem) 21rem, (min-width: 52.5rem) 32vw, (min-width: 35.5rem) 48vw, 6.5rem"
SHAPES = {
    "hero": Shape((16, 9), (480, 800, 1200, 1600), "(min-width: 68rem) 65.5rem, calc(100vw - 2.5rem)"),
    "gallery": Shape((3, 2), (360, 720), GALLERY_SIZES),
    "card": Shape((3, 2), (360, 720), CARD_SIZES),
    "page": Shape((3, 2), (480, 800, 1200), "(min-width: 50.5rem) 48rem, calc(100vw - 2.5rem)"),
    # A shared link's card (OpenGraph, JSON-LD): 1200×630 JPEG, which every reader of cards takes.
    "social": Shape((40, 21), (1200,), "1200px", modern_formats=False, only_format="jpeg"),
}
# Modern formats first: the browser takes the first it reads. The original's own format is the fallback.
MODERN_FORMATS = (("avif", "image/avif", "avifquality-55"), ("webp", "image/webp", "webpquality-75"))
FALLBACK_FORMATS = {"jpeg": "jpegquality-80", "png": ""}


def fallback_format(image) -> str:
    """JPEG photos stay JPEG; anything else (PNG, GIF, WebP originals) falls back to PNG, which every
    browser reads."""
    name = (image.file.name or "").lower()
    return "jpeg" if name.endswith((".jpg", ".jpeg")) else "png"


def fitting_sizes(image, shape: Shape) -> list[tuple[int, int]]:
    """The shape's (width, height) an image is large enough for, never enlarged; at least one."""
    ratio_w, ratio_h = shape.ratio
    sizes = [(width, width * ratio_h // ratio_w) for width in shape.widths]
    fitting = [(w, h) for w, h in sizes if w <= image.width and h <= image.height]
    if fitting:
        return fitting
    scale = min(image.width / ratio_w, image.height / ratio_h)
    return [(max(1, int(scale * ratio_w)), max(1, int(scale * ratio_h)))]


def spec(width: int, height: int, image_format: str, quality: str) -> str:
    return "|".join(part for part in (f"fill-{width}x{height}", f"format-{image_format}", quality) if part)


def specs_for(image, shape: Shape) -> dict[str, list[tuple[str, int, int]]]:
    """Per format, the filter specs of the image in this shape with their sizes."""
    sizes = fitting_sizes(image, shape)
    formats = [(name, quality) for name, _mime, quality in MODERN_FORMATS] if shape.modern_formats else []
    fallback = shape.only_format or fallback_format(image)
    formats.append((fallback, FALLBACK_FORMATS[fallback]))
    return {name: [(spec(w, h, name, quality), w, h) for w, h in sizes] for name, quality in formats}


def renditions_prefetch(lookup: str) -> Prefetch:
    """All the renditions of the images: which ones a shape asks for depends on each image's size,
    and an image has a few dozen at most (those of other uses, such as a shared link's, come along)."""
    rendition_model = get_image_model().get_rendition_model()
    return Prefetch(lookup, queryset=rendition_model.objects.all(), to_attr="prefetched_renditions")


def with_images(queryset: QuerySet, field: str = "image") -> QuerySet:
    """Pages (or any rows) with their image and its renditions: one query more for the whole list."""
    return queryset.select_related(field).prefetch_related(renditions_prefetch(f"{field}__renditions"))


def prepare(images: Iterable, *shape_names: str) -> None:
    """Read these images' renditions for these shapes in one query and make the missing ones now.

    For images kept in a cached fragment: what is made while rendering would not be kept with them.
    """
    images = [image for image in images if image is not None]
    if not images:
        return
    prefetch_related_objects(images, renditions_prefetch("renditions"))
    for image in images:
        for name in shape_names:
            try:
                image.get_renditions(*(s for specs in specs_for(image, SHAPES[name]).values() for s, _w, _h in specs))
            except SourceImageIOError:  # the page is shown without it (``picture_html``)
                _unreadable(image)
                break


def prepare_cards(items, field: str = "image") -> None:
    """The cards of a home's section, which is kept as a fragment: their images are recorded (a new
    crop or alt text purges the cached pages) and come with their renditions."""
    images = [getattr(item, field) for item in items if getattr(item, field) is not None]
    record_objects(images)
    prepare(images, "card")


def social_rendition(image):
    """The rendition a shared link's card and the JSON-LD show: a page's image comes with it (``prepare``).
    None when the image's original file cannot be read: the page is shown without it."""
    shape = SHAPES["social"]
    spec_string, _width, _height = specs_for(image, shape)[shape.only_format][-1]
    try:
        return image.get_rendition(spec_string)
    except SourceImageIOError:
        _unreadable(image)
        return None


def _unreadable(image) -> None:
    logger.warning("Image %s (%s): its original file cannot be read", image.pk, image.file.name)


def picture_html(image, shape_name: str, alt, *, eager: bool = False, priority: bool = False) -> str:
    """The ``<picture>`` of an image in a shape; ``alt`` a ``spaces.localize.Localized`` (or a string).

    Images below the fold load lazily; the first one a visitor sees (a home's hero) is asked for eagerly
    and before the others.
    """
    shape = SHAPES[shape_name]
    by_format = specs_for(image, shape)
    try:
        renditions = image.get_renditions(*(s for specs in by_format.values() for s, _w, _h in specs))
    except SourceImageIOError:  # a lost original must not take the page down: it is shown without the image
        _unreadable(image)
        return ""

    def srcset(name: str) -> str:
        return ", ".join(f"{renditions[s].url} {w}w" for s, w, _h in by_format[name])

    sources = format_html_join(
        "",
        '<source type="{}" srcset="{}" sizes="{}">',
        ((mime, srcset(name), shape.sizes) for name, mime, _quality in MODERN_FORMATS),
    )
    fallback = fallback_format(image)
    _largest, width, height = by_format[fallback][-1]
    language = getattr(alt, "language", None) if getattr(alt, "is_fallback", False) else None
    return format_html(
        '<picture class="picture picture-{shape}">{sources}<img src="{src}" srcset="{srcset}" sizes="{sizes}"'
        ' width="{width}" height="{height}" alt="{alt}"{lang} loading="{loading}" decoding="{decoding}"{priority}>'
        "</picture>",
        shape=shape_name,
        sources=sources,
        src=renditions[by_format[fallback][0][0]].url,
        srcset=srcset(fallback),
        sizes=shape.sizes,
        width=width,
        height=height,
        alt=str(alt or ""),
        lang=format_html(' lang="{}"', language) if language else "",
        loading="eager" if eager else "lazy",
        decoding="auto" if eager else "async",
        priority=mark_safe(' fetchpriority="high"') if priority else "",  # noqa: S308  (a constant)
    )
