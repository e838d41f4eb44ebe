"""Rich text as visitors get it: only the tags the editor offers, links only to safe schemes.

Wagtail's editor whitelists what it saves, but rich text also arrives by other roads (the demo
and playbook loaders, a shell, a future import, a row written straight to the database). The
stored HTML is therefore cleaned again on its way out, after Wagtail expands its internal links.
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
