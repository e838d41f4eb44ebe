"""Admin wiring of spaces (for coordinators) and the programmes section of a space's home."""

from django.shortcuts import redirect
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSet

from sites.images.pictures import prepare_cards
from sites.pagecache.tags import list_tag, record, record_objects

from .admin_titles import draft_titles_annotation
from .home_sections import first_items
from .models import ProgrammePage, Space


class OpenThroughThePlaybook(CreateView):
    """A new space is opened by the playbook's wizard, which makes everything a space needs."""

    def dispatch(self, request, *args, **kwargs):
        return redirect("playbook_open_space")


class SpaceViewSet(ModelViewSet):
    model = Space
    icon = "globe"
    menu_label = _("Spaces")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "city", "country", "languages", "status"]
    list_filter = ["status", "country"]
    search_fields = ["name", "city", "slug"]
    add_view_class = OpenThroughThePlaybook


@hooks.register("register_admin_viewset")
def register_space_viewset():
    return SpaceViewSet("spaces")


@hooks.register("insert_editor_js")
def narrow_language_picker_to_the_space():
    return format_html('<script src="{}"></script>', static("spaces/js/space_languages.js"))


@hooks.register("insert_global_admin_css")
def keep_sections_of_several_languages_shown():
    return format_html('<link rel="stylesheet" href="{}">', static("spaces/css/language_picker.css"))


@hooks.register("socle_home_sections", order=30)
def programmes_section(home):
    record(list_tag(ProgrammePage))
    programmes, total = first_items(
        ProgrammePage.objects.live().descendant_of(home).order_by("path").select_related("image")
    )
    if not programmes:
        return None
    prepare_cards(programmes)
    index = programmes[0].get_parent()
    record_objects([*programmes, index])
    return {"template": "spaces/sections/programmes.html", "programmes": programmes, "total": total, "index": index}


@hooks.register("construct_explorer_page_queryset")
def explorer_draft_titles(parent_page, pages, request):
    """Each listed page's draft titles come with it: no query per page for its title (admin_titles)."""
    return pages.annotate(**draft_titles_annotation())


@hooks.register("construct_page_chooser_queryset")
def chooser_draft_titles(pages, request):
    return pages.annotate(**draft_titles_annotation())
