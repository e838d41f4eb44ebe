"""Email a space's editors that a principle has a version to review, each in their own language.

A recipient's language is their preferred admin language (their account settings), else their
space's default language; the statement and the change note are in that language when the network
wrote them in it, else in French, the core's source (``core.names``).
"""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import GroupPagePermission

from sites.identity.snapshot import network_name
from sites.spaces.languages import network_languages
from sites.spaces.models import Space

from .models import CoreVersion, Principle
from .names import core_text


def recipients_by_language(spaces: dict[int, Space]) -> dict[str, set[str]]:
    """``{language: emails}`` of the active editors of the spaces (keyed by their root page's id)."""
    found: dict[str, set[str]] = {}
    rows = GroupPagePermission.objects.filter(
        page_id__in=spaces, permission__codename="change_page", group__user__is_active=True
    ).values_list("page_id", "group__user__email", "group__user__wagtail_userprofile__preferred_language")
    for page_id, email, preferred in rows:
        if email:
            language = preferred if preferred in network_languages() else spaces[page_id].default_language
            found.setdefault(language, set()).add(email)
    return found


def email_principle_update(space_ids: list[int], principle_id: int, version: int) -> int:
    """One message per editor of each space; returns how many were sent."""
    spaces = {space.site.root_page_id: space for space in Space.objects.filter(pk__in=space_ids).select_related("site")}
    recipients = recipients_by_language(spaces)
    if not recipients:
        return 0
    principle = Principle.objects.get(pk=principle_id)
    published = CoreVersion.objects.filter(
        content_type__model="principle", object_id=principle_id, number=version
    ).first()
    admin_url = f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/"
    messages = []
    for language, emails in sorted(recipients.items()):
        with translation.override(language):
            statement = core_text(principle, "statement", language).text
            note = core_text(published, "change_note", language).text if published else ""
            subject = _("Principle update to review: %(statement)s") % {"statement": statement}
            subject = f"[{network_name(language).text}] {subject}"  # which network writes
            lines = [
                _("The network published version %(version)s of the principle “%(statement)s”.")
                % {"version": version, "statement": statement},
            ]
            if note:
                lines.append(_("Change note: %(note)s") % {"note": note})
            lines.append(_("Review your practices and acknowledge the update: %(url)s") % {"url": admin_url})
        messages += [(subject, "\n\n".join(lines), None, [email]) for email in sorted(emails)]
    return send_mass_mail(messages, fail_silently=False)
