"""The demo network's identity: its name in every language, its colours, and logos drawn here in code.

The network's logo is three circles, one per space in its colour, resting on a common base (the
"socle de valeurs communes" the spaces agree on); a space's is its monogram on its colour. Both are
drawn with Pillow at load time: nothing is downloaded. Kept as they are on a second run.
"""

import io

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Collection, Site

from sites.identity.models import NetworkIdentity, SpaceIdentity
from sites.spaces.languages import network_languages

SIZE = 512


def png(image: Image.Image, name: str) -> ImageFile:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return ImageFile(buffer, name=name)


def network_logo(colours: list[str], base: str) -> Image.Image:
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    radius = SIZE // 6
    centres = [(SIZE * 0.3, SIZE * 0.52), (SIZE * 0.5, SIZE * 0.32), (SIZE * 0.7, SIZE * 0.52)]
    for (x, y), colour in zip(centres, (colours + [base] * 3)[:3], strict=True):
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)
    draw.rounded_rectangle((SIZE * 0.1, SIZE * 0.76, SIZE * 0.9, SIZE * 0.88), radius=SIZE // 40, fill=base)
    return image


def space_logo(monogram: str, colour: str) -> Image.Image:
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, SIZE - 1, SIZE - 1), radius=SIZE // 6, fill=colour)
    font = ImageFont.load_default(size=int(SIZE * 0.42))
    draw.text((SIZE / 2, SIZE / 2), monogram, fill="white", font=font, anchor="mm")
    return image


def add_logo(title: str, image: Image.Image, file_name: str, descriptions: dict, collection: Collection):
    descriptions = {f"description_{code}": text for code, text in descriptions.items()}
    return get_image_model().objects.create(
        title=title, file=png(image, file_name), collection=collection, **descriptions
    )


def load_network_identity(data: dict, space_files: list[dict], report) -> None:
    identity = NetworkIdentity.load()
    created = not identity.name_fr
    if created:
        for code in network_languages():
            setattr(identity, f"name_{code}", data["name"].get(code, ""))
            setattr(identity, f"short_name_{code}", data["short_name"].get(code, ""))
        identity.accent, identity.focus = data["accent"], data["focus"]
        colours = [space["identity"]["accent"] for space in space_files if "identity" in space][:3]
        identity.logo = add_logo(
            data["name"]["en"], network_logo(colours, data["accent"]), "network-logo.png", data["logo"],
            Collection.get_first_root_node(),
        )  # fmt: skip
        identity.full_clean()
        identity.save()
    report.count("network identity", created)


def load_space_identity(space, data: dict, report) -> None:
    own = data.get("identity")
    if own is None:
        return  # a space of its own data without an identity takes the network's
    identity = SpaceIdentity.for_site(Site.objects.get(pk=space.site_id))
    created = not identity.accent
    if created:
        identity.accent = own["accent"]
        collection = Collection.get_first_root_node().get_children().get(name=space.slug)
        title = data["name"]["en"] if "en" in data["name"] else space.slug
        identity.logo = add_logo(
            title, space_logo(own["monogram"], own["accent"]), f"{space.slug}-logo.png", own["logo"], collection
        )
        identity.full_clean()
        identity.save()
    report.count("space identities", created)
