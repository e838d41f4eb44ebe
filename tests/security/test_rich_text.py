"""Stored rich text reaches visitors with only the editor's tags and safe links, whatever road it came by."""

import pytest
from bs4 import BeautifulSoup

from sites.security.rich_text import render_rich_text

from .xss import CONTEXTS, poisoned_rich_text


@pytest.mark.parametrize("language", sorted(CONTEXTS))
def test_no_script_handler_or_unsafe_link_survives_rendering(language):
    soup = BeautifulSoup(str(render_rich_text(poisoned_rich_text(language))), "html.parser")
    assert not soup.find_all(["script", "svg", "iframe", "img", "details", "textarea", "style"])
    for tag in soup.find_all(True):
        assert not [name for name in tag.attrs if name != "href"], tag
    assert all(link["href"].startswith(("http", "/", "mailto:")) for link in soup.find_all("a", href=True))
    # What is text stays readable.
    assert CONTEXTS[language] in soup.get_text()


@pytest.mark.django_db
def test_the_editors_tags_and_internal_links_are_kept():
    from wagtail.models import Page

    page = Page.objects.filter(depth=2).first()
    stored = (
        f'<h2>Titre</h2><p><b>gras</b> <i>italique</i> <a linktype="page" id="{page.pk}">page</a> '
        '<a href="https://numa.co/">site</a></p><ul><li>un</li></ul><blockquote>cité</blockquote>'
    )
    html = str(render_rich_text(stored))
    assert "<h2>Titre</h2>" in html and "<b>gras</b>" in html and "<blockquote>cité</blockquote>" in html
    assert '<a href="https://numa.co/">site</a>' in html
    assert page.specific.url in html or page.specific.full_url in html
    assert "linktype" not in html


@pytest.mark.django_db
def test_rich_text_is_cleaned_as_it_is_saved_whatever_road_it_came_by():
    from wagtail.models import Page

    from sites.core.models import Principle, Value

    page = Page.objects.filter(depth=2).first()
    principle = Principle(
        slug="imported",
        statement_fr="Importé",
        explanation_fr=poisoned_rich_text("fr") + f'<p><a linktype="page" id="{page.pk}">page</a></p>',
        explanation_ru=poisoned_rich_text("ru"),
    )
    principle.save()
    principle.values.set([Value.objects.first()])
    stored = Principle.objects.get(pk=principle.pk)
    # Each language is cleaned in its own column: none is copied into another.
    assert not stored.explanation_en and not stored.explanation_kn
    for value in (stored.explanation_fr, stored.explanation_ru):
        soup = BeautifulSoup(value, "html.parser")
        assert not soup.find_all(["script", "svg", "iframe", "img", "details"])
        assert not any(link.get("href", "").strip().lower().startswith(("java", "data")) for link in soup.find_all("a"))
        assert "onerror" not in str(soup.find_all(True)[0].attrs)
    assert f'<a id="{page.pk}" linktype="page">page</a>' in stored.explanation_fr or (
        f'<a linktype="page" id="{page.pk}">page</a>' in stored.explanation_fr
    )
