"""A space's accessibility statement: what its site aims for, how it is checked, what falls short, whom to tell.

The parts every statement shares (the standard, how the network checks its pages) are written once
in the template, in every language; the parts only the space knows (its limitations, its contact,
the date it last reviewed them) are fields its editors keep up to date.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from sites.spaces.models import SpacePage

from .visit import ACCESS_FEATURES

STANDARD = "WCAG 2.2 AA"


def today():
    return timezone.localdate()


class AccessibilityStatementPage(SpacePage):
    class Conformance(models.TextChoices):
        FULL = "full", _("Fully conformant")
        PARTIAL = "partial", _("Partially conformant")
        NONE = "none", _("Not conformant")

    intro = models.TextField(_("introduction"), blank=True)
    conformance = models.CharField(
        _("conformance status"), max_length=10, choices=Conformance.choices, default=Conformance.PARTIAL,
        help_text=_("Against WCAG 2.2 level AA. “Partially” while any limitation below remains."),
    )  # fmt: skip
    known_limitations = RichTextField(
        _("known limitations"),
        blank=True,
        features=ACCESS_FEATURES,
        help_text=_("What does not meet the standard yet, why, and what a visitor can do meanwhile."),
    )
    contact_email = models.EmailField(
        _("contact email"), blank=True, help_text=_("Empty: the email of the space's Visit page.")
    )
    response_days = models.PositiveSmallIntegerField(
        _("answer within (working days)"), default=5, help_text=_("How soon someone answers a report.")
    )
    last_reviewed = models.DateField(_("last reviewed"), default=today)
    body = RichTextField(_("more about accessibility"), blank=True, features=ACCESS_FEATURES)

    parent_page_types = ["spaces.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("conformance"), FieldPanel("known_limitations"), FieldPanel("last_reviewed")],
            heading=_("Conformance"),
        ),
        MultiFieldPanel([FieldPanel("contact_email"), FieldPanel("response_days")], heading=_("Feedback")),
        FieldPanel("body"),
    ]
    search_fields = SpacePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("known_limitations"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("accessibility statement")

    def get_context(self, request, *args, **kwargs):
        from ..info import visit_info

        context = super().get_context(request, *args, **kwargs)
        context["visit"] = visit_info(context["space"] or self.space)
        visit_page = context["visit"].page if context["visit"] else None
        context["contact_email"] = self.contact_email or (visit_page.email if visit_page else "")
        return context

    @property
    def standard(self) -> str:
        return STANDARD
