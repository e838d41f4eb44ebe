"""The project's rules hold as system checks."""

import pytest
from django.core import checks
from django.test import override_settings


def test_the_project_passes_its_own_checks():
    assert checks.run_checks(tags=None) == []


@override_settings(WAGTAIL_I18N_ENABLED=True)
def test_wagtail_i18n_alongside_modeltranslation_is_an_error():
    from sites.spaces.checks import check_translation_setup

    assert [error.id for error in check_translation_setup(None)] == ["socle.E001"]


@pytest.mark.django_db
def test_no_group_but_superusers_may_manage_users_or_groups():
    from django.contrib.auth.models import Group, Permission

    from sites.tenancy.checks import no_group_manages_users

    assert no_group_manages_users(None, databases=["default"]) == []  # the spaces' groups as made
    group = Group.objects.get(name="moscow moderators")
    group.permissions.add(Permission.objects.get(content_type__app_label="auth", codename="change_user"))
    [error] = no_group_manages_users(None, databases=["default"])
    assert error.id == "socle.E010" and "moscow moderators" in error.msg
