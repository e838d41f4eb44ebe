"""The page trees of some spaces: which one a page lies in, and a filter for the pages they hold.

A space's pages are its site's root page and everything below it, so a page path tells its space
by its prefix; lookups here cost no query.
"""

from django.db.models import Q


class SpaceTrees:
    def __init__(self, spaces):
        self.roots = {space.site.root_page.path: space.pk for space in spaces}
        self._lengths = sorted({len(path) for path in self.roots})

    def space_id(self, path: str) -> int | None:
        """The space whose tree holds the page at ``path`` (None outside them all)."""
        return next((self.roots[path[:n]] for n in self._lengths if path[:n] in self.roots), None)

    def pages(self) -> Q:
        """A filter on pages for those in these trees (none when there is no space)."""
        within = Q(pk__in=[])
        for path in self.roots:
            within |= Q(path__startswith=path)
        return within
