"""Is each translation of an object fresh, stale or missing?

A model takes part by defining ``translation_source_language()`` (French for the network core,
a space's default language for its pages). When a translation is saved, Socle stamps it with a
fingerprint of the source-language text; when the source text changes afterwards, the fingerprint
no longer matches and the translation is stale. A stale translation is still shown to visitors:
only editors see its state.
"""

import hashlib
import html

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator

from .models import TranslationStamp, TranslationState

FRESH, STALE, MISSING = "fresh", "stale", "missing"
STATE_LABELS = {FRESH: _("up to date"), STALE: _("needs updating: the source changed"), MISSING: _("not translated")}


def fields_by_language(model) -> dict[str, list[str]]:
    """``{"ru": ["title_ru", "intro_ru"], ...}`` for a translated model.

    A model may leave out translated fields that are not part of what it says, in
    ``translation_state_ignores`` (a core item's change note is about one publication).
    """
    ignored = set(getattr(model, "translation_state_ignores", ()))
    by_language: dict[str, list[str]] = {}
    for original, localized_fields in translator.get_options_for_model(model).all_fields.items():
        if original in ignored:
            continue
        for localized in localized_fields:
            by_language.setdefault(localized.language, []).append(localized.name)
    return by_language


def words(value) -> str:
    """The words of a text, whatever its markup: the rich text editor rewrites the HTML of a text it
    did not change (block keys, entities), which must not make its translations stale."""
    return " ".join(html.unescape(strip_tags(str(value or ""))).split())


def texts(obj, names: list[str]) -> list[str]:
    return [words(getattr(obj, name, "")) for name in sorted(names)]


def fingerprint(obj, language: str) -> str:
    digest = hashlib.sha256("\x1f".join(texts(obj, fields_by_language(type(obj))[language])).encode())
    return digest.hexdigest()


def translation_states(obj, languages: list[str] | None = None) -> dict[str, str]:
    """The state of each language other than the source (all the model's languages by default)."""
    source = obj.translation_source_language()
    by_language = fields_by_language(type(obj))
    languages = [code for code in (languages or by_language) if code != source and code in by_language]
    stamps = dict(
        TranslationStamp.objects.filter(
            content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk, language__in=languages
        ).values_list("language", "source_fingerprint")
    )
    current = fingerprint(obj, source)
    states = {}
    for code in languages:
        if not any(texts(obj, by_language[code])):
            states[code] = MISSING
        else:
            states[code] = FRESH if stamps.get(code) == current else STALE
    return states


def _remember_previous(sender, instance, update_fields=None, **kwargs):
    if instance.pk:
        names = sum(fields_by_language(sender).values(), [])
        instance._translation_previous = sender._default_manager.filter(pk=instance.pk).values(*names).first()


def _stamp_written_translations(sender, instance, created, update_fields=None, **kwargs):
    """Stamp the languages this save wrote (or, on creation, every language with text).

    A save limited to other fields (a draft's bookkeeping, say) writes no translation: the object
    in memory may hold a draft's text that the database does not.
    """
    source = instance.translation_source_language()
    if source is None:
        return
    previous = getattr(instance, "_translation_previous", None) or {}
    current = fingerprint(instance, source)
    content_type = ContentType.objects.get_for_model(sender)
    for code, names in fields_by_language(sender).items():
        if code == source or not any(texts(instance, names)):
            continue
        if update_fields is not None and not set(names) & set(update_fields):
            continue
        before = [words(previous.get(name)) for name in sorted(names)]
        if created or not previous or before != texts(instance, names):
            TranslationStamp.objects.update_or_create(
                content_type=content_type,
                object_id=instance.pk,
                language=code,
                defaults={"source_fingerprint": current},
            )


def stamp_all(obj) -> None:
    """Every language with text was written against the source as it is now (content made in one go)."""
    source = obj.translation_source_language()
    current = fingerprint(obj, source)
    content_type = ContentType.objects.get_for_model(type(obj))
    for code, names in fields_by_language(type(obj)).items():
        if code != source and any(texts(obj, names)):
            TranslationStamp.objects.update_or_create(
                content_type=content_type, object_id=obj.pk, language=code, defaults={"source_fingerprint": current}
            )


def record_states(obj) -> None:
    """Store the state of each of the object's languages (see ``TranslationState``)."""
    content_type = ContentType.objects.get_for_model(type(obj))
    scope = obj.translation_scope() if hasattr(obj, "translation_scope") else None
    TranslationState.objects.bulk_create(
        [
            TranslationState(content_type=content_type, object_id=obj.pk, language=language, state=state, scope=scope)
            for language, state in translation_states(obj).items()
        ],
        update_conflicts=True,
        unique_fields=["content_type", "object_id", "language"],
        update_fields=["state", "scope", "updated_at"],
    )


def _record_states_after_save(sender, instance, update_fields=None, **kwargs):
    if instance.translation_source_language() is None:
        return
    written = set(sum(fields_by_language(sender).values(), []))
    if update_fields is not None and not written & set(update_fields):
        return  # no text was written: no state changed
    record_states(instance)


def _forget_states(sender, instance, **kwargs):
    TranslationState.objects.filter(
        content_type=ContentType.objects.get_for_model(sender), object_id=instance.pk
    ).delete()


def participating_models() -> list:
    return [
        model
        for model in translator.get_registered_models()
        if hasattr(model, "translation_source_language") and not model._meta.abstract
    ]


def refresh_all_states() -> int:
    """Record the state of every translated object (for a database made before states were kept)."""
    count = 0
    for model in participating_models():
        for obj in model._default_manager.all().iterator():
            if obj.translation_source_language() is not None:
                record_states(obj)
                count += 1
    return count


def connect_signals() -> None:
    for model in participating_models():
        label = model._meta.label
        pre_save.connect(_remember_previous, sender=model, dispatch_uid=f"translation-pre-{label}")
        post_save.connect(_stamp_written_translations, sender=model, dispatch_uid=f"translation-post-{label}")
        # After the stamps: a state compares the source's fingerprint with them.
        post_save.connect(_record_states_after_save, sender=model, dispatch_uid=f"translation-state-{label}")
        post_delete.connect(_forget_states, sender=model, dispatch_uid=f"translation-forget-{label}")
