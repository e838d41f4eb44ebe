"""Each space's editors and moderators: their groups, and permissions on the space's tree and collection only."""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, GroupSitePermission, Page

# Local editors write their own pages, translate the core into their languages, write their
# space's readings of the principles and work through its checklist.
MODEL_PERMISSIONS = {
    "wagtailadmin": ["access_admin"],
    "core": ["change_principle", "change_value", "change_adoption"],
    "playbook": ["change_checkliststep"],
}
PAGE_PERMISSIONS = {
    "editors": ["add_page", "change_page", "publish_page"],
    "moderators": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page"],
}
# ...and set their own site's identity (its accent colour and logo): a permission on that site alone.
SITE_PERMISSIONS = {"identity": ["change_spaceidentity"]}
COLLECTION_PERMISSIONS = {
    "editors": {"wagtailimages": ["add_image", "change_image", "choose_image"],
                "wagtaildocs": ["add_document", "change_document", "choose_document"]},
    "moderators": {"wagtailimages": ["add_image", "change_image", "choose_image", "delete_image"],
                   "wagtaildocs": ["add_document", "change_document", "choose_document", "delete_document"]},
}  # fmt: skip


def group_name(space_slug: str, role: str) -> str:
    return f"{space_slug} {role}"


def _permissions(by_app: dict[str, list[str]]) -> list[Permission]:
    query = Q(pk__in=[])
    for app, codenames in by_app.items():
        query |= Q(content_type__app_label=app, codename__in=codenames)
    return list(Permission.objects.filter(query))


def ensure_collection(space) -> Collection:
    """The space's own collection of images and documents, under the root collection."""
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=str(space.slug)).first()
    return existing or root.add_child(name=str(space.slug))


def ensure_groups(space, home: Page, collection: Collection) -> dict[str, Group]:
    """The space's "editors" and "moderators" groups, with rights on ``home``'s tree, ``collection``
    and the space's site's settings."""
    groups = {}
    for role, page_codenames in PAGE_PERMISSIONS.items():
        group, created = Group.objects.get_or_create(name=group_name(space.slug, role))
        groups[role] = group
        if not created:
            continue
        group.permissions.add(*_permissions(MODEL_PERMISSIONS))
        GroupPagePermission.objects.bulk_create(
            GroupPagePermission(group=group, page=home, permission=permission)
            for permission in _permissions({"wagtailcore": page_codenames})
        )
        GroupCollectionPermission.objects.bulk_create(
            GroupCollectionPermission(group=group, collection=collection, permission=permission)
            for permission in _permissions(COLLECTION_PERMISSIONS[role])
        )
        GroupSitePermission.objects.bulk_create(
            GroupSitePermission(group=group, site_id=space.site_id, permission=permission)
            for permission in _permissions(SITE_PERMISSIONS)
        )
    return groups
