from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpacesConfig(AppConfig):
    name = "sites.spaces"
    label = "spaces"
    verbose_name = _("Spaces")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from . import checks, wagtail_titles  # noqa: F401  (checks registers the system checks)
        from .hosts import connect_host_answers
        from .models.space import Space, forget_site_languages, record_page_translation_states
        from .page_fields import relax_required_translations
        from .purges import connect_page_cache_purges

        relax_required_translations()
        wagtail_titles.install()
        post_save.connect(forget_site_languages, sender=Space)
        post_delete.connect(forget_site_languages, sender=Space)
        connect_page_cache_purges()
        connect_host_answers()
        post_save.connect(record_page_translation_states, sender=Space, dispatch_uid="spaces-translation-states")
