"""The project's own rules, enforced as system checks (CI runs ``manage.py check``)."""

from django.apps import apps
from django.conf import settings
from django.core import checks
from modeltranslation.translator import NotRegistered, translator
from wagtail.models import Page


@checks.register()
def check_translation_setup(app_configs, **kwargs):
    errors = []
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        errors.append(
            checks.Error(
                "WAGTAIL_I18N_ENABLED is on alongside wagtail-modeltranslation.",
                hint="Socle translates fields with modeltranslation; turn WAGTAIL_I18N_ENABLED off.",
                id="socle.E001",
            )
        )
    if "django.contrib.sites" in settings.INSTALLED_APPS:
        errors.append(
            checks.Error(
                "django.contrib.sites is installed.",
                hint="Wagtail's Site is the site model here; the project package is itself named 'sites'.",
                id="socle.E002",
            )
        )
    if settings.LANGUAGE_CODE not in dict(settings.LANGUAGES):
        errors.append(checks.Error("LANGUAGE_CODE is not one of LANGUAGES.", id="socle.E003"))
    return errors


@checks.register()
def check_pages_are_translated(app_configs, **kwargs):
    """Every page type of the project must be registered with modeltranslation, or its admin
    form and its fallbacks silently lose the translated fields of Page."""
    errors = []
    for model in apps.get_models():
        if not issubclass(model, Page) or model is Page or not model.__module__.startswith("sites."):
            continue
        try:
            translator.get_options_for_model(model)
        except NotRegistered:
            errors.append(
                checks.Error(
                    f"{model._meta.label} is a page type not registered for translation.",
                    hint="Register it in its app's translation.py (fields may be empty).",
                    obj=model,
                    id="socle.E004",
                )
            )
    return errors
