"""Which language of a page's translated fields is required is decided per space, not globally.

wagtail-modeltranslation makes the network default language's title required on every page
(``title_en``); a Moscow page needs Russian, a Paris page French. The model fields are relaxed
here, and ``SpacePageForm`` requires the page's own space's default language instead.
"""

from modeltranslation.translator import translator
from wagtail.models import Page


def relax_required_translations() -> None:
    for model in translator.get_registered_models():
        if not issubclass(model, Page):
            continue
        for localized_fields in translator.get_options_for_model(model).all_fields.values():
            for localized in localized_fields:
                model._meta.get_field(localized.name).blank = True
