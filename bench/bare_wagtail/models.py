from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, Site


class PlainPage(Page):
    """A page with a title, an introduction and a rich text body: Socle's plain page, stock Wagtail."""

    intro = models.TextField(blank=True)
    body = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    def get_context(self, request, *args, **kwargs):
        # The usual Wagtail menu: the site's top-level pages shown in menus.
        context = super().get_context(request, *args, **kwargs)
        site = Site.find_for_request(request)
        context["site"] = site
        context["menu"] = site.root_page.get_children().live().in_menu()
        return context
