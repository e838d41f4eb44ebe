"""The admin form of a value or principle: each language's translation state beside it."""

from wagtail.admin.forms import WagtailAdminModelForm

from sites.spaces.languages import network_languages
from sites.translation.forms import label_translation_states

FIRST_FIELD = {"Value": "word", "Principle": "statement"}


class CoreItemForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        first = FIRST_FIELD.get(type(self.instance).__name__)
        if first:
            languages = network_languages()
            label_translation_states(self, languages, {code: f"{first}_{code}" for code in languages})
