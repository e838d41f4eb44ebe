"""Rich text holds only the tags the editor offers, and links only to safe schemes.

Wagtail's editor whitelists what it saves, but rich text also arrives by other roads (the demo
and playbook loaders, the sync engine, a shell, a future import). So it is cleaned twice: as any
model saves it (``clean_stored_rich_text``, keeping Wagtail's internal link references), which
keeps it harmless in the admin's editor too, and again on its way to visitors
(``render_rich_text``, after Wagtail expands those references), for rows written behind the ORM.
"""

from django.utils.safestring import SafeString, mark_safe
from wagtail.rich_text import expand_db_html
from wagtail.whitelist import Whitelister, allow_without_attributes, attribute_rule, check_url

# What RICH_TEXT_FEATURES can produce (h2, h3, bold, italic, link, ol, ul, blockquote), plus
# paragraphs and line breaks.
ELEMENT_RULES = {
    "[document]": allow_without_attributes,
    "a": attribute_rule({"href": check_url}),
    **{
        tag: allow_without_attributes
        for tag in ("p", "br", "h2", "h3", "b", "strong", "i", "em", "ol", "ul", "li", "blockquote")
    },
}
# Elements whose content is code or not text at all: dropped with what they hold, not unwrapped.
DROPPED = {"script", "style", "template", "iframe", "object", "embed", "svg", "math", "noscript", "textarea"}


STORED_ELEMENT_RULES = {
    **ELEMENT_RULES,
    # Wagtail's database format: <a linktype="page" id="3">, <a linktype="document" id="5">.
    "a": attribute_rule({"href": check_url, "linktype": True, "id": True}),
}


class PublicRichTextWhitelister(Whitelister):
    element_rules = ELEMENT_RULES

    def clean_tag_node(self, doc, tag):
        if tag.name in DROPPED:
            tag.decompose()
            return
        super().clean_tag_node(doc, tag)


def render_rich_text(stored: str) -> SafeString:
    """Stored rich text as safe HTML for a public page."""
    cleaned = PublicRichTextWhitelister().clean(expand_db_html(stored))
    return mark_safe(cleaned)  # noqa: S308 - cleaned by the whitelist just above


class StoredRichTextWhitelister(PublicRichTextWhitelister):
    element_rules = STORED_ELEMENT_RULES


def clean_stored_rich_text(stored: str) -> str:
    """Rich text in Wagtail's database format, with anything the editor could not have written removed."""
    if not stored:
        return stored
    return StoredRichTextWhitelister().clean(stored)


def rich_text_fields(model) -> list[str]:
    """The rich text columns of ``model``: for a translated field, its per-language columns only.

    The untranslated name (``body``) reads and writes whichever language is active, falling back to
    another: cleaning through it would copy one language's text into another's column.
    """
    from modeltranslation.translator import NotRegistered, translator
    from wagtail.fields import RichTextField

    try:
        translated = set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        translated = set()
    return [
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(field, RichTextField) and field.name not in translated
    ]


def clean_rich_text_before_save(sender, instance, raw=False, **kwargs):
    if raw:  # fixtures are loaded as they are
        return
    for name in rich_text_fields(sender):
        value = getattr(instance, name)
        if value:
            setattr(instance, name, clean_stored_rich_text(value))


def connect_signals() -> None:
    """Clean the rich text of every model that has some (translated fields included) as it is saved."""
    from django.apps import apps
    from django.db.models.signals import pre_save

    for model in apps.get_models():
        if rich_text_fields(model):
            pre_save.connect(clean_rich_text_before_save, sender=model, dispatch_uid=f"rich-text-{model._meta.label}")
