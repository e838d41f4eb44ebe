"""The admin form of a value or principle.

Coordinators write the core (French first) and publish it with a change note; a local editor may
only write the translations of their own space's languages: every other field, the change note
included, is shown read-only. Each language's translation state is shown beside it.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from sites.spaces.forms import translated_fields
from sites.spaces.languages import network_languages
from sites.translation.forms import label_translation_states

from .coordinators import is_coordinator

FIRST_FIELD = {"Value": "word", "Principle": "statement"}
COORDINATOR_ONLY = {"change_note"}  # a note belongs to the coordinator's publication, not to a space


class CoreItemForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        # Languages whose change goes to a coordinator, and what the draft keeps of them meanwhile.
        self.review_languages: set[str] = set()
        self.held: dict[str, str] = {}
        self.proposals: dict[str, dict] = {}
        if user is not None and not is_coordinator(user):
            editable = editable_languages(user, self.instance.translation_source_language())
            self.limit_to_translations(editable)
            if self.instance.pk:
                from .translator_form import prepare_for_translator

                prepare_for_translator(self, user, editable)
        first = FIRST_FIELD.get(type(self.instance).__name__)
        if first:
            languages = network_languages()
            label_translation_states(self, languages, {code: f"{first}_{code}" for code in languages})

    def limit_to_translations(self, languages: set[str]) -> None:
        localized = translated_fields(type(self.instance))
        for name, field in self.fields.items():
            original, language = localized.get(name, (None, None))
            if original is None or original in COORDINATOR_ONLY or language not in languages:
                field.disabled = True

    def save(self, commit=True):
        # A shared language's change is a proposal: the draft and the live item keep their text.
        from .translator_form import hold_shared_translations

        hold_shared_translations(self)
        return super().save(commit)

    @property
    def publishing(self) -> bool:
        return "action-publish" in self.data

    def clean(self):
        cleaned = super().clean()
        source = self.instance.translation_source_language()
        note = f"change_note_{source}"
        # The first publication needs no note; every later one tells the spaces what changed and why.
        if self.publishing and self.instance.version and note in self.fields and not cleaned.get(note):
            self.add_error(note, _("Write a change note: the spaces read it before they follow the new version."))
        return cleaned


def editable_languages(user, source: str) -> set[str]:
    from .review import editor_spaces

    return {code for space in editor_spaces(user) for code in space.language_codes} - {source}


class AdoptionForm(WagtailAdminModelForm):
    """A space's reading of a principle, written in that space's languages only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        served = self.instance.space.language_codes if self.instance.pk else network_languages()
        for name, (_original, language) in translated_fields(type(self.instance)).items():
            if name in self.fields and language not in served:
                del self.fields[name]  # a Paris reading has no Hindi to write
