"""Admin wiring of the network core, and the core's sections on a space's home page."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.action_menu import SaveMenuItem
from wagtail.snippets.models import register_snippet

from sites.images.pictures import prepare_cards
from sites.pagecache.tags import list_tag, record, record_objects
from sites.spaces.home_sections import first_items

from .adoptions_admin import AdoptionViewSet
from .coordinators import is_coordinator
from .history import compare_view, history_view
from .models import PracticePage, Principle, PrinciplesPage, Value
from .peers import adopt_view, peer_practices_view
from .review import PrincipleUpdatesPanel, acknowledge_view, editor_spaces
from .viewsets import CoreViewSetGroup

register_snippet(CoreViewSetGroup)


@hooks.register("insert_editor_js")
def open_the_language_picker_on_the_editors_languages():
    return format_html('<script src="{}"></script>', static("core/js/core_languages.js"))


@hooks.register("insert_global_admin_css")
def translation_css():
    return format_html('<link rel="stylesheet" href="{}">', static("core/css/translation.css"))


class SaveTranslationMenuItem(SaveMenuItem):
    """A space's editor saves translations, which publish or propose them: never "a draft"."""

    template_name = "core/admin/save_translation.html"


@hooks.register("construct_snippet_action_menu")
def save_translation_button(menu_items, request, context):
    if context.get("model") not in (Principle, Value) or is_coordinator(request.user):
        return
    for index, item in enumerate(menu_items):
        if isinstance(item, SaveMenuItem):
            menu_items[index] = SaveTranslationMenuItem(order=item.order)


@hooks.register("construct_homepage_panels")
def principle_updates_panel(request, panels):
    panels.append(PrincipleUpdatesPanel(request))


@hooks.register("register_admin_urls")
def review_urls():
    return [
        path(
            "principles/<int:space_id>/<int:principle_id>/acknowledge/",
            acknowledge_view,
            name="socle_acknowledge_principle",
        ),
        path("practices/peers/", peer_practices_view, name="socle_peer_practices"),
        path("practices/peers/<int:practice_id>/adopt/", adopt_view, name="socle_adopt_peer_practice"),
        path("core/<str:model_name>/<int:pk>/history/", history_view, name="socle_core_history"),
        path(
            "core/<str:model_name>/<int:pk>/compare/<int:old>/<int:new>/",
            compare_view,
            name="socle_core_compare",
        ),
    ]


@hooks.register("register_admin_viewset")
def register_adoption_viewset():
    return AdoptionViewSet("adoptions")


class PeerPracticesMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(editor_spaces(request.user))


@hooks.register("register_admin_menu_item")
def peer_practices_menu_item():
    return PeerPracticesMenuItem(
        _("Practices of other spaces"), reverse("socle_peer_practices"), icon_name="group", order=300
    )


@hooks.register("socle_home_sections", order=10)
def principles_section(home):
    record(list_tag(Principle), list_tag(Value), list_tag(PrinciplesPage))
    principles_page = PrinciplesPage.objects.child_of(home).live().first()
    record_objects([principles_page] if principles_page else [])
    return {
        "template": "core/sections/principles.html",
        "values": list(Value.objects.published()),
        "principles_count": Principle.objects.published().count(),
        "principles_page": principles_page,
    }


@hooks.register("socle_home_sections", order=20)
def practices_section(home):
    record(list_tag(Principle), list_tag(PracticePage))  # each practice names the principles it embodies
    practices, total = first_items(
        PracticePage.objects.live()
        .descendant_of(home)
        .order_by("path")
        .select_related("image")
        .prefetch_related("principles")
    )
    if not practices:
        return None
    prepare_cards(practices)
    index = practices[0].get_parent()
    record_objects([*practices, index])
    return {"template": "core/sections/practices.html", "practices": practices, "total": total, "index": index}
