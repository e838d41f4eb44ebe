"""A space's life: opening → open → closed.

Opening waits on the launch checklist: a coordinator opens the space once every step is done (or
not needed here), or overrides with a reason that is recorded. Closing takes the site offline for
visitors and out of the network's listings, and keeps its content.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sites.spaces.models import Space

from .models import ChecklistStep, LifecycleChange


class LifecycleError(ValueError):
    pass


def unfinished_steps(space: Space):
    return space.checklist.exclude(status__in=[ChecklistStep.Status.DONE, ChecklistStep.Status.SKIPPED])


def _move(space: Space, to_status: str, user, reason: str) -> Space:
    from_status = space.status
    space.status = to_status
    space.save()  # signals purge the cached pages that list the network's spaces
    LifecycleChange.objects.create(
        space=space,
        from_status=from_status,
        to_status=to_status,
        by=user if user is not None and user.is_authenticated else None,
        reason=reason,
    )
    return space


@transaction.atomic
def launch(space: Space, user=None, override_reason: str = "") -> Space:
    """Open the space to visitors and to the network."""
    space = Space.objects.select_for_update().get(pk=space.pk)
    if space.status != Space.Status.OPENING:
        raise LifecycleError(_("%(space)s is not opening: it is %(status)s.") % {
            "space": space.name, "status": space.get_status_display().lower()
        })  # fmt: skip
    left = unfinished_steps(space).count()
    if left and not override_reason.strip():
        raise LifecycleError(ngettext(
            "%(count)s step of the launch checklist is not done: finish it, or give the reason to open anyway.",
            "%(count)s steps of the launch checklist are not done: finish them, or give the reason to open anyway.",
            left,
        ) % {"count": left})  # fmt: skip
    return _move(space, Space.Status.OPEN, user, override_reason.strip())


@transaction.atomic
def close(space: Space, user=None, reason: str = "") -> Space:
    """Take the site offline for visitors and out of the network's listings; its content is kept."""
    space = Space.objects.select_for_update().get(pk=space.pk)
    if space.status == Space.Status.CLOSED:
        raise LifecycleError(_("%(space)s is closed already.") % {"space": space.name})
    if not reason.strip():
        raise LifecycleError(_("Say why the space closes: the reason is kept in its history."))
    return _move(space, Space.Status.CLOSED, user, reason.strip())
