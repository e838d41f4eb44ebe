"""``{% picture %}``: AVIF and WebP sources, a PNG or JPEG fallback, widths to choose from, the size
set, lazy below the fold, the focal point kept in the frame, the alt text in the page's language."""

import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation
from PIL import Image

from sites.spaces.models import Space

from .imagefiles import space_image

pytestmark = pytest.mark.django_db


def render(image, arguments: str, language: str = "en", city: str = "paris") -> str:
    request = RequestFactory().get("/")
    request.space = Space.objects.get(slug=city)
    with translation.override(language):
        return Template("{% load pictures %}{% picture image " + arguments + " %}").render(
            Context({"image": image, "request": request})
        )


def srcset_widths(html: str, kind: str) -> list[str]:
    srcset = re.search(r'<source type="' + kind + r'" srcset="([^"]+)"', html).group(1)
    return [entry.rsplit(" ", 1)[1] for entry in srcset.split(", ")]


def test_a_card_offers_avif_then_webp_then_the_original_format_in_two_widths():
    html = render(space_image("paris", description_en="People at the bar"), '"card"')
    assert html.index('type="image/avif"') < html.index('type="image/webp"') < html.index("<img")
    assert srcset_widths(html, "image/avif") == ["360w", "720w"]
    assert srcset_widths(html, "image/webp") == ["360w", "720w"]
    img = re.search(r"<img [^>]+>", html).group(0)
    assert re.search(r'srcset="[^"]+\.png 360w, [^"]+\.png 720w"', img)
    assert 'width="720" height="480"' in img
    assert 'sizes="(min-width: 68rem) 21rem' in img
    assert 'loading="lazy"' in img and "fetchpriority" not in img
    assert 'alt="People at the bar"' in img and " lang=" not in img


def test_the_hero_is_asked_for_first_and_at_once():
    img = re.search(
        r"<img [^>]+>", render(space_image("paris", description_fr="La salle"), '"hero" eager=True priority=True')
    )
    assert 'loading="eager"' in img.group(0) and 'fetchpriority="high"' in img.group(0)
    assert 'width="1600" height="900"' in img.group(0)


def test_an_alt_text_not_yet_translated_falls_back_to_the_space_default_marked_with_its_language():
    image = space_image("paris", description_fr="Des gens au bar")
    img = re.search(r"<img [^>]+>", render(image, '"card"', language="en")).group(0)
    assert 'alt="Des gens au bar" lang="fr"' in img
    img_fr = re.search(r"<img [^>]+>", render(image, '"card"', language="fr")).group(0)
    assert 'alt="Des gens au bar"' in img_fr and " lang=" not in img_fr


def test_a_small_image_is_never_enlarged():
    html = render(space_image("paris", size=(500, 400), description_fr="Petit"), '"card"')
    assert srcset_widths(html, "image/avif") == ["360w"]
    assert 'width="360" height="240"' in html


def test_a_crop_keeps_the_focal_point_in_the_frame():
    # Red on the left half, blue on the right: a 3:2 crop of this wide image holds one side only.
    image = space_image("paris", size=(2000, 600), description_fr="Deux moitiés")
    centred = image.get_rendition("fill-360x240|format-png")
    image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height = 1800, 300, 100, 100
    image.save()
    on_the_right = image.get_rendition("fill-360x240|format-png")

    def colours(rendition):
        with rendition.file.open() as handle:
            picture = Image.open(handle).convert("RGB")
            return picture.getpixel((5, 120)), picture.getpixel((354, 120))

    def side(colour):
        red, _green, blue = colour
        return "red" if red > blue else "blue"

    assert [side(colour) for colour in colours(centred)] == ["red", "blue"]  # the middle: both halves
    assert [side(colour) for colour in colours(on_the_right)] == ["blue", "blue"]  # where the focal point is


def test_no_image_no_markup():
    assert render(None, '"card"') == ""


def test_a_shared_link_gets_one_rendition_of_1200_by_630_in_jpeg_whatever_the_original():
    from sites.images.pictures import social_rendition

    rendition = social_rendition(space_image("paris", description_fr="La salle"))  # a PNG
    assert (rendition.width, rendition.height) == (1200, 630)
    assert rendition.file.name.endswith(".jpg")  # what every reader of shared links takes
