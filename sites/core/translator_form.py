"""The core's edit form as a space's editor sees it: their languages first, the French source above
each of their fields, and for each field whether saving publishes it or proposes it for review."""

from django.utils.html import format_html
from django.utils.translation import gettext as _

from sites.spaces.editors import editor_spaces
from sites.spaces.forms import translated_fields
from sites.translation.state import translation_states, words

from .models import CoreTranslation
from .proposals import language_label, sharing_spaces
from .source_text import source_help


def editor_language_order(user, editable: set[str]) -> list[str]:
    """The editor's languages in their spaces' order (Moscow: ru, en), for the language picker."""
    ordered = [code for space in editor_spaces(user) for code in space.language_codes if code in editable]
    return list(dict.fromkeys(ordered))


def route_note(language: str, sharing: dict[str, list[str]]) -> str:
    if language in sharing:
        return format_html(
            '<p class="socle-route socle-route--review">{}</p>',
            _("Saving proposes this change to a coordinator, who reviews it before it is published:"
              " %(spaces)s also publish %(language)s.")
            % {"spaces": ", ".join(sharing[language]), "language": language_label(language)},
        )  # fmt: skip
    return format_html(
        '<p class="socle-route socle-route--direct">{}</p>',
        _("Saving publishes this at once: only your space publishes %(language)s.")
        % {"language": language_label(language)},
    )


def open_proposals(form, user) -> dict[str, CoreTranslation]:
    """The editor's latest proposal per language that is still theirs to act on (waiting or rejected)."""
    from django.contrib.contenttypes.models import ContentType

    found: dict[str, CoreTranslation] = {}
    rows = CoreTranslation.objects.filter(
        content_type=ContentType.objects.get_for_model(type(form.instance)),
        object_id=form.instance.pk,
        translator=user,
        status__in=[CoreTranslation.Status.PROPOSED, CoreTranslation.Status.REJECTED],
    ).order_by("-updated_at")
    for row in rows:
        found.setdefault(row.language, row)
    return found


def prepare_for_translator(form, user, editable: set[str]) -> None:
    sharing = sharing_spaces(editor_spaces(user))
    form.sharing = sharing
    form.review_languages = editable & set(sharing)
    form.open_proposals = open_proposals(form, user)
    states = translation_states(form.instance, sorted(editable))
    order = editor_language_order(user, editable)
    marked = False
    for name, (_original, language) in sorted(translated_fields(type(form.instance)).items()):
        field = form.fields.get(name)
        if field is None or field.disabled or language not in editable:
            continue
        if not marked:
            # Read by core/js/core_languages.js: the language picker opens on the editor's languages.
            field.widget.attrs["data-core-languages"] = ",".join(order)
            marked = True
        if language in form.review_languages:
            form.held[name] = getattr(form.instance, name) or ""
            proposal = form.open_proposals.get(language)
            if proposal is not None and name in proposal.fields:
                form.initial[name] = proposal.fields[name]  # they go on from what they proposed
        field.help_text = format_html(
            "{}{}", source_help(form.instance, name, language, states.get(language)), route_note(language, sharing)
        )


def hold_shared_translations(form) -> None:
    """Take each shared language's change out of what is saved, as a proposal to record.

    The draft, and the live item if it is saved, keep the text they had; a change that says what
    the item already says, or what the editor already proposed, proposes nothing.
    """
    for language in form.review_languages:
        names = [name for name in form.held if name.endswith(f"_{language}")]
        texts = {name: form.cleaned_data.get(name) or "" for name in names}
        held = {name: form.held[name] for name in names}
        proposal = form.open_proposals.get(language)
        unchanged = all(words(texts[name]) == words(held[name]) for name in names)
        # Re-sending what is waiting, or what was rejected, unchanged is not a new proposal.
        already = proposal is not None and all(words(texts[name]) == words(proposal.fields.get(name)) for name in names)
        if not unchanged and not already:
            form.proposals[language] = texts
        for name in names:
            setattr(form.instance, name, held[name])
