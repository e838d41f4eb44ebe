"""A site's icons, drawn with Pillow: from the space's logo, else the network's, else a monogram.

The monogram is the first Latin letter or digit of the name (Pillow's own font draws Latin only;
a name in another script falls back to the space's slug, which is Latin) in the text colour on the
accent colour. A logo is set on a white square, centred with a margin: touch icons must be opaque
(iOS fills transparency with black). Drawn icons are kept in the cache under the identity's
version, which a change to the logo or the colours renews.
"""

import io

from django.conf import settings
from django.core.cache import caches
from PIL import Image, ImageDraw, ImageFont

from .snapshot import Identity

# Name in the address → (size in pixels, format).
ICONS = {
    "favicon.ico": (48, "ICO"),
    "icon-32.png": (32, "PNG"),
    "apple-touch-icon.png": (180, "PNG"),
    "icon-192.png": (192, "PNG"),
    "icon-512.png": (512, "PNG"),
}
ICO_SIZES = [(16, 16), (32, 32), (48, 48)]
ICON_SECONDS = 7 * 24 * 3600


def monogram_letter(*names: str) -> str:
    for name in names:
        for character in name or "":
            if character.isascii() and character.isalnum():
                return character.upper()
    return "•"


def monogram(size: int, letter: str, background: str, ink: str) -> Image.Image:
    image = Image.new("RGB", (size, size), background)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=int(size * 0.62))
    draw.text((size / 2, size / 2), letter, fill=ink, font=font, anchor="mm")
    return image


def from_logo(size: int, logo_file) -> Image.Image:
    with Image.open(logo_file) as source:
        source = source.convert("RGBA")
        margin = max(1, size // 10)
        source.thumbnail((size - 2 * margin, size - 2 * margin), Image.Resampling.LANCZOS)
        canvas = Image.new("RGBA", (size, size), "white")
        canvas.alpha_composite(source, ((size - source.width) // 2, (size - source.height) // 2))
        return canvas.convert("RGB")


def draw(identity: Identity, name: str, letter: str) -> bytes:
    """The icon ``name`` (a key of ``ICONS``) for this identity, as bytes of its format."""
    size, kind = ICONS[name]
    image = None
    logo = identity.icon_logo
    if logo is not None:
        from django.core.files.storage import default_storage

        try:
            with default_storage.open(logo.file_name) as handle:
                image = from_logo(size, handle)
        except (OSError, ValueError):
            image = None  # its file is gone or unreadable: the monogram rather than nothing
    if image is None:
        image = monogram(size, letter, identity.accent, identity.accent_ink)
    buffer = io.BytesIO()
    if kind == "ICO":
        image.save(buffer, "ICO", sizes=ICO_SIZES)
    else:
        image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def icon(identity: Identity, name: str, letter: str) -> bytes:
    """``draw``'s answer, drawn once per version of the identity (and monogram letter)."""
    cache = caches[settings.SOCLE_PAGE_CACHE_ALIAS]
    key = f"socle:icon:{identity.version}:{letter}:{name}"
    found = cache.get(key)
    if found is None:
        found = draw(identity, name, letter)
        cache.set(key, found, ICON_SECONDS)
    return found
