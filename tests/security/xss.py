"""A corpus of XSS payloads, each calling ``__xss__(<name>)`` when it runs, in every script the network uses.

A browser test defines ``window.__xss__`` to record calls: any recorded call is a payload that ran.
"""

PAYLOADS = [
    '<script>__xss__("script")</script>',
    '<img src=x onerror=__xss__("img-onerror")>',
    '<svg onload=__xss__("svg-onload")></svg>',
    '"><svg/onload=__xss__("attribute-break")>',
    "'><img src=x onerror=__xss__('single-quote-break')>",
    '</textarea><script>__xss__("textarea-break")</script>',
    '</title><script>__xss__("title-break")</script>',
    "<a href=\"javascript:__xss__('javascript-link')\">lien</a>",
    '<details open ontoggle=__xss__("ontoggle")>',
    "<iframe srcdoc=\"<script>parent.__xss__('srcdoc')</script>\"></iframe>",
]

# The same payloads inside text of each script: Latin, Cyrillic, Devanagari, Kannada.
CONTEXTS = {
    "fr": "Café des idées",
    "en": "Ideas café",
    "ru": "Кафе идей",
    "hi": "विचारों का कैफ़े",
    "kn": "ಆಲೋಚನೆಗಳ ಕೆಫೆ",
}


def poison(language: str, number: int, limit: int = 120) -> str:
    """A text in ``language`` carrying payload ``number`` (cycling), within ``limit`` characters."""
    text = f"{CONTEXTS[language]} {PAYLOADS[number % len(PAYLOADS)]}"
    assert len(text) <= limit, text
    return text


def typed_rich_text(language: str) -> str:
    """Rich text as Wagtail's editor stores what an editor types or pastes: the payloads as text,
    and links to every scheme the link dialog accepts."""
    from django.utils.html import escape

    paragraphs = [f"<p>{escape(CONTEXTS[language])} {escape(payload)}</p>" for payload in PAYLOADS]
    paragraphs.append("<p><a href=\"javascript:__xss__('rich-javascript-link')\">lien</a></p>")
    paragraphs.append("<p><a href=\"  JaVa&#9;ScRiPt:__xss__('rich-obfuscated-link')\">lien</a></p>")
    return "".join(paragraphs)


def poisoned_rich_text(language: str) -> str:
    """Stored rich text holding every payload as live markup, as a loader, an import or a row written
    straight to the database could store it (Wagtail's editor never would)."""
    paragraphs = [f"<p>{CONTEXTS[language]} {payload}</p>" for payload in PAYLOADS]
    paragraphs.append("<p><a href=\"javascript:__xss__('rich-javascript-link')\">lien</a></p>")
    paragraphs.append("<p><a href=\"  JaVa\tScRiPt:__xss__('rich-obfuscated-link')\">lien</a></p>")
    paragraphs.append("<p><a href=\"data:text/html,<script>__xss__('rich-data-link')</script>\">lien</a></p>")
    paragraphs.append('<p onclick="__xss__(\'rich-onclick\')" style="color:red">texte</p>')
    return "".join(paragraphs)
