from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def forget_site_root_paths(sender, instance=None, **kwargs) -> None:
    from wagtail.models import Page, Site

    from sites.request_memo import forget

    from .models.pages import SITE_ROOT_PATHS, SPACES_BY_ROOT
    from .models.space import Space

    if isinstance(instance, Page | Site | Space):
        forget(SITE_ROOT_PATHS)
        forget(SPACES_BY_ROOT)


class SpacesConfig(AppConfig):
    name = "sites.spaces"
    label = "spaces"
    verbose_name = _("Spaces")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Site
        from wagtail.signals import post_page_move

        from . import checks, wagtail_titles  # noqa: F401  (checks registers the system checks)
        from .hosts import connect_host_answers
        from .models.space import Space, forget_space_languages, record_page_translation_states
        from .page_fields import relax_required_translations
        from .purges import connect_page_cache_purges

        relax_required_translations()
        wagtail_titles.install()
        # A space's languages by its site and by its root page: a space, a site or a move changes them.
        for model in (Space, Site):
            post_save.connect(forget_space_languages, sender=model, dispatch_uid=f"languages-{model.__name__}")
            post_delete.connect(
                forget_space_languages, sender=model, dispatch_uid=f"space-languages-{model.__name__}-gone"
            )
        post_page_move.connect(forget_space_languages, dispatch_uid="space-languages-page-moved")
        connect_page_cache_purges()
        connect_host_answers()
        post_save.connect(record_page_translation_states, sender=Space, dispatch_uid="spaces-translation-states")
        # Where Wagtail forgets the sites' root paths (a site, or a page that may be a site's root,
        # saved, deleted or moved), and where a space changes, the request that made the change
        # reads them, and the spaces of the pages it links, again.
        for signal in (post_save, post_delete, post_page_move):
            signal.connect(forget_site_root_paths, dispatch_uid=f"site-root-paths-{id(signal)}")
