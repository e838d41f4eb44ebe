"""The admin edit form of a space's pages: only the space's languages, its default one required."""

from django import forms
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator
from wagtail.admin.forms import WagtailAdminPageForm

from sites.translation.forms import label_translation_states


def translated_fields(model) -> dict[str, tuple[str, str]]:
    """Map each localized form field name (``title_ru``) to its (original field, language)."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return {}
    return {
        localized.name: (original, localized.language)
        for original, localized_fields in options.all_fields.items()
        for localized in localized_fields
    }


class SpacePageForm(WagtailAdminPageForm):
    # Original fields that a page cannot be published without, in the space's default language.
    required_in_default_language = ("title",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .models.space import Space

        anchor = self.instance if self.instance.pk else self.parent_page
        self.space = Space.objects.for_page(anchor)
        if not self.instance.pk:
            # A page being created has no place in the tree yet: it belongs to its parent's space
            # (its preview modes are that space's languages).
            self.instance.__dict__["_space"] = self.space
        if self.space is None:
            return
        served = self.space.language_codes
        for name, (original, language) in translated_fields(type(self.instance)).items():
            if name not in self.fields:
                continue
            if language not in served:
                # A Paris page has no Hindi fields to fill.
                del self.fields[name]
                continue
            field = self.fields[name]
            if original in self.required_in_default_language:
                field.required = language == self.space.default_language
            if original == "title" and language == self.space.default_language:
                # Read by spaces/js/space_languages.js to narrow the admin's language picker.
                field.widget.attrs["data-space-languages"] = ",".join(served)
        label_translation_states(self, served, {language: f"title_{language}" for language in served})
        time_zone_help = _("Times are in the space's time zone (%(zone)s).") % {"zone": self.space.time_zone}
        for field in self.fields.values():
            if isinstance(field, forms.DateTimeField):
                field.help_text = time_zone_help
