"""The project's rules hold as system checks."""

from django.core import checks
from django.test import override_settings


def test_the_project_passes_its_own_checks():
    assert checks.run_checks(tags=None) == []


@override_settings(WAGTAIL_I18N_ENABLED=True)
def test_wagtail_i18n_alongside_modeltranslation_is_an_error():
    from sites.spaces.checks import check_translation_setup

    assert [error.id for error in check_translation_setup(None)] == ["socle.E001"]
