"""Joining a space's editors or moderators puts a profile without a time zone on the space's clock."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

from tests.helpers import client_for

pytestmark = pytest.mark.django_db


def profile_of(user) -> tuple[str, str]:
    profile = UserProfile.get_for_user(user)
    return profile.current_time_zone, profile.preferred_language


def test_a_new_moscow_editor_reads_the_admin_on_moscows_clock():
    user = get_user_model().objects.create_user("new-moscow-editor")
    assert profile_of(user) == ("", "")
    user.groups.add(Group.objects.get(name="moscow editors"))
    assert profile_of(user) == ("Europe/Moscow", "")  # the language follows their browser


def test_added_from_the_groups_side_too():
    user = get_user_model().objects.create_user("new-bangalore-moderator")
    Group.objects.get(name="bangalore moderators").user_set.add(user)
    assert profile_of(user) == ("Asia/Kolkata", "")


def test_what_the_person_chose_is_kept():
    user = get_user_model().objects.create_user("moscow-editor-in-english")
    profile = UserProfile.get_for_user(user)
    profile.current_time_zone = "Europe/Paris"
    profile.preferred_language = "en"
    profile.save()
    user.groups.add(Group.objects.get(name="moscow editors"))
    assert profile_of(user) == ("Europe/Paris", "en")


def test_a_group_of_no_space_changes_nothing():
    user = get_user_model().objects.create_user("network-friend")
    user.groups.add(Group.objects.create(name="moscow friends"), Group.objects.create(name="atlantis editors"))
    assert profile_of(user) == ("", "")


def test_a_coordinator_adding_an_editor_in_the_admin_settles_them_on_the_spaces_clock():
    coordinator = get_user_model().objects.create_superuser("users-coordinator", "c@example.org", "x")
    client = client_for("localhost")
    client.force_login(coordinator)
    moscow_editors = Group.objects.get(name="moscow editors")
    response = client.post(
        "/admin/users/new/",
        {
            "username": "olga",
            "email": "olga@example.org",
            "first_name": "Olga",
            "last_name": "Petrova",
            "password1": "a-long-pass-phrase-1",
            "password2": "a-long-pass-phrase-1",
            "is_active": "on",
            "groups": [moscow_editors.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    olga = get_user_model().objects.get(username="olga")
    assert list(olga.groups.all()) == [moscow_editors]
    assert profile_of(olga)[0] == "Europe/Moscow"
