"""Page types every space publishes: its home, plain pages, and its programmes.

Page types stay thin: what a template shows comes from the space (``request.space``) and the
translated fields, resolved by ``spaces.localize`` with the space's own fallback language.
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.images import get_image_model_string
from wagtail.models import Orderable, Page, PageViewRestriction, Site
from wagtail.search import index

from sites.images.pictures import prepare, with_images
from sites.pagecache.fragments import fragment
from sites.pagecache.tags import record_objects
from sites.request_memo import for_this_request

from ..forms import SpacePageForm
from ..languages import language_name_for_reader
from ..routing import path_in_space
from .space import site_languages

# The names under which a request keeps the sites' root paths (``SpacePage._get_site_root_paths``)
# and the spaces of the pages it linked (``space_of_page``).
SITE_ROOT_PATHS = "site-root-paths"
SPACES_BY_ROOT = "spaces-by-root"
RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "blockquote"]


def space_of_page(page):
    """The space ``page`` lies in (None outside every space): one query per space and request,
    however many of its pages the request links."""
    from .space import Space

    known = for_this_request(SPACES_BY_ROOT, dict)  # {its home's tree path: space}
    ancestors = [page.path[:end] for end in range(Page.steplen, len(page.path) + 1, Page.steplen)]
    found = next((known[path] for path in ancestors if path in known), None)
    if found is None and page.pk is not None:
        found = Space.objects.by_page([page]).get(page.pk)
        if found is not None:
            known[found.site.root_page.path] = found
    return found


def title_search_fields() -> list:
    """Every language's title, searched and autocompleted: Wagtail indexes ``title`` alone, which
    holds the language of whoever saved the page last, so a Russian editor would not find by its
    Russian title a page last saved from an English admin."""
    fields = []
    for code, _name in settings.LANGUAGES:
        fields += [index.SearchField(f"title_{code}", boost=2), index.AutocompleteField(f"title_{code}")]
    return fields


def image_field(verbose_name, help_text) -> models.ForeignKey:
    return models.ForeignKey(
        get_image_model_string(),
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=help_text,
    )


class SpacePage(Page):
    """Shared behaviour of every page a space publishes."""

    base_form_class = SpacePageForm
    search_fields = Page.search_fields + title_search_fields()
    # The image field that represents the page (its card, its top, a shared link), and how it is shown.
    page_image_field: str | None = None
    page_image_shape = "page"

    class Meta:
        abstract = True

    def get_url_parts(self, request=None):
        # URLs carry the active language; a page is only ever linked in a language its space serves
        # (an editor working in Russian gets the Paris page's French URL, not a 404).
        # A page of the space being served: its address from the home's path (routing.path_in_space).
        space = getattr(request, "space", None)
        path = path_in_space(self, space) if space is not None else None
        if path is None:
            # Outside its space's site (the admin, another space): from its own space's site, without
            # Wagtail's list of every site's root path, which a home's publication empties and the
            # next link rebuilt from the whole network's sites, in the editor's request.
            space = space_of_page(self)
            path = path_in_space(self, space) if space is not None else None
        if path is not None:
            return (space.site_id, space.site.root_url, path)
        parts = super().get_url_parts(request)
        if parts is None:
            return None
        served = site_languages(parts[0])  # another space's page: in a language that space serves
        if not served or translation.get_language() in served:
            return parts
        with translation.override(served[0]):
            return super().get_url_parts(request)

    def _get_site_root_paths(self, request=None):
        # Wagtail keeps every site's root path (a thousand in a large network) on the request it is
        # given, else on the page: the admin's listings ask each page for its ``url`` without a
        # request, and each page read and unpickled the whole list again. One read per request.
        return for_this_request(SITE_ROOT_PATHS, lambda: super(SpacePage, self)._get_site_root_paths(request))

    def get_url(self, request=None, current_site=None):
        space = getattr(request, "space", None)
        if space is not None and (current_site is None or current_site.pk == space.site_id):
            path = path_in_space(self, space)
            if path is not None:
                return path  # a link within the site being served is relative, as in Wagtail
        if space is None:  # the admin's links and messages, the network's pages
            own = space_of_page(self)
            path = path_in_space(self, own) if own is not None else None
            if path is not None:  # Wagtail's own way counts every site of the network first
                if current_site is None and request is not None:
                    current_site = Site.find_for_request(request)
                return path if current_site is not None and current_site.pk == own.site_id else own.site.root_url + path
        return super().get_url(request, current_site)

    url = property(get_url)  # Wagtail's ``url`` is bound to its own ``get_url``

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["space"] = getattr(request, "space", None)
        self.load_page_image(request)
        return context

    @property
    def page_image(self):
        """The ``SpaceImage`` that represents this page (a home's hero, a practice's image), or None.

        Once the page is rendered, the image comes with its renditions, from the space's fragments."""
        if "_page_image" in self.__dict__:
            return self.__dict__["_page_image"]
        return getattr(self, self.page_image_field) if self.page_image_field else None

    def load_page_image(self, request) -> None:
        """The page's image and its renditions, kept with the space's fragments: no query on a warm page."""
        image_id = getattr(self, f"{self.page_image_field}_id", None) if self.page_image_field else None
        if image_id is None or getattr(request, "is_preview", False):
            return  # a preview shows the image chosen in the form, read as it is

        def load():
            image = getattr(self, self.page_image_field)
            record_objects([image])  # a changed alt text or focal point purges the pages showing it
            prepare([image], self.page_image_shape, "social")  # its shared link's card too
            return image

        space = getattr(request, "space", None)
        self.__dict__["_page_image"] = fragment(space, f"page-image:{image_id}:{self.page_image_shape}", load)

    def get_view_restrictions(self):
        """Wagtail's answer in one query instead of two: the restrictions on this page and its
        ancestors, an alias among them counting through the page it copies. A page found by
        ``spaces.routing`` comes with them."""
        if "_view_restrictions" in self.__dict__:
            return self.__dict__["_view_restrictions"]
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        sources = Page.objects.filter(path__in=paths).annotate(source=Coalesce("alias_of_id", "id"))
        return PageViewRestriction.objects.filter(page_id__in=sources.values_list("source", flat=True))

    @property
    def preview_modes(self):
        """One preview per language of the page's space, named in the editor's admin language.

        Listings ask every page whether it can be previewed: the languages come from the cached map of
        the spaces' roots, not a query per page (a page being created knows its space from its form)."""
        from ..admin_titles import page_space_languages

        codes = self.space.language_codes if "_space" in self.__dict__ and self.space else page_space_languages(self)
        if not codes:
            return super().preview_modes
        return [(code, language_name_for_reader(code)) for code in codes]

    @property
    def default_preview_mode(self):
        """The editor's own admin language when the space publishes in it, else the space's default."""
        codes = [code for code, _name in self.preview_modes]
        current = translation.get_language()
        return current if current in codes else codes[0]

    def make_preview_request(self, original_request=None, preview_mode=None, extra_request_attrs=None):
        """The preview in one language is the page as a visitor reading that language gets it: its
        address under that language, through the language gate, with the space's fallbacks (a text not
        yet translated shows in the space's default language, marked with its ``lang``)."""
        codes = [code for code, _name in self.preview_modes]
        language = preview_mode if preview_mode in codes else self.default_preview_mode
        if self.space is None or not language:
            return super().make_preview_request(original_request, preview_mode, extra_request_attrs)
        with translation.override(language):
            return super().make_preview_request(original_request, language, extra_request_attrs)

    @property
    def space(self):
        """The space whose site holds this page (looked up once per instance)."""
        if "_space" not in self.__dict__:
            from .space import Space

            self.__dict__["_space"] = Space.objects.for_page(self)
        return self.__dict__["_space"]

    def translation_source_language(self) -> str | None:
        """A page is written first in its space's default language; the others translate it."""
        return self.space.default_language if self.space else None

    def translation_scope(self) -> int | None:
        """Translation states of pages are counted per space."""
        return self.space.pk if self.space else None


class SectionPage(SpacePage):
    """One of a home's sections (principles, practices, programmes, events): one of each per space."""

    intro = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["spaces.HomePage"]
    max_count_per_parent = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        abstract = True


class HomePage(SpacePage):
    """A space's home: who it is, its local Cause, its photos, and what the other apps contribute."""

    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("our Cause"), blank=True, features=RICH_TEXT_FEATURES)
    hero_image = image_field(
        _("main photo"), _("The photo at the top of the home: the place itself, people in it. Wide (16:9) works best.")
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "spaces.StandardPage",
        "spaces.ProgrammeIndexPage",
        "core.PrinciplesPage",
        "core.PracticeIndexPage",
        "events.EventIndexPage",
        "events.NetworkCalendarPage",
        "visits.VisitPage",
        "visits.AccessibilityStatementPage",
    ]
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        InlinePanel("gallery", heading=_("Photo gallery"), label=_("photo")),
    ]
    search_fields = SpacePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    page_image_field = "hero_image"
    page_image_shape = "hero"

    class Meta:
        verbose_name = _("space home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        space = getattr(request, "space", None)
        if space is not None:
            self.__dict__.setdefault("_space", space)  # what the sections read of it, without a query
        context["sections"] = fragment(space, f"home-sections:{self.pk}", lambda: self.sections(space))
        if getattr(request, "is_preview", False):
            context["gallery"] = list(self.gallery.all())
        else:
            context["gallery"] = fragment(space, f"home-gallery:{self.pk}", self.gallery_photos)
        return context

    def gallery_photos(self) -> list:
        """The gallery's photos with their images and renditions (the home's publication purges them)."""
        photos = list(self.gallery.select_related("image"))
        record_objects([self, *(photo.image for photo in photos)])
        prepare([photo.image for photo in photos], "gallery")
        return photos

    def sections(self, space=None) -> list[dict]:
        """Apps contribute sections (principles, practices, events...) without spaces importing them.

        Each hook records the tags of what it shows, and each section is a fragment of its own inside
        the sections' fragment: a publication that changes one section leaves the others as they were.
        """
        sections = []
        for hook in hooks.get_hooks("socle_home_sections"):
            key = f"home-section:{hook.__module__}.{hook.__name__}:{self.pk}"
            section = fragment(space, key, lambda hook=hook: hook(self))
            if section:
                sections.append(section)
        return sections


class HomePhoto(Orderable):
    """One photo of a home's gallery, with a caption in each of the space's languages."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="gallery")
    image = models.ForeignKey(
        get_image_model_string(), verbose_name=_("photo"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("caption"), max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("gallery photo")
        verbose_name_plural = _("gallery photos")


class StandardPage(SpacePage):
    """A plain page: visiting the space, its story, its house rules."""

    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("body"), blank=True, features=RICH_TEXT_FEATURES)

    parent_page_types = ["spaces.HomePage", "spaces.StandardPage"]
    subpage_types = ["spaces.StandardPage"]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = SpacePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("plain page")


class ProgrammeIndexPage(SectionPage):
    """The list of a space's programmes (its floors, in NUMA's words)."""

    subpage_types = ["spaces.ProgrammePage"]

    class Meta:
        verbose_name = _("programmes index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["programmes"] = with_images(ProgrammePage.objects.child_of(self).live().order_by("path"))
        return context


class ProgrammePage(SpacePage):
    """A programme: coworking, acceleration, corporate innovation, community, an event series."""

    class Kind(models.TextChoices):
        COWORKING = "coworking", _("Coworking")
        ACCELERATION = "acceleration", _("Acceleration")
        CORPORATE = "corporate", _("Corporate innovation")
        COMMUNITY = "community", _("Community")
        EVENT_SERIES = "event_series", _("Event series")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    audience = models.TextField(_("who it is for"), blank=True)
    how_to_join = models.TextField(_("how to join"), blank=True)
    body = RichTextField(_("body"), blank=True, features=RICH_TEXT_FEATURES)
    image = image_field(_("image"), _("Shown at the top of the programme and on its card."))

    parent_page_types = ["spaces.ProgrammeIndexPage"]
    subpage_types = []
    page_image_field = "image"
    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldPanel("image"),
        MultiFieldPanel([FieldPanel("audience"), FieldPanel("how_to_join")], heading=_("Joining")),
        FieldPanel("body"),
    ]
    search_fields = SpacePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("audience"),
        index.SearchField("body"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("programme")
