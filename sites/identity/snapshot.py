"""What a visitor's page reads of the identity, kept in the shared cache: a page costs no query for it.

A space's snapshot holds the network's names in every language, the accent, focus and text
colours in force on its site (its own accent, else the network's), the logos with a rendition to
show, and a version: a digest of everything an icon or the theme stylesheet is drawn from, put in
their addresses so that a change is seen at once. Snapshots are stored under a generation
(``pagecache.generations``) that any change to the identity, or to an image used as a logo, ends;
the cached pages of the spaces concerned are purged with it.
"""

import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.utils.translation import gettext

from sites import request_memo
from sites.pagecache import generations
from sites.spaces.languages import network_languages
from sites.spaces.localize import Localized, fallback_chain

from .colours import text_on
from .models import DEFAULT_ACCENT, DEFAULT_FOCUS, NetworkIdentity, SpaceIdentity

GENERATION_KEY = "socle:identity:generation"
REQUEST_MEMO = "identity"
# Set on a request whose page must be drawn without a query (the server error page).
WITHOUT_DATABASE = "socle_without_database"
SNAPSHOT_SECONDS = 24 * 3600
LOGO_RENDITION = "height-96"  # shown 48 px high: sharp on a screen of twice the density


@dataclass(frozen=True)
class Logo:
    image_id: int
    file_name: str  # the original, that icons are drawn from
    file_hash: str
    url: str  # a rendition to show in a page
    width: int
    height: int


@dataclass(frozen=True)
class Identity:
    names: dict[str, str] = field(default_factory=dict)  # the network's name by language (those written)
    short_names: dict[str, str] = field(default_factory=dict)
    accent: str = DEFAULT_ACCENT
    focus: str = DEFAULT_FOCUS
    network_logo: Logo | None = None
    space_logo: Logo | None = None

    @property
    def accent_ink(self) -> str:
        return text_on(self.accent)

    @property
    def icon_logo(self) -> Logo | None:
        return self.space_logo or self.network_logo

    @property
    def version(self) -> str:
        """Changes whenever the theme or an icon would be drawn differently."""
        logo = self.icon_logo
        drawn = [self.accent, self.focus, logo.file_hash or logo.file_name if logo else "", *sorted(self.names.items())]
        return hashlib.sha256(repr(drawn).encode()).hexdigest()[:12]

    def name(self, language: str, space=None) -> Localized:
        """The network's name in ``language``, else in the space's languages, else in the network's
        (marked with the language it is in), else a generic one."""
        for candidate in fallback_chain(language, space):
            if self.names.get(candidate):
                return Localized(self.names[candidate], candidate, candidate != language)
        return Localized(gettext("The network"), language, False)

    def short_name(self, language: str, space=None) -> str:
        for candidate in fallback_chain(language, space):
            if self.short_names.get(candidate):
                return self.short_names[candidate]
        return self.name(language, space).text[:12]


def _cache():
    return caches[settings.SOCLE_PAGE_CACHE_ALIAS]


def _logo(image) -> Logo | None:
    if image is None:
        return None
    try:
        rendition = image.get_rendition(LOGO_RENDITION)
    except (OSError, ValueError):
        return None  # its file is gone or unreadable: no logo rather than a broken page
    return Logo(image.pk, image.file.name, image.file_hash or "", rendition.url, rendition.width, rendition.height)


def _written(identity: NetworkIdentity, field_name: str) -> dict[str, str]:
    values = {code: getattr(identity, f"{field_name}_{code}", "") for code in network_languages()}
    return {code: value for code, value in values.items() if value}


def compute(site_id: int | None) -> Identity:
    network = NetworkIdentity.base_queryset().select_related("logo").first() or NetworkIdentity()
    own = SpaceIdentity.objects.select_related("logo").filter(site_id=site_id).first() if site_id else None
    return Identity(
        names=_written(network, "name"),
        short_names=_written(network, "short_name"),
        accent=(own.accent if own and own.accent else network.accent) or DEFAULT_ACCENT,
        focus=network.focus or DEFAULT_FOCUS,
        network_logo=_logo(network.logo),
        space_logo=_logo(own.logo) if own else None,
    )


def identity_for(site_id: int | None, read_database: bool = True) -> Identity:
    """The identity in force on a site (``None``: outside every space), from the cache when it can;
    without ``read_database``, from the cache or else the defaults. Read once per request: a page
    asks for it in its head, its header and its footer."""
    known = request_memo.for_this_request(REQUEST_MEMO, dict)
    if (site_id, read_database) not in known:
        known[site_id, read_database] = _identity_from_cache(site_id, read_database)
    return known[site_id, read_database]


def _identity_from_cache(site_id: int | None, read_database: bool) -> Identity:
    cache = _cache()
    key = f"socle:identity:{site_id or 'network'}"
    generation, identity, found = generations.read(cache, GENERATION_KEY, key)
    if found:
        return identity
    if not read_database:
        return Identity()
    identity = compute(site_id)  # after reading the generation: a later change cannot hide behind it
    generations.keep(cache, key, generation, identity, SNAPSHOT_SECONDS)
    return identity


def identity_of_request(request) -> Identity:
    """The identity of the request's site; a server error page (``WITHOUT_DATABASE`` set on the request
    by ``spaces.errors``) reads it from the cache only, since the database may be what failed."""
    space = getattr(request, "space", None)
    site_id = space.site_id if space is not None else None
    return identity_for(site_id, read_database=not getattr(request, WITHOUT_DATABASE, False))


def network_name(language: str, space=None) -> Localized:
    """The network's name in ``language``, else in one of ``space``'s languages or the network's
    (marked with its language): for footers, feeds, emails, OpenGraph's ``og:site_name``."""
    return identity_for(None).name(language, space)


def forget(space_ids) -> None:
    """Every snapshot is read afresh, and these spaces' cached pages (which link the old theme) purged."""
    from sites.pagecache.store import purge_spaces

    def now():
        request_memo.forget(REQUEST_MEMO)
        _cache().delete(GENERATION_KEY)
        purge_spaces(space_ids)

    now()
    transaction.on_commit(now)


def _all_spaces() -> list[int]:
    from sites.spaces.models import Space

    return list(Space.objects.values_list("pk", flat=True))


def on_network_change(sender, **kwargs) -> None:
    forget(_all_spaces())  # its name is in every footer


def on_space_change(sender, instance, **kwargs) -> None:
    from sites.spaces.models import Space

    forget(list(Space.objects.filter(site_id=instance.site_id).values_list("pk", flat=True)))


def on_image_change(sender, instance, **kwargs) -> None:
    """An image used as a logo was changed (its file replaced) or is being deleted."""
    from sites.spaces.models import Space

    if NetworkIdentity.objects.filter(logo_id=instance.pk).exists():
        forget(_all_spaces())
        return
    sites = SpaceIdentity.objects.filter(logo_id=instance.pk).values("site_id")
    space_ids = list(Space.objects.filter(site_id__in=sites).values_list("pk", flat=True))
    if space_ids:
        forget(space_ids)


def connect_identity_changes() -> None:
    from django.db.models.signals import post_delete, post_save, pre_delete
    from wagtail.images import get_image_model

    for model, receiver in ((NetworkIdentity, on_network_change), (SpaceIdentity, on_space_change)):
        post_save.connect(receiver, sender=model, dispatch_uid=f"identity-{model.__name__}-saved")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"identity-{model.__name__}-deleted")
    post_save.connect(on_image_change, sender=get_image_model(), dispatch_uid="identity-logo-saved")
    # Before: the logos' references are set to null as the image goes.
    pre_delete.connect(on_image_change, sender=get_image_model(), dispatch_uid="identity-logo-deleted")
