"""Admin screens of the playbook (coordinators) and of each space's launch checklist (its editors)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, ObjectList
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from sites.core.coordinators import is_coordinator
from sites.spaces.editors import editor_spaces

from .forms import ChecklistStepForm
from .models import ChecklistStep, Stage, Step


def visible_steps(user):
    steps = ChecklistStep.objects.select_related("space", "owner")
    if is_coordinator(user):
        return steps
    return steps.filter(space__in=editor_spaces(user))


class ChecklistIndexView(IndexView):
    def get_base_queryset(self):
        steps = visible_steps(self.request.user).order_by("space__slug", "sort_order")
        space = self.request.GET.get("space", "")
        return steps.filter(space_id=space) if space.isdigit() else steps


class ChecklistEditView(EditView):
    def get_object(self, queryset=None):
        step = super().get_object(queryset)
        if not visible_steps(self.request.user).filter(pk=step.pk).exists():
            raise PermissionDenied
        return step


class ChecklistViewSet(ModelViewSet):
    model = ChecklistStep
    icon = "list-ul"
    # No menu_label here or below: Wagtail's default, the model's plural, keeps the menu and the title one name.
    menu_order = 320
    add_to_admin_menu = True
    inspect_view_enabled = False
    list_display = ["title", "stage_title", "space", "status", "owner", "due_date"]
    list_filter = ["status"]
    index_view_class = ChecklistIndexView
    edit_view_class = ChecklistEditView
    edit_handler = ObjectList(
        [
            HelpPanel(template="playbook/admin/step_help.html"),
            FieldRowPanel([FieldPanel("status"), FieldPanel("due_date")]),
            FieldPanel("owner"),
            FieldPanel("note"),
        ],
        base_form_class=ChecklistStepForm,
    )


class StageViewSet(ModelViewSet):
    model = Stage
    icon = "folder-open-inverse"
    list_display = ["title", "slug", "sort_order"]
    inspect_view_enabled = False


class StepViewSet(ModelViewSet):
    model = Step
    icon = "list-ol"
    list_display = ["title", "stage", "owner_role", "sort_order"]
    list_filter = ["stage", "owner_role"]
    inspect_view_enabled = False


class PlaybookViewSetGroup(ModelViewSetGroup):
    menu_label = _("Playbook")
    menu_icon = "doc-full-inverse"
    menu_order = 215
    items = (StageViewSet("playbook_stages"), StepViewSet("playbook_steps"))
