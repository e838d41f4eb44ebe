"""Edit-form panels: what a translator's save will do, a core item's published versions and
translators; a practice's ties to other spaces."""

from django.urls import reverse
from wagtail.admin.panels import Panel


class VersionHistoryPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "core/admin/version_history_panel.html"

        def is_shown(self):
            return bool(self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            from .history import translations_of

            context["version"] = self.instance.version
            context["translations"] = translations_of(self.instance, latest_per_language=True)
            context["url"] = reverse("socle_core_history", args=(self.instance._meta.model_name, self.instance.pk))
            return context


class TranslationGuidePanel(Panel):
    """For a space's editor, before they save: which of their languages publish at once, which go to
    a coordinator for review, and where their proposals stand."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "core/admin/translation_guide_panel.html"

        def is_shown(self):
            # Only for a space's editor (``translator_form`` sets ``sharing``) with a language to write.
            return (
                bool(self.instance.pk)
                and hasattr(self.form, "sharing")
                and any(not field.disabled for field in self.form.fields.values())
            )

        def get_context_data(self, parent_context=None):
            from .proposals import language_label

            context = super().get_context_data(parent_context)
            sharing = self.form.sharing
            languages = sorted({name.rpartition("_")[2] for name, field in self.form.fields.items()
                                if not field.disabled and "_" in name})  # fmt: skip
            context["review"] = [
                {"name": language_label(code), "spaces": ", ".join(sharing[code])}
                for code in languages
                if code in self.form.review_languages
            ]
            context["direct"] = [language_label(code) for code in languages if code not in self.form.review_languages]
            context["proposals"] = [
                {"language": language_label(code), "proposal": proposal}
                for code, proposal in sorted(self.form.open_proposals.items())
            ]
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
