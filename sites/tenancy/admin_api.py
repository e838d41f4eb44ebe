"""The admin's JSON API lists only the images and documents of collections the user may use.

Wagtail's admin API endpoints for images and documents list every collection's; these list what
the user has any permission on (a coordinator, everything).
"""

from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.documents.permissions import permission_policy as document_permissions
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.images.permissions import permission_policy as image_permissions

ANY_USE = ["add", "change", "choose", "delete"]


class ScopedImagesAPIViewSet(ImagesAdminAPIViewSet):
    def get_queryset(self):
        collections = image_permissions.collections_user_has_any_permission_for(self.request.user, ANY_USE)
        return super().get_queryset().filter(collection__in=collections)


class ScopedDocumentsAPIViewSet(DocumentsAdminAPIViewSet):
    def get_queryset(self):
        collections = document_permissions.collections_user_has_any_permission_for(self.request.user, ANY_USE)
        return super().get_queryset().filter(collection__in=collections)
