"""Admin for a space's adoptions: its editors write how their space reads each principle."""

from django.core.exceptions import PermissionDenied
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from .coordinators import is_coordinator
from .models import Adoption
from .review import editor_spaces


def visible_adoptions(user):
    adoptions = Adoption.objects.select_related("space", "principle")
    if is_coordinator(user):
        return adoptions
    return adoptions.filter(space__in=editor_spaces(user))


class AdoptionIndexView(IndexView):
    def get_base_queryset(self):
        return visible_adoptions(self.request.user).order_by("space__slug", "principle__sort_order")


class AdoptionEditView(EditView):
    def get_object(self, queryset=None):
        adoption = super().get_object(queryset)
        if not visible_adoptions(self.request.user).filter(pk=adoption.pk).exists():
            raise PermissionDenied
        return adoption


class AdoptionViewSet(ModelViewSet):
    model = Adoption
    icon = "tick-inverse"
    # No menu_label: Wagtail's default, the model's plural, keeps the menu and the page's title one name.
    menu_order = 310
    add_to_admin_menu = True
    inspect_view_enabled = False
    list_display = ["principle", "space", "adopted_version", "latest_version"]
    index_view_class = AdoptionIndexView
    edit_view_class = AdoptionEditView
