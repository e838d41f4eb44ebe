"""The page explorer's filters scoped to the user's spaces.

Wagtail's explorer offers, in its filter form, every site of the network, every page owner and every
editor who ever edited a page: a space's editor would be shown a thousand other cities' hostnames and
other spaces' people, and every listing would render them all (a thousand checkboxes, most of the
listing's time in a network of a thousand spaces). A space's editor is offered their own spaces' sites
and the people of their own pages; coordinators keep the whole network.
"""

from django.contrib.auth import get_user_model
from wagtail.admin.views.pages import listing
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page, PageLogEntry, Site

from sites.core.coordinators import is_coordinator
from sites.spaces.editors import editor_spaces
from sites.spaces.trees import SpaceTrees


def _spaces(request):
    """The user's spaces, or None for the whole network (a coordinator, or no request)."""
    if request is None or is_coordinator(request.user):
        return None
    return editor_spaces(request.user)


def sites_of(request):
    spaces = _spaces(request)
    if spaces is None:
        return Site.objects.all()
    return Site.objects.filter(pk__in=[space.site_id for space in spaces])


def _pages_of(request):
    spaces = _spaces(request)
    pages = Page.objects.order_by()
    return pages if spaces is None else pages.filter(SpaceTrees(spaces).pages())


def owners_of(request):
    return get_user_model().objects.filter(pk__in=_pages_of(request).values("owner_id"))


def editors_of(request):
    edits = PageLogEntry.objects.filter(action="wagtail.edit", page__in=_pages_of(request).values("pk"))
    return get_user_model().objects.filter(pk__in=edits.order_by().values("user_id"))


# The listing's filters whose choices span the network, and the choices they offer the user instead.
SCOPED_CHOICES = {"site": sites_of, "owner": owners_of, "edited_by": editors_of}


class ScopedChoices:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, choices in SCOPED_CHOICES.items():
            if name in self.filters:  # this filter set's own copies: Wagtail's stay as they are
                self.filters[name].queryset = choices


class ScopedGenericPageFilterSet(ScopedChoices, listing.GenericPageFilterSet):
    pass


class ScopedPageViewSet(PageViewSet):
    """The explorer of every page type (Wagtail's way to change the default page listing: a page
    view set for ``Page``), with the filters above."""

    model = Page
    filterset_class = ScopedGenericPageFilterSet
