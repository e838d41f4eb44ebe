"""Flat illustrations of a third place, drawn with Pillow for the demo: rooms with big windows, long
tables, people with laptops and cups, plants, a bar, a stage, a kitchen...

Everything is drawn in *units* (the picture's height is 100 units) on a canvas twice the final size,
then reduced, which smooths the edges Pillow does not. The same scene, city and seed always give the
same picture.
"""

import random
from dataclasses import dataclass

from PIL import Image, ImageDraw

SUPERSAMPLE = 2


@dataclass(frozen=True)
class Palette:
    wall: str
    accent_wall: str
    floor: str
    sky: str
    outside: tuple[str, ...]  # the city seen through the windows
    wood: str
    clothes: tuple[str, ...]
    skins: tuple[str, ...]
    hair: tuple[str, ...]
    greens: tuple[str, ...] = ("#2f7d4f", "#3f9b5f", "#5bb36f", "#246b43")
    ink: str = "#2b2a33"
    light: str = "#fff3c4"


PALETTES = {
    "paris": Palette(
        wall="#f4e9da",
        accent_wall="#e9d3b8",
        floor="#c9915f",
        sky="#bfe0f0",
        outside=("#d9cbb8", "#cdbba4", "#e3d7c5", "#b8a58c"),
        wood="#8a5a3b",
        clothes=("#e4572e", "#17726d", "#f2b134", "#2b3a55", "#9c4f96", "#f08a5d", "#3d7ea6"),
        skins=("#f1c9a5", "#e0ac69", "#c68642", "#8d5524", "#ffdbac", "#a86b3c"),
        hair=("#2b1b12", "#4a2f1d", "#1a1a1a", "#b5651d", "#d9b38c", "#7a4a2a"),
    ),
    "moscow": Palette(
        wall="#eef1f4",
        accent_wall="#dde5ec",
        floor="#9b7b62",
        sky="#d5dee8",
        outside=("#b9c3cf", "#c9a79c", "#e6e0d4", "#a3b1bf", "#d8c3a5"),
        wood="#6d4c3d",
        clothes=("#c0392b", "#1f4e5f", "#d4a017", "#2e7d6b", "#5b4b8a", "#e07a5f", "#34495e"),
        skins=("#f6d7c3", "#f1c9a5", "#e8b98f", "#ffdbac", "#d9a273", "#c68642"),
        hair=("#3b2a1f", "#8a6d4b", "#d9c29c", "#1a1a1a", "#a0522d", "#5a3d2b"),
    ),
    "bangalore": Palette(
        wall="#fbe8cf",
        accent_wall="#f6d3a8",
        floor="#b5714a",
        sky="#9fd8f2",
        outside=("#e8c07d", "#d98f6b", "#7fb8a4", "#f2d7a0", "#c97b63"),
        wood="#7b4a2e",
        clothes=("#f4a300", "#c2185b", "#00897b", "#3949ab", "#e65100", "#6a1b9a", "#2e7d32"),
        skins=("#8d5524", "#a86b3c", "#c68642", "#6b4226", "#5c3a21", "#e0ac69"),
        hair=("#1a1a1a", "#2b1b12", "#3b2a1f", "#1a1a1a", "#4a2f1d"),
        greens=("#2e7d32", "#43a047", "#66bb6a", "#1b5e20"),
    ),
}


class Canvas:
    """A drawing in units: x from 0 to ``width`` (16:9 gives 177.8), y from 0 (top) to 100 (bottom)."""

    def __init__(self, size: tuple[int, int], palette: Palette, seed: str):
        self.size = size
        self.scale = size[1] * SUPERSAMPLE / 100
        self.width = 100 * size[0] / size[1]
        self.image = Image.new("RGB", (size[0] * SUPERSAMPLE, size[1] * SUPERSAMPLE), palette.wall)
        self.draw = ImageDraw.Draw(self.image)
        self.palette = palette
        self.rng = random.Random(seed)  # noqa: S311  (a drawing, made the same on every run)

    def xy(self, *coords: float) -> list[float]:
        return [c * self.scale for c in coords]

    def rect(self, x1, y1, x2, y2, fill, radius=0.0, outline=None, width=0.0):
        box = self.xy(x1, y1, x2, y2)
        line = int(width * self.scale) if outline else 0
        if radius:
            self.draw.rounded_rectangle(box, radius * self.scale, fill=fill, outline=outline, width=line)
        else:
            self.draw.rectangle(box, fill=fill, outline=outline, width=line)

    def ellipse(self, x1, y1, x2, y2, fill):
        self.draw.ellipse(self.xy(x1, y1, x2, y2), fill=fill)

    def circle(self, x, y, r, fill):
        self.ellipse(x - r, y - r, x + r, y + r, fill)

    def polygon(self, points, fill):
        self.draw.polygon([tuple(self.xy(x, y)) for x, y in points], fill=fill)

    def line(self, points, fill, width):
        self.draw.line(
            [tuple(self.xy(x, y)) for x, y in points], fill=fill, width=max(1, int(width * self.scale)), joint="curve"
        )
        for x, y in (points[0], points[-1]):  # round ends
            self.circle(x, y, width / 2, fill)

    def arc(self, x1, y1, x2, y2, start, end, fill, width):
        self.draw.arc(self.xy(x1, y1, x2, y2), start, end, fill=fill, width=max(1, int(width * self.scale)))

    def pick(self, options):
        return self.rng.choice(options)

    def finished(self) -> Image.Image:
        return self.image.resize(self.size, Image.Resampling.LANCZOS)


# --- The room ------------------------------------------------------------------------------------


def room(c: Canvas, floor_at=72.0):
    p = c.palette
    c.rect(0, 0, c.width, floor_at, p.wall)
    c.rect(0, floor_at, c.width, 100, p.floor)
    for x in range(0, int(c.width) + 12, 12):  # floorboards
        c.line([(x, floor_at), (x - 6, 100)], _shade(p.floor, -14), 0.35)
    c.rect(0, floor_at - 1.2, c.width, floor_at, _shade(p.wall, -30))  # skirting


def window(c: Canvas, x, y, w, h):
    p = c.palette
    c.rect(x - 1, y - 1, x + w + 1, y + h + 1, "#ffffff", radius=0.8)
    c.rect(x, y, x + w, y + h, p.sky)
    c.circle(x + w * 0.8, y + h * 0.2, h * 0.08, "#fff6d8")  # the sun, or a street lamp
    bx = x
    while bx < x + w:  # the street across: buildings under the window's sky
        bw = c.rng.uniform(w * 0.15, w * 0.35)
        top = y + h * c.rng.uniform(0.35, 0.6)
        c.rect(bx, top, min(bx + bw, x + w), y + h, c.pick(p.outside))
        for wy in range(int(top + 3), int(y + h - 2), 5):
            for wx in range(int(bx + 2), int(min(bx + bw, x + w) - 2), 5):
                c.rect(wx, wy, wx + 2, wy + 2.6, _shade(c.pick(p.outside), -25))
        bx += bw
    c.rect(x + w / 2 - 0.5, y, x + w / 2 + 0.5, y + h, "#ffffff")  # mullions
    c.rect(x, y + h * 0.45 - 0.5, x + w, y + h * 0.45 + 0.5, "#ffffff")


def windows(c: Canvas, top=8.0, bottom=60.0, count=3):
    gap = c.width / count
    for i in range(count):
        window(c, gap * i + gap * 0.14, top, gap * 0.72, bottom - top)


def plant(c: Canvas, x, floor, size=1.0):
    p = c.palette
    for _ in range(9):
        angle_x = c.rng.uniform(-7, 7) * size
        height = c.rng.uniform(8, 16) * size
        c.ellipse(
            x + angle_x - 2.4 * size,
            floor - 7 * size - height,
            x + angle_x + 2.4 * size,
            floor - 7 * size - height + 9 * size,
            c.pick(p.greens),
        )
    c.polygon(
        [
            (x - 4 * size, floor - 8 * size),
            (x + 4 * size, floor - 8 * size),
            (x + 3 * size, floor),
            (x - 3 * size, floor),
        ],
        "#c96f4a",
    )


def lamp(c: Canvas, x, length=10.0):
    p = c.palette
    c.line([(x, 0), (x, length)], p.ink, 0.3)
    c.ellipse(x - 9, length + 1, x + 9, length + 9, _blend(p.light, p.wall, 0.55))  # its glow on the wall
    c.polygon([(x - 4, length + 4), (x + 4, length + 4), (x + 2, length), (x - 2, length)], p.ink)
    c.circle(x, length + 4.3, 1, p.light)


def shelf(c: Canvas, x1, x2, y):
    p = c.palette
    c.rect(x1, y, x2, y + 0.9, p.wood)
    x = x1 + 1
    while x < x2 - 3:
        kind = c.rng.random()
        if kind < 0.45:  # books
            h = c.rng.uniform(4, 6)
            c.rect(x, y - h, x + 1.4, y, c.pick(p.clothes))
            x += 1.7
        elif kind < 0.75:  # a jar
            c.rect(x, y - 4, x + 2.8, y, _shade(c.pick(p.clothes), 40), radius=0.8)
            x += 3.6
        else:
            plant_small = x + 1.8
            c.circle(plant_small, y - 4, 1.8, c.pick(p.greens))
            c.rect(plant_small - 1.2, y - 2.4, plant_small + 1.2, y, "#c96f4a")
            x += 4.2


def table(c: Canvas, x1, x2, y, depth=3.0):
    p = c.palette
    c.rect(x1, y, x2, y + depth, p.wood, radius=0.6)
    for lx in (x1 + 2, x2 - 3):
        c.rect(lx, y + depth, lx + 1, min(y + 26, 99), _shade(p.wood, -20))


def laptop(c: Canvas, x, y, s=1.0):
    """A laptop seen from behind its screen (its owner faces us)."""
    c.polygon([(x - 5 * s, y), (x + 5 * s, y), (x + 4.4 * s, y - 6.5 * s), (x - 4.4 * s, y - 6.5 * s)], "#c9ced6")
    c.circle(x, y - 3.3 * s, 0.9 * s, "#eef1f5")


def cup(c: Canvas, x, y, color, s=1.0):
    c.rect(x - 1.3 * s, y - 3 * s, x + 1.3 * s, y, color, radius=0.4 * s)
    c.arc(x + 0.6 * s, y - 2.4 * s, x + 2.6 * s, y - 0.6 * s, -90, 90, color, 0.5 * s)
    for i in range(2):  # steam
        c.arc(
            x - 0.8 * s + i * 1.2 * s, y - 6 * s, x + 0.4 * s + i * 1.2 * s, y - 3.6 * s, 200, 340, "#ffffff", 0.3 * s
        )


# --- People --------------------------------------------------------------------------------------

HAIR_STYLES = ("short", "long", "bun", "curly", "bald", "scarf", "cap")


def person(c: Canvas, x, base, s=1.0, pose="stand", holding=None, facing_away=False):
    """A friendly figure whose feet (or, seated, whose waist) are at ``base``; ``s`` scales it."""
    p = c.palette
    skin, hair, shirt = c.pick(p.skins), c.pick(p.hair), c.pick(p.clothes)
    style = c.pick(HAIR_STYLES)
    trousers = c.pick(("#2b3a55", "#3b3b3b", "#5d4037", "#37474f", _shade(shirt, -45)))
    seated = pose == "sit"
    waist = base if seated else base - 15 * s
    shoulders = waist - 14 * s
    head_y = shoulders - 5.5 * s
    if not seated:  # legs and shoes
        c.rect(x - 4.6 * s, waist - 1, x - 0.6 * s, base - 1 * s, trousers, radius=1.2 * s)
        c.rect(x + 0.6 * s, waist - 1, x + 4.6 * s, base - 1 * s, trousers, radius=1.2 * s)
        c.rect(x - 5.2 * s, base - 1.8 * s, x - 0.4 * s, base, p.ink, radius=0.8 * s)
        c.rect(x + 0.4 * s, base - 1.8 * s, x + 5.2 * s, base, p.ink, radius=0.8 * s)
    if style == "long":
        c.rect(x - 5 * s, head_y - 4 * s, x + 5 * s, shoulders + 4 * s, hair, radius=3 * s)
    c.rect(x - 6 * s, shoulders, x + 6 * s, waist + 1, shirt, radius=4 * s)  # torso
    c.rect(x - 1.3 * s, shoulders - 2 * s, x + 1.3 * s, shoulders + 1 * s, skin)  # neck
    sleeve = _shade(shirt, -28)
    if pose == "speak":
        c.line([(x + 5 * s, shoulders + 2 * s), (x + 10 * s, shoulders - 5 * s)], sleeve, 3 * s)
        c.circle(x + 10.5 * s, shoulders - 6 * s, 1.5 * s, skin)
    elif not seated and not facing_away:
        c.line([(x + 5.2 * s, shoulders + 2.5 * s), (x + 6.4 * s, waist - 1 * s)], sleeve, 2.6 * s)
        c.circle(x + 6.5 * s, waist - 0.2 * s, 1.3 * s, skin)
    if holding == "cup" and not facing_away:
        c.line(
            [(x - 5 * s, shoulders + 2 * s), (x - 6 * s, shoulders + 9 * s), (x - 2 * s, shoulders + 8 * s)],
            sleeve,
            2.6 * s,
        )
        cup(c, x - 1.5 * s, shoulders + 8.5 * s, c.pick(("#ffffff", "#f2b134", "#e4572e", "#17726d")), s * 0.9)
    elif not seated and not facing_away:
        c.line([(x - 5.2 * s, shoulders + 2.5 * s), (x - 6.4 * s, waist - 1 * s)], sleeve, 2.6 * s)
        c.circle(x - 6.5 * s, waist - 0.2 * s, 1.3 * s, skin)
    if style == "scarf":
        c.circle(x, head_y, 5.3 * s, hair if hair != "#1a1a1a" else c.pick(p.clothes))
        c.rect(x - 5.3 * s, head_y, x + 5.3 * s, shoulders + 1.5 * s, c.pick(p.clothes), radius=2 * s)
    c.circle(x, head_y, 4.2 * s, skin)  # head
    if facing_away:
        c.circle(x, head_y, 4.3 * s, hair if style not in ("bald", "scarf") else skin)
    else:
        _hair(c, x, head_y, s, style, hair)
        c.circle(x - 1.5 * s, head_y + 0.2 * s, 0.45 * s, p.ink)  # eyes
        c.circle(x + 1.5 * s, head_y + 0.2 * s, 0.45 * s, p.ink)
        c.arc(x - 1.6 * s, head_y + 0.4 * s, x + 1.6 * s, head_y + 2.7 * s, 20, 160, p.ink, 0.35 * s)  # a smile
    if holding == "laptop":
        laptop(c, x, waist + 0.2 * s, s)


def _hair(c, x, y, s, style, hair):
    if style in ("short", "bun", "long"):
        c.draw.chord(c.xy(x - 4.5 * s, y - 4.8 * s, x + 4.5 * s, y + 2.5 * s), 180, 360, fill=hair)
    if style == "bun":
        c.circle(x, y - 5.2 * s, 2 * s, hair)
    elif style == "curly":
        for dx, dy in ((-3.4, -1.6), (-2, -3.6), (0, -4.4), (2, -3.6), (3.4, -1.6)):
            c.circle(x + dx * s, y + dy * s, 2 * s, hair)
    elif style == "cap":
        c.draw.chord(c.xy(x - 4.4 * s, y - 4.8 * s, x + 4.4 * s, y + 2 * s), 180, 360, fill=c.pick(c.palette.clothes))
        c.rect(x, y - 2 * s, x + 6 * s, y - 0.9 * s, c.pick(c.palette.clothes), radius=0.5 * s)


def _shade(color: str, amount: int) -> str:
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(max(0, min(255, v + amount)) for v in (r, g, b)))


def _blend(a: str, b: str, t: float) -> str:
    ra, ga, ba = (int(a[i : i + 2], 16) for i in (1, 3, 5))
    rb, gb, bb = (int(b[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(round(u + (v - u) * t) for u, v in ((ra, rb), (ga, gb), (ba, bb))))
