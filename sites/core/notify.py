"""Email a space's editors, in the space's language, that a principle has a version to review."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import GroupPagePermission

from sites.spaces.localize import localize
from sites.spaces.models import Space

from .models import CoreVersion, Principle


def email_principle_update(space_ids: list[int], principle_id: int, version: int) -> int:
    """One message per editor of each space; returns how many were sent."""
    spaces = {space.site.root_page_id: space for space in Space.objects.filter(pk__in=space_ids).select_related("site")}
    recipients: dict[int, set[str]] = {}
    for page_id, email in GroupPagePermission.objects.filter(
        page_id__in=spaces, permission__codename="change_page", group__user__is_active=True
    ).values_list("page_id", "group__user__email"):
        if email:
            recipients.setdefault(page_id, set()).add(email)
    if not recipients:
        return 0
    principle = Principle.objects.get(pk=principle_id)
    published = CoreVersion.objects.filter(
        content_type__model="principle", object_id=principle_id, number=version
    ).first()
    admin_url = f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/"
    messages = []
    for page_id, emails in recipients.items():
        space = spaces[page_id]
        with translation.override(space.default_language):
            statement = localize(principle, "statement", space.default_language, space).text
            note = localize(published, "change_note", space.default_language, space).text if published else ""
            subject = _("Principle update to review: %(statement)s") % {"statement": statement}
            lines = [
                _("The network published version %(version)s of the principle “%(statement)s”.")
                % {"version": version, "statement": statement},
            ]
            if note:
                lines.append(_("Change note: %(note)s") % {"note": note})
            lines.append(_("Review your practices and acknowledge the update: %(url)s") % {"url": admin_url})
        messages += [(subject, "\n\n".join(lines), None, [email]) for email in sorted(emails)]
    return send_mass_mail(messages, fail_silently=False)
