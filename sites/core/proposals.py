"""Translations of the network core by the spaces' editors: direct where a language is theirs
alone, proposed for a coordinator's review where another open space publishes it too.

The decision is made from the open spaces' languages as they are now (``shared_languages``): a
space that is still opening, or closed, shows no visitor anything, so it shares no language.
Accepting applies the proposal to the live item and a new revision, in one transaction, once:
the proposal's row is locked and its status checked, so a double click or two coordinators at
once accept it a single time.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from sites.spaces.editors import editor_spaces
from sites.spaces.models import Space
from sites.translation.models import TranslationStamp
from sites.translation.state import fields_by_language, fingerprint, record_states, words

from .models import CoreTranslation

Status = CoreTranslation.Status


class ReviewError(Exception):
    """A review that cannot be made as asked; the message says why, for the coordinator."""


def language_label(code: str) -> str:
    """A language's name in the reader's language ("Английский" in the Russian admin)."""
    try:
        return _(get_language_info(code)["name"]).strip()
    except KeyError:
        return code


def sharing_spaces(spaces) -> dict[str, list[str]]:
    """``{"en": ["NUMA Paris", "Cobalt BLR"], ...}``: the languages that open spaces other than
    ``spaces`` publish, with the names of those spaces."""
    own = [space.pk for space in spaces]
    others = Space.objects.filter(status=Space.Status.OPEN).exclude(pk__in=own).order_by("slug")
    sharing: dict[str, list[str]] = {}
    for space in others:
        for code in space.language_codes:
            sharing.setdefault(code, []).append(space.name)
    return sharing


def shared_languages(spaces) -> set[str]:
    return set(sharing_spaces(spaces))


def translated_names(item, language: str) -> list[str]:
    """The item's fields in ``language`` that a translation writes (the change note is not one)."""
    return sorted(fields_by_language(type(item)).get(language, []))


def same_words(old: dict, new: dict) -> bool:
    """Whether two sets of texts say the same (the rich text editor rewrites markup it did not change)."""
    return all(words(old.get(name)) == words(new.get(name)) for name in set(old) | set(new))


def live_texts(item, names) -> dict[str, str]:
    live = type(item).objects.filter(pk=item.pk).values(*names).first() or {}
    return {name: live.get(name) or "" for name in names}


def _space_for(user, language: str):
    return next((space for space in editor_spaces(user) if language in space.language_codes), None)


def _content_type(item) -> ContentType:
    return ContentType.objects.get_for_model(type(item))


def record_direct(item, language: str, texts: dict, previous: dict, user) -> CoreTranslation:
    """Note who wrote a translation that went live at once."""
    return CoreTranslation.objects.create(
        content_type=_content_type(item),
        object_id=item.pk,
        language=language,
        fields=texts,
        previous=previous,
        source_fingerprint=fingerprint(item, item.translation_source_language()),
        on_version=item.version,
        status=Status.DIRECT,
        translator=user,
        space=_space_for(user, language),
    )


@transaction.atomic
def propose(item, language: str, texts: dict, user) -> CoreTranslation:
    """Record ``user``'s proposal for ``language``: their waiting one is revised in place, a rejected
    one is replaced (it leaves their to-do)."""
    names = list(texts)
    source = fingerprint(type(item).objects.get(pk=item.pk), item.translation_source_language())
    mine = CoreTranslation.objects.select_for_update().filter(
        content_type=_content_type(item), object_id=item.pk, language=language, translator=user
    )
    mine.filter(status=Status.REJECTED).update(status=Status.REVISED)
    values = {
        "fields": texts,
        "previous": live_texts(item, names),
        "source_fingerprint": source,
        "on_version": item.version,
        "space": _space_for(user, language),
    }
    waiting = mine.filter(status=Status.PROPOSED).first()
    if waiting is not None:
        for name, value in values.items():
            setattr(waiting, name, value)
        waiting.save()
        return waiting
    return CoreTranslation.objects.create(
        content_type=_content_type(item),
        object_id=item.pk,
        language=language,
        status=Status.PROPOSED,
        translator=user,
        **values,
    )


def waiting_proposals():
    return CoreTranslation.objects.filter(status=Status.PROPOSED).select_related("translator", "space", "content_type")


def flags(proposal: CoreTranslation, item) -> dict[str, bool]:
    """What changed since the proposal was written: the French source, or the translation itself."""
    source = fingerprint(type(item).objects.get(pk=item.pk), item.translation_source_language())
    return {
        "source_changed": source != proposal.source_fingerprint,
        "translation_changed": not same_words(proposal.previous, live_texts(item, list(proposal.fields))),
    }


def _locked_proposal(proposal_id: int) -> CoreTranslation:
    proposal = CoreTranslation.objects.select_for_update().filter(pk=proposal_id).first()
    if proposal is None:
        raise ReviewError(_("This proposal no longer exists."))
    if proposal.status != Status.PROPOSED:
        done = {
            Status.ACCEPTED: _("This proposal was already accepted by %(user)s."),
            Status.REJECTED: _("This proposal was already rejected by %(user)s."),
        }.get(proposal.status, _("This proposal was replaced by a newer one from its translator."))
        raise ReviewError(done % {"user": proposal.reviewed_by or "—"})
    return proposal


def _close(proposal: CoreTranslation, status: str, coordinator, note: str) -> None:
    proposal.status = status
    proposal.reviewed_by = coordinator
    proposal.reviewed_at = timezone.now()
    proposal.review_note = note
    proposal.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note", "updated_at"])


@transaction.atomic
def accept(proposal_id: int, coordinator, note: str = "") -> CoreTranslation:
    """Make the proposal live: the item's fields, a new revision that carries them, and its stamp."""
    proposal = _locked_proposal(proposal_id)
    model = proposal.content_type.model_class()
    item = model.objects.select_for_update().filter(pk=proposal.object_id).first()
    if item is None:
        raise ReviewError(_("The value or principle this proposal translates no longer exists."))
    apply_translation(item, proposal.language, proposal.fields, proposal.translator, proposal.source_fingerprint)
    _close(proposal, Status.ACCEPTED, coordinator, note)
    return proposal


@transaction.atomic
def reject(proposal_id: int, coordinator, note: str) -> CoreTranslation:
    """Send the proposal back to its translator with a note that says what to change."""
    if not note.strip():
        raise ReviewError(_("Write a note for the translator: it tells them what to change."))
    proposal = _locked_proposal(proposal_id)
    _close(proposal, Status.REJECTED, coordinator, note.strip())
    return proposal


def apply_translation(item, language: str, texts: dict, translator, source_fingerprint: str) -> None:
    """Write ``texts`` into the live item, and into a revision so that the next publication keeps them.

    While a coordinator's draft is pending, the translation joins that draft (as a new revision
    made from it); otherwise the new revision is the live one. The translation keeps the source it
    was written against: accepted against a source that changed since, it is stale.
    """
    from .publishing import purge_everywhere

    for name, value in texts.items():
        setattr(item, name, value)
    item.save(update_fields=list(texts))
    TranslationStamp.objects.filter(content_type=_content_type(item), object_id=item.pk, language=language).update(
        source_fingerprint=source_fingerprint
    )
    record_states(item)
    draft_pending = item.has_unpublished_changes and item.latest_revision_id
    carrier = item.latest_revision.as_object() if draft_pending else item
    for name, value in texts.items():
        setattr(carrier, name, value)
    revision = carrier.save_revision(user=translator, log_action=True, clean=False)
    if not draft_pending and item.live:
        type(item).objects.filter(pk=item.pk).update(live_revision=revision, has_unpublished_changes=False)
    transaction.on_commit(lambda: purge_everywhere(item))
