"""Admin screens of the network core: values and principles, with drafts, versions and translations.

Coordinators save drafts and publish them (each publication is a version, see ``publishing``).
A local editor's save writes only translations into their space's languages. A language another
open space publishes too is proposed to the coordinators (``proposals``); the others go live at
once and make no new version while nothing else is waiting to be published; while a
coordinator's draft is pending, they join that draft and go live with it.
"""

from django.db import transaction
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import LiveStatusTagColumn, UpdatedAtColumn
from wagtail.snippets.views.snippets import EditView, SnippetViewSet, SnippetViewSetGroup

from sites.translation.state import words

from .coordinators import is_coordinator
from .models import Principle, Value
from .proposals import language_label, live_texts, propose, record_direct
from .publishing import purge_everywhere


class CoreItemEditView(EditView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if not is_coordinator(request.user):
            # An editor's save publishes their translation: it must come from the button, not a timer.
            self.autosave_enabled = False

    @transaction.atomic
    def save_instance(self):
        user = self.request.user
        self.translated_live = False
        self.proposed: list[str] = []
        self.direct: list[str] = []
        draft_pending = self.object.has_unpublished_changes
        instance = super().save_instance()  # a revision, as for any draft (shared languages held back)
        if is_coordinator(user):
            return instance
        self.proposed = sorted(self.form.proposals)
        for language, texts in self.form.proposals.items():
            propose(instance, language, texts, user)
        written = [
            name
            for name in self.form.changed_data
            if not self.form.fields[name].disabled and name not in self.form.held
        ]
        previous = live_texts(instance, written)
        # The rich text editor may rewrite a text it did not change: only changed words are a translation.
        really = [name for name in written if words(previous[name]) != words(getattr(instance, name))]
        self.direct = sorted({name.rpartition("_")[2] for name in really})
        for language in self.direct:
            names = [name for name in really if name.endswith(f"_{language}")]
            record_direct(instance, language, {name: getattr(instance, name) for name in names},
                          {name: previous[name] for name in names}, user)  # fmt: skip
        if not instance.live or draft_pending:
            return instance
        instance.live_revision = instance.latest_revision
        instance.has_unpublished_changes = False
        instance.save(update_fields=[*written, "live_revision", "has_unpublished_changes"])
        if written:
            transaction.on_commit(lambda: purge_everywhere(instance))
        self.translated_live = True
        return instance

    def get_success_message(self, instance=None):
        if is_coordinator(self.request.user) or self.action != "edit":
            return super().get_success_message(instance)
        names = {"object": self.object}
        said = []
        if self.direct:
            names["direct"] = ", ".join(language_label(code) for code in self.direct)
            if self.translated_live:
                said.append(_("Your translation of “%(object)s” is published (%(direct)s).") % names)
            else:
                said.append(
                    _("Your translation of “%(object)s” (%(direct)s) is saved in the draft a coordinator has not"
                      " published yet; it will be published with it.") % names
                )  # fmt: skip
        if self.proposed:
            names["proposed"] = ", ".join(language_label(code) for code in self.proposed)
            said.append(
                _("Your change to %(proposed)s is proposed to the coordinators: other spaces publish it too, so it"
                  " is published once a coordinator accepts it.") % names
            )  # fmt: skip
        if not said:
            return _("Nothing changed in your translations of “%(object)s”.") % names
        return " ".join(said)


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
