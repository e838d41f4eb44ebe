"""An edit-form panel linking a value or principle to its published versions."""

from django.urls import reverse
from wagtail.admin.panels import Panel


class VersionHistoryPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "core/admin/version_history_panel.html"

        def is_shown(self):
            return bool(self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["version"] = self.instance.version
            context["url"] = reverse("socle_core_history", args=(self.instance._meta.model_name, self.instance.pk))
            return context
