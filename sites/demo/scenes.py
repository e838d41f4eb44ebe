"""The demo's scenes of a third place, each a function drawing on a ``drawing.Canvas``.

``picture(scene, city, seed, size)`` gives the PNG bytes of one; the alt texts that describe each
scene are in ``data/images.json``.
"""

import io

from .drawing import PALETTES, Canvas, _shade, cup, lamp, laptop, person, plant, room, shelf, table, window, windows


def hall(c: Canvas):
    """The big room: tall windows, long tables, people at their laptops, plants and lamps."""
    room(c)
    windows(c, count=4 if c.width > 160 else 3)
    for x in (c.width * 0.25, c.width * 0.5, c.width * 0.75):
        lamp(c, x, 6)
    plant(c, 8, 86, 1.3)
    plant(c, c.width - 8, 88, 1.4)
    xs = [c.width * f for f in (0.2, 0.34, 0.5, 0.66, 0.8)]
    for x in xs:
        person(c, x, 74, 0.9, pose="sit", holding=c.pick(("laptop", "laptop", None)))
    table(c, c.width * 0.1, c.width * 0.9, 74)
    for x in xs[::2]:
        cup(c, x + 6, 74, c.pick(c.palette.clothes), 0.8)
    person(c, c.width * 0.12, 99, 1.05, holding="cup")
    person(c, c.width * 0.9, 99, 1.0, pose="stand")


def bar(c: Canvas):
    """The bar: a cook behind the counter, shelves of jars, people on stools with their cups."""
    p = c.palette
    room(c, floor_at=78)
    c.rect(0, 0, c.width, 78, p.accent_wall)
    for y in (22, 36):
        shelf(c, c.width * 0.18, c.width * 0.82, y)
    for x in (c.width * 0.3, c.width * 0.7):
        lamp(c, x, 4)
    cook = c.width * 0.5
    person(c, cook, 66, 1.0, pose="sit")
    c.rect(cook - 3.4, 34, cook + 3.4, 41, "#ffffff", radius=2.5)  # the cook's white hat
    c.rect(cook - 4.3, 40.5, cook + 4.3, 43, "#ffffff", radius=1)
    c.rect(c.width * 0.08, 66, c.width * 0.92, 70, p.wood, radius=0.8)  # the counter
    c.rect(c.width * 0.1, 70, c.width * 0.9, 92, _shade(p.wood, 25))
    for i in range(7):
        c.rect(c.width * 0.1 + i * c.width * 0.115, 73, c.width * 0.1 + i * c.width * 0.115 + 2, 90, _shade(p.wood, 10))
    for x in (c.width * 0.16, c.width * 0.3, c.width * 0.72, c.width * 0.86):
        person(c, x, 99, 1.0, holding="cup", facing_away=c.rng.random() < 0.3)
    for x in (c.width * 0.4, c.width * 0.6):
        cup(c, x, 66, c.pick(p.clothes))
    plant(c, 5, 96, 1.2)


def long_table(c: Canvas):
    """The colunch: one long table, dishes brought from home, everyone around it."""
    p = c.palette
    room(c, floor_at=70)
    windows(c, top=6, bottom=52, count=3)
    lamp(c, c.width * 0.35, 8)
    lamp(c, c.width * 0.65, 8)
    xs = [c.width * f for f in (0.14, 0.27, 0.4, 0.53, 0.66, 0.79, 0.9)]
    for x in xs:
        person(c, x, 78, 1.0, pose="sit", holding="cup" if c.rng.random() < 0.3 else None)
    c.rect(c.width * 0.05, 76, c.width * 0.95, 82, "#ffffff", radius=1)  # the tablecloth
    c.rect(c.width * 0.07, 82, c.width * 0.93, 84, _shade(p.wood, 10))
    for i, x in enumerate(xs):
        c.ellipse(x - 4, 76.5, x + 4, 79.5, c.pick(("#f2b134", "#e4572e", "#7cb342", "#ffcc80")))  # dishes
        c.ellipse(x - 2.5, 76.7, x + 2.5, 78.6, "#ffffff" if i % 2 else "#fff3e0")
    for x in (c.width * 0.3, c.width * 0.6):
        c.ellipse(x - 7, 76, x + 7, 80, "#8d6e63")
        c.ellipse(x - 5, 75, x + 5, 78.5, "#d84315")  # a shared pot
    plant(c, 6, 97, 1.2)


def stage(c: Canvas):
    """A talk: a speaker on a low stage before a screen, the audience from behind."""
    p = c.palette
    room(c, floor_at=66)
    c.rect(0, 0, c.width, 66, _shade(p.wall, -10))
    sx = c.width * 0.5
    c.rect(sx - 30, 10, sx + 30, 44, "#ffffff", radius=1)  # the screen and its slide
    c.rect(sx - 27, 13, sx + 27, 17, c.pick(p.clothes))
    for i, h in enumerate((10, 16, 12, 20, 24)):
        c.rect(sx - 22 + i * 9, 41 - h, sx - 16 + i * 9, 41, p.clothes[i % len(p.clothes)])
    c.rect(c.width * 0.15, 60, c.width * 0.85, 66, p.wood, radius=0.6)  # the stage
    person(c, sx + 36, 60, 1.0, pose="speak")
    for row, (y, s) in enumerate(((86, 1.0), (100, 1.15))):
        count = 6 if row == 0 else 5
        for i in range(count):
            x = c.width * (i + 0.5 + (0.25 if row else 0)) / count
            person(c, x, y, s, pose="sit", facing_away=True)
    plant(c, 6, 66, 1.1)
    plant(c, c.width - 6, 66, 1.1)


def desks(c: Canvas):
    """Coworking: desks by the windows, laptops, a shelf of books and plants."""
    room(c)
    windows(c, count=3)
    shelf(c, 4, c.width * 0.2, 66)
    for x in (c.width * 0.3, c.width * 0.7):
        person(c, x, 76, 0.95, pose="sit", holding="laptop")
    table(c, c.width * 0.18, c.width * 0.82, 76)
    cup(c, c.width * 0.5, 76, c.pick(c.palette.clothes))
    person(c, c.width * 0.86, 99, 1.0, holding="cup")
    plant(c, c.width * 0.5, 99, 1.3)
    laptop(c, c.width * 0.42, 76, 0.8)


def circle(c: Canvas):
    """A round: chairs in a circle, everyone in turn, a rug, tea."""
    p = c.palette
    room(c, floor_at=55)
    windows(c, top=6, bottom=42, count=3)
    c.ellipse(c.width * 0.2, 62, c.width * 0.8, 95, _shade(c.pick(p.clothes), 60))  # the rug
    cup(c, c.width * 0.5, 80, "#ffffff", 1.2)
    spots = [
        (0.22, 72, False),
        (0.36, 64, False),
        (0.5, 62, False),
        (0.64, 64, False),
        (0.78, 72, False),
        (0.3, 98, True),
        (0.5, 100, True),
        (0.7, 98, True),
    ]
    for fx, y, back in sorted(spots, key=lambda spot: spot[1]):
        x = c.width * fx
        c.rect(x - 5, y - 2, x + 5, y + 1, p.wood, radius=0.6)  # a chair
        person(
            c,
            x,
            y - 1.5,
            0.9 if not back else 1.1,
            pose="sit",
            facing_away=back,
            holding="cup" if c.rng.random() < 0.35 else None,
        )
    plant(c, 6, 60, 1.0)


def workshop(c: Canvas):
    """A workshop: sticky notes on a whiteboard, people standing around it, one pointing."""
    p = c.palette
    room(c)
    window(c, c.width * 0.72, 8, c.width * 0.24, 50)
    c.rect(c.width * 0.06, 10, c.width * 0.66, 52, "#ffffff", radius=1, outline=_shade(p.wall, -40), width=0.6)
    for row in range(3):
        for col in range(7):
            if c.rng.random() < 0.78:
                x = c.width * 0.09 + col * c.width * 0.08
                y = 14 + row * 12
                c.rect(x, y, x + 6, y + 7, c.pick(("#ffe066", "#ff8fab", "#8fd3ff", "#b8f2a1", "#ffb566")))
    c.line([(c.width * 0.1, 48), (c.width * 0.3, 44), (c.width * 0.5, 46)], p.ink, 0.4)
    person(c, c.width * 0.6, 99, 1.05, pose="speak")
    for x in (c.width * 0.16, c.width * 0.32, c.width * 0.46):
        person(c, x, 99, 1.0, facing_away=c.rng.random() < 0.5, holding=c.pick(("cup", None)))
    person(c, c.width * 0.84, 99, 1.0, holding="cup")


def kitchen(c: Canvas):
    """The kitchen: a stove and pots, utensils on the wall, people cooking together."""
    p = c.palette
    room(c, floor_at=80)
    c.rect(0, 30, c.width, 62, _shade(p.accent_wall, 10))
    for i in range(int(c.width / 6)):  # tiles
        c.line([(i * 6, 30), (i * 6, 62)], _shade(p.accent_wall, -10), 0.25)
    window(c, c.width * 0.38, 6, c.width * 0.24, 20)
    for i in range(5):  # utensils on a rail
        x = c.width * 0.08 + i * 4
        c.line([(x, 34), (x, 44)], p.ink, 0.5)
        c.circle(x, 45, 1.2, p.ink)
    for x in (c.width * 0.35, c.width * 0.6, c.width * 0.82):
        person(c, x, 64, 1.0, pose="sit", holding="cup" if x > c.width * 0.8 else None)
    c.rect(0, 62, c.width, 66, "#eceff1")  # the worktop
    c.rect(0, 66, c.width, 90, p.wood)
    for i in range(6):
        c.rect(i * c.width / 6 + 1, 68, (i + 1) * c.width / 6 - 1, 88, _shade(p.wood, 12), radius=0.6)
    for x, color in ((c.width * 0.18, "#455a64"), (c.width * 0.28, "#c62828")):
        c.rect(x - 5, 54, x + 5, 62, color, radius=1.2)  # pots on the stove
        c.rect(x - 6, 53, x + 6, 54.5, _shade(color, -20))
    c.ellipse(c.width * 0.45, 58, c.width * 0.55, 62, "#8bc34a")
    plant(c, c.width - 6, 62, 0.8)


def call(c: Canvas):
    """A network call: the other spaces on a big screen, the room watching with tea."""
    p = c.palette
    room(c, floor_at=68)
    sx = c.width * 0.5
    c.rect(sx - 38, 8, sx + 38, 50, p.ink, radius=1.2)
    for i in range(3):
        x1 = sx - 36 + i * 24.7
        tile = _shade(c.pick(p.outside), 10)
        c.rect(x1, 10, x1 + 23.5, 48, tile)
        window(c, x1 + 2, 12, 19.5, 12)
        person(c, x1 + 11.75, 48, 0.9, pose="sit")
    xs = [c.width * f for f in (0.2, 0.4, 0.6, 0.8)]
    for x in xs:
        person(c, x, 84, 1.0, pose="sit", facing_away=True)
    table(c, c.width * 0.1, c.width * 0.9, 84)
    for x in xs:
        cup(c, x + 7, 84, c.pick(p.clothes))
    plant(c, 6, 70, 1.0)
    plant(c, c.width - 6, 70, 1.0)


def street(c: Canvas):
    """The space from the street: a big glass front, its door open, people and bicycles outside."""
    p = c.palette
    c.rect(0, 0, c.width, 100, p.sky)
    c.rect(c.width * 0.05, 6, c.width * 0.95, 80, c.pick(p.outside))  # the facade
    for i in range(4):
        x = c.width * 0.08 + i * c.width * 0.22
        c.rect(x, 12, x + c.width * 0.18, 30, _shade(p.wall, -5), radius=0.8)
    c.rect(c.width * 0.08, 38, c.width * 0.92, 78, p.wall)  # the glass front and the room inside
    for x in (c.width * 0.25, c.width * 0.55):  # warm lights inside
        c.ellipse(x - 8, 40, x + 8, 48, p.light)
    for x in (c.width * 0.2, c.width * 0.62, c.width * 0.78):
        person(c, x, 78, 0.7, pose="sit", holding="laptop")
    c.rect(c.width * 0.42, 46, c.width * 0.5, 78, _shade(p.wood, -10))  # the open door
    c.rect(c.width * 0.08, 36, c.width * 0.92, 38, p.clothes[0])  # the awning
    c.rect(0, 80, c.width, 100, "#b0a99f")  # the pavement
    c.rect(0, 80, c.width, 81, "#8f887e")
    for x in (c.width * 0.12, c.width * 0.88):  # trees
        c.rect(x - 1, 56, x + 1, 90, "#6d4c41")
        c.circle(x, 52, 9, c.pick(p.greens))
        c.circle(x - 5, 58, 6, c.pick(p.greens))
    for x in (c.width * 0.3, c.width * 0.46, c.width * 0.62):
        person(c, x, 99, 1.05, holding=c.pick(("cup", None)))
    bx = c.width * 0.74  # a bicycle
    for wx in (bx - 5, bx + 5):
        c.draw.ellipse(c.xy(wx - 4, 88, wx + 4, 96), outline=p.ink, width=int(0.6 * c.scale))
    c.line([(bx - 5, 92), (bx, 88), (bx + 5, 92), (bx - 1, 92), (bx - 5, 92)], c.pick(p.clothes), 0.6)


SCENES = {
    "hall": hall,
    "bar": bar,
    "long_table": long_table,
    "stage": stage,
    "desks": desks,
    "circle": circle,
    "workshop": workshop,
    "kitchen": kitchen,
    "call": call,
    "street": street,
}


def picture(scene: str, city: str, seed: str, size: tuple[int, int]) -> bytes:
    """The PNG of a scene in a city's palette; the seed varies its people, always the same way."""
    canvas = Canvas(size, PALETTES[city], f"{city}:{scene}:{seed}")
    SCENES[scene](canvas)
    out = io.BytesIO()
    canvas.finished().save(out, "PNG", optimize=False)
    return out.getvalue()
