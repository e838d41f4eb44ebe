"""The home's practical block (first of its sections) and the space's schema.org description."""

from wagtail import hooks

from .info import visit_info
from .structured_data import place_objects


@hooks.register("socle_home_sections", order=5)
def practical_section(home):
    info = visit_info(home.space, home)
    if info is None or info.page is None:
        return None
    return {"template": "visits/sections/practical.html", "visit": info}


@hooks.register("socle_structured_data")
def place_structured_data(page, request):
    return place_objects(page, request)
