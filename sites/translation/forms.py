"""Show editors, next to each language, whether its translation is up to date."""

from .state import STATE_LABELS, translation_states


def label_translation_states(form, languages: list[str] | None, first_field_of: dict[str, str]) -> None:
    """Append each language's state to the label of its first field in the form (e.g. ``title_ru``)."""
    if not form.instance.pk:
        return
    for language, state in translation_states(form.instance, languages).items():
        name = first_field_of.get(language)
        if name in form.fields:
            form.fields[name].label = f"{form.fields[name].label} — {STATE_LABELS[state]}"
