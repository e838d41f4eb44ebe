"""Admin wiring of the network core, and the core's sections on a space's home page."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .adoptions_admin import AdoptionViewSet
from .forms import is_coordinator
from .history import compare_view, history_view
from .models import PracticePage, Principle, PrinciplesPage, Value
from .peers import adopt_view, peer_practices_view
from .publishing import publish
from .review import PrincipleUpdatesPanel, acknowledge_view, editor_spaces


class ValueViewSet(SnippetViewSet):
    model = Value
    icon = "tag"
    menu_label = _("Values")
    list_display = ["word", "slug"]
    search_fields = ["word", "meaning"]


class PrincipleViewSet(SnippetViewSet):
    model = Principle
    icon = "pick"
    menu_label = _("Principles")
    list_display = ["statement", "slug"]
    search_fields = ["statement"]


class CoreViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Network core")
    menu_icon = "site"
    menu_order = 200
    items = (PrincipleViewSet, ValueViewSet)


register_snippet(CoreViewSetGroup)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def publish_core_item(request, instance):
    # Every save of a value or principle by a coordinator is published as its next version; a local
    # editor's save only adds translations, which change no version.
    if isinstance(instance, Value | Principle) and is_coordinator(request.user):
        publish(instance, request.user)


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
def principles_section(request, home):
    return {
        "template": "core/sections/principles.html",
        "values": list(Value.objects.all()),
        "principles_count": Principle.objects.count(),
        "principles_page": PrinciplesPage.objects.child_of(home).live().first(),
    }


@hooks.register("socle_home_sections", order=20)
def practices_section(request, home):
    practices = list(
        PracticePage.objects.live().descendant_of(home).order_by("path").prefetch_related("principles")[:6]
    )
    if not practices:
        return None
    return {"template": "core/sections/practices.html", "practices": practices}
