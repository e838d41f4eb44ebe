"""Excerpts with the words found marked, safe to show whatever the page's text holds.

PostgreSQL's ``ts_headline`` (or ``plain_excerpt`` on other databases) marks the words found with
characters of Unicode's private use area that no indexed text may contain (``texts.plain`` removes
them); the text is escaped first, then the marks become ``<mark>`` elements.
"""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

START, STOP, BETWEEN = "\ue000", "\ue001", "\ue002"
MARKERS = (START, STOP, BETWEEN)
EXCERPT_CHARACTERS = 220


def to_html(marked: str) -> SafeString:
    html = escape(marked).replace(START, "<mark>").replace(STOP, "</mark>").replace(BETWEEN, " … ")
    return mark_safe(html)  # noqa: S308  (escaped above; only our own marks become elements)


# A word's letters: Python's ``\w`` leaves out the vowel signs of Devanagari and Kannada (combining
# marks), which would cut "चाय" in three.
WORD_CHARACTER = "[\\w\u0300-\u036f\u0900-\u0dff]"
WORD = re.compile(f"{WORD_CHARACTER}+")


def words_of(text: str) -> list[str]:
    return WORD.findall(text.lower())


def folded(text: str) -> str:
    """The text as the plain search reads it: lowercased words between spaces, so that a word is
    found at its start (" tea" finds "tea" and "teas", never "instead")."""
    return " " + " ".join(words_of(text)) + " "


def query_words(query: str) -> list[str]:
    """The words of a query, lowercased, without the quotes and signs of PostgreSQL's web syntax."""
    return [word for word in dict.fromkeys(words_of(query)) if word != "or"][:10]


def plain_excerpt(text: str, words: list[str]) -> str:
    """Some ``EXCERPT_CHARACTERS`` of ``text`` around the first word found, every word found marked."""
    if not text or not words:
        return text[:EXCERPT_CHARACTERS]
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    pattern = re.compile(f"(?<!{WORD_CHARACTER})(?:{alternatives}){WORD_CHARACTER}*", re.IGNORECASE)
    first = pattern.search(text)
    start = 0 if first is None else max(0, first.start() - EXCERPT_CHARACTERS // 3)
    if start:
        space = text.find(" ", start)  # begin on a word
        start = space + 1 if 0 <= space < first.start() else start
    end = min(len(text), start + EXCERPT_CHARACTERS)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    window = pattern.sub(lambda match: f"{START}{match.group(0)}{STOP}", text[start:end])
    return ("…" if start else "") + window + ("…" if end < len(text) else "")


UNMARK = str.maketrans({START: "", STOP: "", BETWEEN: " "})


def with_ellipses(headline: str, body: str) -> str:
    """``ts_headline``'s fragments, with "…" where they cut the text (it says nothing of it)."""
    shown, whole = words_of(headline.translate(UNMARK)), words_of(body)
    if not shown:
        return headline
    starts, ends = whole[:3] == shown[:3], whole[-3:] == shown[-3:]
    return ("" if starts else "…") + headline + ("" if ends else "…")
