"""What visitors search: a page's text in each language its space is read in.

Wagtail's search index holds one document per page, mixing every language's fields: a Hindi reader
of Bangalore's site found nearly every page by the English words in it. Here each (page, language)
has its own row, holding exactly the text a reader of that language is shown: the page's own text
in that language, or, for a page not translated into it at all, the space's default language.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


class SearchDocumentField(SearchVectorField):
    """PostgreSQL's ``tsvector``; elsewhere (the SQLite demo) an unused text column, so one
    migration serves both databases and the plain fallback search never reads it."""

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else "text"


class PageText(models.Model):
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+", verbose_name=_("page"))
    language = models.CharField(_("read in"), max_length=8)
    # The reading language, or the space's default one for a page not written in it at all.
    text_language = models.CharField(_("written in"), max_length=8)
    title = models.TextField(_("title"))
    title_language = models.CharField(_("title written in"), max_length=8)
    body = models.TextField(_("text"), blank=True)
    # What the plain search matches (SQLite's LIKE folds ASCII letters only: Cyrillic, Devanagari and
    # Kannada are folded here, in Python).
    folded = models.TextField(_("folded text"), blank=True)
    # PostgreSQL's text search configuration for ``text_language`` ('russian', 'simple', ...).
    config = models.CharField(_("text search configuration"), max_length=32)
    document = SearchDocumentField(null=True)

    class Meta:
        verbose_name = _("page text")
        verbose_name_plural = _("page texts")
        constraints = [models.UniqueConstraint(fields=["page", "language"], name="sitesearch_one_text_per_language")]
        indexes = [models.Index(fields=["language"], name="sitesearch_language")]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"
