"""Admin screens of the network core: values and principles, with drafts, versions and translations.

Coordinators save drafts and publish them (each publication is a version, see ``publishing``).
A local editor's save writes only translations into their space's languages: while nothing else is
waiting to be published, the translation goes live at once and makes no new version; while a
coordinator's draft is pending, it joins that draft and goes live with it.
"""

from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import LiveStatusTagColumn, UpdatedAtColumn
from wagtail.snippets.views.snippets import EditView, SnippetViewSet, SnippetViewSetGroup

from .coordinators import is_coordinator
from .models import Principle, Value


class CoreItemEditView(EditView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if not is_coordinator(request.user):
            # An editor's save publishes their translation: it must come from the button, not a timer.
            self.autosave_enabled = False

    def save_instance(self):
        user = self.request.user
        self.translated_live = False
        draft_pending = self.object.has_unpublished_changes
        instance = super().save_instance()  # a revision, as for any draft
        if is_coordinator(user) or not instance.live or draft_pending:
            return instance
        written = [name for name in self.form.changed_data if not self.form.fields[name].disabled]
        instance.live_revision = instance.latest_revision
        instance.has_unpublished_changes = False
        instance.save(update_fields=[*written, "live_revision", "has_unpublished_changes"])
        self.translated_live = True
        return instance

    def get_success_message(self, instance=None):
        if is_coordinator(self.request.user) or self.action != "edit":
            return super().get_success_message(instance)
        if self.translated_live:
            return _("Your translation of “%(object)s” is published.") % {"object": self.object}
        return _(
            "Your translation of “%(object)s” is saved in the draft a coordinator has not published yet;"
            " it will be published with it."
        ) % {"object": self.object}


def status_columns():
    """The status and last update columns, their headers translated when a listing is drawn.

    Wagtail's columns translate their default header when they are made, here at import time, in
    the default language: a Russian listing would say "Status" and "Updated".
    """
    return [LiveStatusTagColumn(label=gettext_lazy("Status")), UpdatedAtColumn(label=gettext_lazy("Updated"))]


class CoreItemViewSet(SnippetViewSet):
    edit_view_class = CoreItemEditView

    @property
    def breadcrumbs_items(self):
        # Wagtail's own translates "Home" once, at start-up, in the default language.
        return [{"url": reverse_lazy("wagtailadmin_home"), "label": gettext_lazy("Home")}]


class ValueViewSet(CoreItemViewSet):
    model = Value
    icon = "tag"
    menu_label = gettext_lazy("Values")
    list_display = ["word", "slug", "version", *status_columns()]
    search_fields = ["word", "meaning"]


class PrincipleViewSet(CoreItemViewSet):
    model = Principle
    icon = "pick"
    menu_label = gettext_lazy("Principles")
    list_display = ["statement", "slug", "version", *status_columns()]
    search_fields = ["statement"]


class CoreViewSetGroup(SnippetViewSetGroup):
    menu_label = gettext_lazy("Network core")
    menu_icon = "site"
    menu_order = 200
    items = (PrincipleViewSet, ValueViewSet)
