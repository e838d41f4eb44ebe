"""The admin edit form of a space's pages: only the space's languages, its default one required."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation import settings as mt_settings
from modeltranslation.translator import NotRegistered, translator
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import TitleFieldPanel

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


# A page's go-live and expiry dates (Wagtail's scheduled publishing).
SCHEDULE_FIELDS = ("go_live_at", "expire_at")


def only_served_languages(formset, served: list[str]) -> None:
    """The formset's forms, and those the editor adds ("Add photo"), without other languages' fields."""
    unserved = [
        name for name, (_original, language) in translated_fields(formset.model).items() if language not in served
    ]
    if not unserved:
        return
    base = type(formset)

    def add_fields(self, form, index):
        base.add_fields(self, form, index)
        for name in unserved:
            form.fields.pop(name, None)

    formset.__class__ = type(base.__name__, (base,), {"add_fields": add_fields})
    for form in formset.forms:
        for name in unserved:
            form.fields.pop(name, None)


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
                self._slug_follows(field)
        for formset in getattr(self, "formsets", {}).values():  # a home's gallery captions, say
            only_served_languages(formset, served)
        label_translation_states(self, served, {language: f"title_{language}" for language in served})
        time_zone_help = _("Times are in the space's time zone (%(zone)s).") % {"zone": self.space.time_zone}
        for field in self.fields.values():
            if isinstance(field, forms.DateTimeField):
                field.help_text = time_zone_help
        # Go-live and expiry dates are shown, as they are read, on the space's clock. Wagtail renders
        # the form after its view has returned, in the editor's own zone (UTC unless set), while the
        # edit view reads it in the space's: every save of a scheduled page moved its date by the
        # difference (three hours earlier in Moscow). A naive wall-clock time is shown as it is.
        for name in SCHEDULE_FIELDS:
            value = self.initial.get(name)
            if value is not None and timezone.is_aware(value):
                self.initial[name] = timezone.localtime(value, self.space.zone).replace(tzinfo=None)

    def _slug_follows(self, title) -> None:
        """A new page's slug is typed for the editor from its title in the space's default language.

        wagtail-modeltranslation ties the slug to the title of the network's default language
        (English) alone: a Moscow editor who titles a page in Russian found the slug empty, and the
        page refused, on a tab they had not opened. The same sync as Wagtail's own title field.
        """
        if "slug" not in self.fields or self.instance.live and self.instance.pk:
            return
        if self.space.default_language == mt_settings.DEFAULT_LANGUAGE:
            return  # wagtail-modeltranslation's own title panel already does it
        title.widget.attrs.update({
            "data-controller": "w-sync",
            "data-action": " ".join(TitleFieldPanel.BoundPanel.apply_actions),
            "data-w-sync-target-value": f"#{self['slug'].id_for_label}",
        })  # fmt: skip

    def clean_go_live_at(self):
        return self._on_the_spaces_clock("go_live_at")

    def clean_expire_at(self):
        return self._on_the_spaces_clock("expire_at")

    def _on_the_spaces_clock(self, name: str):
        """The date as typed, in the space's zone, whatever zone the admin had active when reading it."""
        value = self.cleaned_data.get(name)
        if value is None or self.space is None or timezone.is_naive(value):
            return value
        return timezone.make_naive(value).replace(tzinfo=self.space.zone)
