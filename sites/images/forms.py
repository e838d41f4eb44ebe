"""The image form of the admin (upload, edit, chooser): the alt text in every language, required in
the default language of the space whose collection holds the image."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.images.forms import BaseImageForm

from .models import alt_text_fields


def space_of_collection(collection):
    """The space whose collection (named by its slug, ``playbook.groups.ensure_collection``) holds
    this one, itself or above it; None for the network's own collections."""
    from sites.spaces.models import Space

    if collection is None:
        return None
    names = [ancestor.name for ancestor in collection.get_ancestors(inclusive=True)]
    spaces = {space.slug: space for space in Space.objects.filter(slug__in=names)}
    return next((spaces[name] for name in reversed(names) if name in spaces), None)


class SpaceImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        from sites.spaces.languages import language_name_for_reader

        super().__init__(*args, **kwargs)
        for field_name in alt_text_fields():
            if field_name in self.fields:
                code = field_name.rsplit("_", 1)[1]
                field = self.fields[field_name]
                field.label = _("Alt text (%(language)s)") % {"language": language_name_for_reader(code)}
                field.help_text = _(
                    "What the image shows, for people who cannot see it. Required in the default language "
                    "of the space whose collection holds the image; a language left empty shows that one."
                )

    def clean(self):
        cleaned = super().clean()
        fields = [name for name in alt_text_fields() if name in self.fields]
        if not fields:
            return cleaned
        collection = cleaned.get("collection") if "collection" in self.fields else self.instance.collection
        space = space_of_collection(collection)
        if space is not None:
            required = f"description_{space.default_language}"
            if required in self.fields and not (cleaned.get(required) or "").strip():
                from sites.spaces.languages import language_name_for_reader

                self.add_error(
                    required,
                    ValidationError(
                        _(
                            "Write the alt text in %(language)s, the default language of %(space)s: "
                            "screen readers read it to people who cannot see the image."
                        ),
                        code="alt_text_required",
                        params={
                            "language": language_name_for_reader(space.default_language),
                            "space": space.name,
                        },
                    ),
                )
        elif not any((cleaned.get(name) or "").strip() for name in fields):
            self.add_error(
                fields[0],
                ValidationError(
                    _(
                        "Write the alt text in at least one language: screen readers read it to people "
                        "who cannot see the image."
                    ),
                    code="alt_text_required",
                ),
            )
        return cleaned
