"""Find the interface's English left in an admin page drawn in another language.

A text of the page (a text node, or an attribute a person reads: a placeholder, a label for screen
readers, a tooltip) that is exactly one of the interface's English messages — Socle's own or those
of the apps it runs (Wagtail, its contrib apps) — was not translated. The page's content (titles,
texts written by editors) is not a message and is never reported.
"""

import json
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from babel.messages.pofile import read_po
from django.apps import apps
from django.conf import settings
from django.utils.translation import trans_real

READ_ATTRIBUTES = ("placeholder", "aria-label", "title", "alt", "aria-description", "data-w-tooltip-content-value")
SKIPPED_ELEMENTS = ("script", "style", "template", "textarea")
# Words every language writes the same way (the product's own names).
SAME_IN_EVERY_LANGUAGE = {"Wagtail", "Socle", "API", "URL", "ID", "HTML", "Slug", "OK", "PDF", "CSV", "XLSX"}


MIN_LETTERS = 12
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[sd]|\{\w*\}")


@cache
def english_patterns() -> tuple[tuple[re.Pattern, str], ...]:
    """The messages with placeholders, as patterns a whole text must match (their literal words are
    at least a dozen letters, so that "Status %(status)s" does not match a French "Status actuel")."""
    patterns = []
    for text in english_catalog_texts():
        pieces = PLACEHOLDER.split(text)
        letters = sum(len(re.sub(r"\W", "", piece)) for piece in pieces)
        if len(pieces) > 1 and letters >= MIN_LETTERS:
            pattern = re.compile(".+?".join(re.escape(normal(piece)) for piece in pieces) + "$")
            patterns.append((letters, pattern, text))
    # The most specific first: "Anyone can edit this %(model_name)s – lock it…" before its first words.
    return tuple((pattern, text) for _letters, pattern, text in sorted(patterns, key=lambda row: -row[0]))


@cache
def english_messages() -> frozenset[str]:
    """The English of every message without placeholders."""
    return (
        frozenset(normal(text) for text in english_catalog_texts() if not PLACEHOLDER.search(text))
        - SAME_IN_EVERY_LANGUAGE
    )


@cache
def english_catalog_texts() -> dict[str, str]:
    """The English of every message of Socle's catalogs and of the installed apps' (a plural's both
    forms), each with its message id (a plural's singular)."""
    folders = [Path(folder) for folder in settings.LOCALE_PATHS]
    folders += [Path(app.path) / "locale" for app in apps.get_app_configs()]
    messages = {}
    for folder in folders:
        source = folder / "en" / "LC_MESSAGES" / "django.po"
        if not source.exists():
            source = folder / "fr" / "LC_MESSAGES" / "django.po"
        if not source.exists():
            continue
        with source.open("rb") as handle:
            for message in read_po(handle):
                forms = message.id if isinstance(message.id, tuple) else (message.id,)
                for text in forms:
                    if text:
                        messages.setdefault(text, forms[0])
    return messages


def reads_the_same(language: str, message: str) -> bool:
    """Whether ``message`` is, in ``language``'s catalogs, translated by the same words ("Pages" in French)."""
    catalog = trans_real.translation(language)._catalog
    msgid = english_catalog_texts().get(message, message)
    translated = catalog.get(msgid) or catalog.get((msgid, 0))
    return translated is not None and normal(translated) == normal(message)


def normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class Texts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.texts, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED_ELEMENTS:
            self.skipping += 1
        for name, value in attrs:
            if name in READ_ATTRIBUTES and value:
                self.texts.append(value)

    def handle_endtag(self, tag):
        if tag in SKIPPED_ELEMENTS and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.texts.append(data)


SIDEBAR_PROPS = re.compile(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', re.S)


def sidebar_labels(html: str) -> list[str]:
    found = SIDEBAR_PROPS.search(html)
    labels = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("label", "footer_text") and isinstance(value, str):
                    labels.append(value)
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    if found:
        walk(json.loads(found.group(1)))
    return labels


def message_of(text: str) -> str | None:
    """The English message ``text`` shows untranslated (with placeholders, as written), or None."""
    if text in english_messages():
        return text
    if re.search("[A-Za-z]{3}", text):
        for pattern, message in english_patterns():
            if pattern.match(text):
                return message
    return None


def untranslated(html: str, content=(), language: str = "en") -> list[str]:
    """The interface's English messages shown in ``html``, once each, in order, but for those that
    ``language`` writes the same way. ``content``: texts that are the page's content (titles),
    never reported even where they equal a message."""
    parser = Texts()
    parser.feed(html)
    found = []
    for text in [*parser.texts, *sidebar_labels(html)]:
        text = normal(text)
        message = message_of(text) if text and text not in content else None
        if message and message not in found and not reads_the_same(language, message):
            found.append(message)
    return found
