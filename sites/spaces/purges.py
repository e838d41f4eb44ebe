"""When a space's own content changes, its cached pages are forgotten.

A page's title appears in its parent's listing, the site's navigation and the home page's
sections, so publishing or unpublishing a page purges every page of its space; the fragments those
pages are built from (``pagecache.fragments``) are purged only where they show the page or list
its kind, so the next visitor's page is rendered from the others. Moving or deleting a page, a slug
change (every address below it changes) and a restriction's change purge the whole space,
fragments and all; so do a change to its site (its address) and a change to the space itself (its
name, languages and address are on every page), which also purges every site's list of the
network's spaces.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from sites.pagecache.store import PAGES, enabled, purge, purge_spaces
from sites.pagecache.tags import children_tag, list_tag, tag_for

from .models import Space


def _purge_space_of(page) -> None:
    """Now, and again after commit: a page rendered from the old state between the two is not kept."""
    space = Space.objects.for_page(page)
    if space is not None:
        space_id = space.pk
        purge_spaces([space_id])
        transaction.on_commit(lambda: purge_spaces([space_id]))


def published_page_tags(page) -> list[str]:
    """What a publication or an unpublication of ``page`` changes: the space's pages, and the
    fragments that show the page, list pages of its kind, list its parent's children, or list
    every page (a sitemap)."""
    tags = [PAGES, tag_for(page), list_tag(page.specific_class or type(page)), list_tag(Page)]
    parent_path = page.path[: -page.steplen]
    if parent_path:
        parent = Page.objects.filter(path=parent_path).only("pk").first()
        if parent is not None:
            tags.append(children_tag(parent))
    return tags


def purge_on_page_change(sender, instance, **kwargs) -> None:
    """Now, and again after commit: a page rendered from the old state between the two is not kept."""
    space = Space.objects.for_page(instance)
    if space is not None:
        space_ids, tags = [space.pk], published_page_tags(instance)
        purge(space_ids, tags)
        transaction.on_commit(lambda: purge(space_ids, tags))


def purge_on_page_delete(sender, instance, **kwargs) -> None:
    _purge_space_of(instance)


def purge_on_slug_change(sender, instance, **kwargs) -> None:
    """Every address at and below the page changed: the space's routes and links with them."""
    space = Space.objects.for_page(instance)
    if space is not None:
        purge_spaces([space.pk])


def purge_on_restriction_change(sender, instance, **kwargs) -> None:
    """Who may see a page changed: the space's pages are found again with their restrictions."""
    if isinstance(instance, PageViewRestriction):  # a group's side of the relation names no page
        _purge_space_of(instance.page)


def purge_on_page_move(sender, instance, parent_page_before, parent_page_after, **kwargs) -> None:
    _purge_space_of(parent_page_before)
    _purge_space_of(parent_page_after)


def purge_on_space_change(sender, instance, **kwargs) -> None:
    """The space's own pages, and every site's list of the network's spaces (it may have opened or closed)."""
    space_id = instance.pk

    def purge_after_commit():
        if enabled():
            purge_spaces([space_id])
            purge(list(Space.objects.values_list("pk", flat=True)), [list_tag(Space)])

    transaction.on_commit(purge_after_commit)


def purge_on_site_change(sender, instance, **kwargs) -> None:
    """A site's hostname or port changed: pages cached under its old address must not outlive it."""
    space = Space.objects.filter(site=instance).first()
    if space is not None:
        space_id = space.pk
        purge_spaces([space_id])  # now, and again once the new address is committed
        transaction.on_commit(lambda: purge_spaces([space_id]))


def purge_on_image_change(sender, instance, **kwargs) -> None:
    """An image's alt text, focal point or file changed: the pages of any space that showed it."""
    tags = [tag_for(instance)]

    def purge_everywhere():
        if enabled():
            purge(list(Space.objects.values_list("pk", flat=True)), tags)

    purge_everywhere()
    transaction.on_commit(purge_everywhere)


def connect_page_cache_purges() -> None:
    from wagtail.images import get_image_model

    image_model = get_image_model()
    post_save.connect(purge_on_image_change, sender=image_model, dispatch_uid="pagecache-image-saved")
    post_delete.connect(purge_on_image_change, sender=image_model, dispatch_uid="pagecache-image-deleted")
    page_published.connect(purge_on_page_change, dispatch_uid="pagecache-page-published")
    page_unpublished.connect(purge_on_page_change, dispatch_uid="pagecache-page-unpublished")
    post_delete.connect(purge_on_page_delete, sender=Page, dispatch_uid="pagecache-page-deleted")
    page_slug_changed.connect(purge_on_slug_change, dispatch_uid="pagecache-page-slug-changed")
    post_page_move.connect(purge_on_page_move, dispatch_uid="pagecache-page-moved")
    post_save.connect(purge_on_space_change, sender=Space, dispatch_uid="pagecache-space-saved")
    post_save.connect(purge_on_restriction_change, sender=PageViewRestriction, dispatch_uid="pagecache-restricted")
    post_delete.connect(purge_on_restriction_change, sender=PageViewRestriction, dispatch_uid="pagecache-unrestricted")
    m2m_changed.connect(
        purge_on_restriction_change, sender=PageViewRestriction.groups.through, dispatch_uid="pagecache-groups"
    )
    post_save.connect(purge_on_site_change, sender=Site, dispatch_uid="pagecache-site-saved")
