"""Which language of a translated field is required is decided by the content, not globally.

wagtail-modeltranslation makes the network default language required on every translated model
(``title_en``). But a Moscow page needs Russian, a Paris page French, and the network core is
written in French first. The model fields are relaxed here, except for the languages a
registration declares required (``required_languages``, the core's French); ``SpacePageForm``
then requires a page's own space's default language, and ``Space.clean`` a space's.
"""

from modeltranslation.translator import translator


def required_languages(options, field: str) -> tuple[str, ...]:
    """The languages in which ``field`` is required: modeltranslation's ``(language, …)`` form, or its
    ``{language: (field, …)}`` form."""
    declared = options.required_languages or ()
    if isinstance(declared, dict):
        return tuple(language for language, fields in declared.items() if field in fields)
    return tuple(declared)


def relax_required_translations() -> None:
    for model in translator.get_registered_models():
        options = translator.get_options_for_model(model)
        for original, localized_fields in options.all_fields.items():
            keep = required_languages(options, original)
            for localized in localized_fields:
                if localized.language not in keep:
                    model._meta.get_field(localized.name).blank = True
