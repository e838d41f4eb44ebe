"""The one way discovery reads a space's pages, whatever app made them: the pages a visitor may read,
and what kind of page each is for the cards of shared links."""

from datetime import datetime

from wagtail.models import Page

from sites.events.models import EventPage
from sites.pagecache.fragments import fragment
from sites.pagecache.tags import list_tag, record
from sites.spaces.models import HomePage, SectionPage


def public_pages(space) -> list[tuple[str, datetime | None]]:
    """``(path under the home, last publication)`` of every page of the space a visitor may read:
    live, and neither it nor an ancestor restricted to some people (a password, a group, signing in).

    Kept as a fragment of the space: any publication, move, deletion or restriction in the space
    purges it (``spaces.purges``).
    """

    def compute():
        record(list_tag(Page))
        home = space.site.root_page
        pages = Page.objects.live().public().descendant_of(home, inclusive=True).order_by("path")
        return [(url_path[len(home.url_path) :], published) for url_path, published in
                pages.values_list("url_path", "last_published_at")]  # fmt: skip

    return fragment(space, "public-pages", compute)


def og_type(page) -> str:
    """OpenGraph's kind of page: a home or a listing is a ``website``; a page that is a text of its
    own (a plain page, a practice, a programme) an ``article``. OpenGraph has no type for an event:
    it stays a ``website``, and its schema.org ``Event`` says the rest."""
    if page is None or isinstance(page, HomePage | SectionPage | EventPage):
        return "website"
    return "article"
