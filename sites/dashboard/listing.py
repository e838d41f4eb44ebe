"""Which spaces the overview lists, filtered and sorted as the coordinator asks, a page at a time."""

from django import forms
from django.core.paginator import Paginator
from django.db.models import F, Min, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from sites.core.models import Notification
from sites.spaces.languages import network_languages
from sites.spaces.models import Space

SPACES_PER_PAGE = 50
SORTS = {
    "name": ["slug"],
    "status": ["status", "slug"],
    "country": ["country", "slug"],
    "lag": [F("pending_since").asc(nulls_last=True), "slug"],  # the longest wait first
}


class SpaceFilters(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Any"))] + Space.Status.choices)
    country = forms.CharField(label=_("Country"), required=False, max_length=2)
    language = forms.ChoiceField(label=_("Language"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("name", _("name")), ("status", _("status")), ("country", _("country")),
                 ("lag", _("adoption lag"))],
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("Any"))] + [(code, code) for code in network_languages()]


def serves(code: str) -> Q:
    """Spaces whose comma-separated languages include ``code``."""
    return (
        Q(languages=code)
        | Q(languages__startswith=f"{code},")
        | Q(languages__endswith=f",{code}")
        | Q(languages__contains=f",{code},")
    )


def filtered_spaces(data) -> tuple[SpaceFilters, object]:
    """The spaces matching the filters in ``data`` (a GET), sorted; the bound form for the template."""
    form = SpaceFilters(data or None)
    values = form.cleaned_data if form.is_valid() else {}
    oldest_unread = Notification.objects.filter(space=OuterRef("pk"), read_at__isnull=True).values("space")
    spaces = Space.objects.select_related("site__root_page").annotate(
        pending_since=Subquery(oldest_unread.annotate(since=Min("created_at")).values("since")[:1])
    )
    if values.get("q"):
        query = values["q"]
        matches = Q(slug__icontains=query)
        for code in network_languages():
            matches |= Q(**{f"name_{code}__icontains": query}) | Q(**{f"city_{code}__icontains": query})
        spaces = spaces.filter(matches)
    if values.get("status"):
        spaces = spaces.filter(status=values["status"])
    if values.get("country"):
        spaces = spaces.filter(country=values["country"].upper())
    if values.get("language"):
        spaces = spaces.filter(serves(values["language"]))
    return form, spaces.order_by(*SORTS.get(values.get("sort") or "name"))


def page_of(spaces, number, per_page: int = SPACES_PER_PAGE):
    return Paginator(spaces, per_page).get_page(number)
