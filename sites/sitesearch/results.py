"""Find a space's pages by their text in the language being read, and describe each one found."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F, Q, QuerySet
from django.utils.safestring import SafeString
from wagtail.models import Page

from sites.spaces.models import Space
from sites.spaces.routing import path_in_space

from .configs import config_for
from .excerpts import BETWEEN, START, STOP, plain_excerpt, query_words, to_html, with_ellipses
from .models import PageText

MAX_QUERY_LENGTH = 200


def visible_pages(space: Space) -> QuerySet:
    """The space's pages a visitor may see: live, public, on its own site."""
    return Page.objects.live().public().descendant_of(space.site.root_page, inclusive=True)


def matching_texts(space: Space, language: str, query: str) -> QuerySet:
    """The texts read in ``language`` of the space's visible pages that match ``query``, best first."""
    texts = PageText.objects.filter(language=language, page__in=visible_pages(space)).select_related("page")
    if connection.vendor == "postgresql":
        return _full_text(texts, space, language, query)
    words = query_words(query)
    if not words:
        return texts.none()
    # Plain search: every word found at the start of a word of the text, in the tree's order.
    return texts.filter(*[Q(folded__contains=f" {word}") for word in words]).order_by("page__path")


def _full_text(texts: QuerySet, space: Space, language: str, query: str) -> QuerySet:
    from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank

    # A page read in the space's default language is stemmed in it: the query is read both ways.
    configs = dict.fromkeys([config_for(language), config_for(space.default_language)])
    search = None
    for config in configs:
        term = SearchQuery(query, config=config, search_type="websearch")
        search = term if search is None else search | term
    return (
        texts.filter(document=search)
        # ts_headline is computed after the sort and limit (PostgreSQL postpones a costly output
        # column): for the page of results shown only, whatever the number found.
        .annotate(
            rank=SearchRank(F("document"), search),
            headline=SearchHeadline(
                "body",
                search,
                config=F("config"),
                start_sel=START,
                stop_sel=STOP,
                fragment_delimiter=BETWEEN,
                max_fragments=2,
                max_words=18,
                min_words=8,
            ),
        )
        .order_by("-rank", "page__path")
    )


@dataclass(frozen=True)
class Result:
    title: str
    title_language: str
    url: str
    kind: str
    excerpt: SafeString
    text_language: str
    when: str = ""
    start: datetime | None = None
    cancelled: bool = False


def describe(texts, space: Space, language: str, query: str) -> list[Result]:
    """What the list shows of each text found: its page's type, its excerpt, an event's date."""
    from sites.events.models import EventPage
    from sites.events.templatetags.event_times import format_event_time

    texts = list(texts)
    events = {}
    if texts:  # one query whatever the results (a page of results with or without events costs the same)
        events = {event.pk: event for event in EventPage.objects.filter(pk__in=[text.page_id for text in texts])}
    words = query_words(query)
    results = []
    for text in texts:
        page = text.page
        model = ContentType.objects.get_for_id(page.content_type_id).model_class()
        marked = getattr(text, "headline", None)
        marked = plain_excerpt(text.body, words) if marked is None else with_ellipses(marked, text.body)
        event = events.get(page.pk)
        results.append(
            Result(
                title=text.title,
                title_language=text.title_language,
                url=path_in_space(page, space) or page.url,
                kind=model._meta.verbose_name if model is not None else "",
                excerpt=to_html(marked),
                text_language=text.text_language,
                when=format_event_time(event.start, event.end, space.zone, language) if event else "",
                start=event.start if event else None,
                cancelled=bool(event and event.cancelled),
            )
        )
    return results
