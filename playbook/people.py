"""A person joining a space's editors or moderators reads the admin on that space's clock.

Wagtail shows an editor's dates (a page's go-live, its history) in their profile's time zone, and
without one in the server's (UTC): a Moscow editor scheduling 10:00 would read "7:00" beside it. So,
on joining, a profile without a time zone takes the space's; one the person chose is never changed.
(Their admin language needs no such default: without one, Wagtail follows their browser's.)
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed
from wagtail.users.models import UserProfile

from .groups import PAGE_PERMISSIONS, group_name


def space_of_group(group: Group):
    """The space whose editors or moderators ``group`` is (None for any other group)."""
    from sites.spaces.models import Space

    slug, _space, role = group.name.rpartition(" ")
    if role not in PAGE_PERMISSIONS or group.name != group_name(slug, role):
        return None
    return Space.objects.filter(slug=slug).first()


def settle_on_the_spaces_clock(user, space) -> None:
    profile = UserProfile.get_for_user(user)
    if not profile.current_time_zone:
        profile.current_time_zone = space.time_zone
        profile.save(update_fields=["current_time_zone"])


def on_group_change(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    if action != "post_add" or not pk_set:
        return
    if reverse:  # group.user_set.add(users)
        pairs = [(user, instance) for user in get_user_model().objects.filter(pk__in=pk_set)]
    else:  # user.groups.add(groups)
        pairs = [(instance, group) for group in Group.objects.filter(pk__in=pk_set)]
    for user, group in pairs:
        space = space_of_group(group)
        if space is not None:
            settle_on_the_spaces_clock(user, space)


def connect() -> None:
    m2m_changed.connect(on_group_change, sender=get_user_model().groups.through, dispatch_uid="playbook_people")
