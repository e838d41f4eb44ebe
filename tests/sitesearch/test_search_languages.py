"""A page is found by its text in the language being read; the space's default language counts only
for a page not written in that language at all."""

import pytest

from sites.sitesearch.excerpts import plain_excerpt, to_html, with_ellipses

from .conftest import found_urls, home_of, publish_page, search

pytestmark = pytest.mark.django_db


def test_an_english_word_finds_nothing_on_bangalores_hindi_site():
    # Every Bangalore page is written in Hindi: its English text is not what a Hindi reader reads.
    assert found_urls(search("bangalore.localhost", "hi", "tea")) == []
    assert "/en/practices/four-oclock-tea/" in found_urls(search("bangalore.localhost", "en", "tea"))
    assert "/hi/practices/four-oclock-tea/" in found_urls(search("bangalore.localhost", "hi", "चाय"))
    assert "/kn/practices/four-oclock-tea/" in found_urls(search("bangalore.localhost", "kn", "ಚಹಾ"))


def test_a_page_not_written_in_the_language_read_is_found_by_its_default_language_text():
    publish_page(home_of("bangalore"), "rooftop", title_en="Rooftop garden", body_en="<p>Bring seeds.</p>")
    response = search("bangalore.localhost", "hi", "seeds")
    assert found_urls(response) == ["/hi/rooftop/"]
    html = response.content.decode()
    # The English title and excerpt a Hindi reader is shown are marked as English for screen readers.
    assert '<a href="/hi/rooftop/" lang="en">Rooftop garden</a>' in html
    assert '<p class="search-result-excerpt" lang="en">Bring <mark>seeds</mark>' in html


def test_a_page_written_in_the_language_read_is_not_found_by_its_untranslated_text():
    publish_page(
        home_of("bangalore"), "rooftop", title_en="Rooftop garden", body_en="<p>Bring seeds.</p>", title_hi="छत का बाग़"
    )
    assert found_urls(search("bangalore.localhost", "hi", "seeds")) == []
    assert found_urls(search("bangalore.localhost", "hi", "बाग़")) == ["/hi/rooftop/"]
    assert found_urls(search("bangalore.localhost", "en", "seeds")) == ["/en/rooftop/"]


def test_each_result_says_its_type_and_an_events_date_in_the_spaces_zone_and_language():
    from sites.events.models import EventPage
    from sites.events.templatetags.event_times import format_event_time

    event = EventPage.objects.live().descendant_of(home_of("moscow")).order_by("path").first()
    space = home_of("moscow").space
    response = search("moscow.localhost", "ru", event.title_ru)
    results = {result.url: result for result in response.context["results"]}
    found = results[f"/ru/events/{event.slug}/"]
    assert found.when == format_event_time(event.start, event.end, space.zone, "ru")
    html = response.content.decode()
    assert '<p class="search-result-kind">Событие</p>' in html
    assert f'<time datetime="{event.start.astimezone(space.zone).isoformat()}">{found.when}</time>' in html


def test_a_cancelled_event_says_so_beside_its_date():
    from sites.events.models import EventPage

    event = EventPage.objects.live().descendant_of(home_of("paris")).filter(cancelled=True).first()
    html = search("paris.localhost", "fr", event.title_fr).content.decode()
    entry = html[html.index(f'href="/fr/events/{event.slug}/"') :].split("</li>")[0]
    assert '<span class="badge badge-cancelled">Annulé</span>' in entry


def test_the_words_found_are_marked_and_the_pages_text_is_escaped():
    publish_page(
        home_of("paris"),
        "balises",
        title_fr="Les balises",
        body_fr="<p>Les élèves écrivent &lt;script&gt;alert(1)&lt;/script&gt; sans danger &amp; sans peur ici.</p>",
    )
    html = search("paris.localhost", "fr", "danger").content.decode()
    excerpt = html[html.index('<p class="search-result-excerpt">') :].split("</p>")[0]
    assert "<mark>danger</mark> &amp; sans peur" in excerpt
    assert "<script" not in excerpt  # shown escaped, or dropped as a tag by PostgreSQL's parser
    assert excerpt.count("<") == excerpt.count("<mark>") * 2 + 1  # no element but the marks


def test_an_excerpt_marks_the_words_found_and_escapes_everything_else():
    html = to_html(plain_excerpt("Écrire <script>alert(1)</script> sans danger, dangereusement.", ["danger"]))
    assert html == "Écrire &lt;script&gt;alert(1)&lt;/script&gt; sans <mark>danger</mark>, <mark>dangereusement</mark>."


def test_a_query_is_kept_in_the_field_escaped_and_named_in_the_title():
    html = search("paris.localhost", "fr", '"><b>colunch').content.decode()
    assert 'value="&quot;&gt;&lt;b&gt;colunch"' in html
    assert "<title>Résultats de la recherche «\u00a0&quot;&gt;&lt;b&gt;colunch\u00a0» · NUMA Paris</title>" in html
    assert "<b>colunch" not in html


def test_nothing_found_says_so_in_the_readers_language():
    html = search("moscow.localhost", "ru", "zzzzqx").content.decode()
    assert 'class="search-empty"' in html
    assert 'class="search-results"' not in html


def test_results_come_ten_a_page_with_the_query_kept_in_the_links():
    for number in range(12):
        publish_page(home_of("paris"), f"atelier-{number}", title_fr=f"Atelier de vélo {number}")
    first = search("paris.localhost", "fr", "vélo")
    assert first.context["page_obj"].paginator.count == 12
    assert len(first.context["results"]) == 10
    assert "?q=v%C3%A9lo&amp;page=2" in first.content.decode()
    second = search("paris.localhost", "fr", "vélo", page=2)
    assert len(second.context["results"]) == 2
    assert set(found_urls(first)).isdisjoint(found_urls(second))


def test_russian_words_are_found_in_their_other_forms(needs_postgresql):
    publish_page(
        home_of("moscow"), "loft", title_ru="Лофт", body_ru="<p>Мы работаем в коворкинге у Курского вокзала.</p>"
    )
    response = search("moscow.localhost", "ru", "коворкинг")
    assert "/ru/loft/" in found_urls(response)
    assert "<mark>коворкинге</mark>" in response.content.decode()


def test_french_words_are_found_in_their_other_forms(needs_postgresql):
    publish_page(
        home_of("paris"), "cuisine", title_fr="La cuisine", body_fr="<p>Les cuisiniers préparent le déjeuner.</p>"
    )
    assert "/fr/cuisine/" in found_urls(search("paris.localhost", "fr", "cuisinier"))


def test_the_title_weighs_more_than_the_text(needs_postgresql):
    publish_page(home_of("paris"), "a-texte", title_fr="Un atelier", body_fr="<p>On y parle de tricot.</p>")
    publish_page(home_of("paris"), "b-titre", title_fr="Le tricot", body_fr="<p>Un atelier.</p>")
    assert found_urls(search("paris.localhost", "fr", "tricot"))[:2] == ["/fr/b-titre/", "/fr/a-texte/"]


def test_an_excerpt_cut_from_a_longer_text_says_so():
    body = "Один два три четыре пять шесть семь восемь."
    assert with_ellipses("три \ue000четыре\ue001 пять", body) == "…три \ue000четыре\ue001 пять…"
    assert with_ellipses("Один два три", body) == "Один два три…"
    assert with_ellipses("шесть семь восемь", body) == "…шесть семь восемь"


def test_a_query_of_signs_only_finds_nothing_and_fails_nothing():
    html = search("paris.localhost", "fr", "&|!:* ()").content.decode()
    assert 'class="search-empty"' in html
