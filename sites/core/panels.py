"""Edit-form panels: a core item's published versions; a practice's ties to other spaces."""

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


class PeerAdoptionsPanel(Panel):
    """Where a practice came from, and which spaces have adopted it since."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "core/admin/peer_adoptions_panel.html"

        def is_shown(self):
            return bool(self.instance.pk) and (self.instance.origin_id or self.instance.peer_adoptions.exists())

        def get_context_data(self, parent_context=None):
            from sites.spaces.models import Space

            context = super().get_context_data(parent_context)
            origin = self.instance.origin
            copies = list(self.instance.peer_adoptions.all().order_by("path"))
            spaces = Space.objects.by_page([origin, *copies] if origin else copies)
            context["origin"] = origin
            context["origin_space"] = spaces.get(origin.pk) if origin else None
            context["adoptions"] = [(copy, spaces.get(copy.pk)) for copy in copies]
            return context
