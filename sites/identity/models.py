"""The network's identity (its name, logo and colours) and each space's (its accent colour and logo).

Both are Wagtail settings: the network's is one for the whole install, set by coordinators; a
space's belongs to its site, set by the space's editors through a permission on that site alone
(``playbook.groups``). What a visitor's page reads of them is ``identity.snapshot``'s.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting, register_setting
from wagtail.images import get_image_model_string

from .colours import validate_accent, validate_focus

DEFAULT_ACCENT, DEFAULT_FOCUS = "#0b5d52", "#b3470b"  # socle.css's own


def logo_field(help_text) -> models.ForeignKey:
    return models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=help_text,
    )


@register_setting(icon="globe")
class NetworkIdentity(BaseGenericSetting):
    # modeltranslation adds name_<language> and short_name_<language> for every network language.
    name = models.CharField(
        _("name"), max_length=80, blank=True, help_text=_("The network's name, shown in every footer and feed.")
    )
    short_name = models.CharField(
        _("short name"),
        max_length=12,
        blank=True,
        help_text=_("Under an icon on a phone's home screen (12 characters at most); the name if empty."),
    )
    logo = logo_field(_("A square-ish image: in every footer, and every space's icon unless it has its own."))
    accent = models.CharField(
        _("accent colour"),
        max_length=7,
        default=DEFAULT_ACCENT,
        validators=[validate_accent],
        help_text=_("Links and buttons of every space that has no colour of its own, e.g. #0b5d52."),
    )
    focus = models.CharField(
        _("focus colour"),
        max_length=7,
        default=DEFAULT_FOCUS,
        validators=[validate_focus],
        help_text=_("The outline around the link or button a keyboard is on, e.g. #b3470b."),
    )

    panels = [
        MultiFieldPanel([FieldPanel("name"), FieldPanel("short_name")], heading=_("Name")),
        FieldPanel("logo"),
        MultiFieldPanel(
            [
                HelpPanel(_("Colours must read at a contrast of 4.5:1 at least (WCAG AA): each is checked.")),
                FieldPanel("accent"),
                FieldPanel("focus"),
            ],
            heading=_("Colours"),
        ),
    ]

    class Meta:
        verbose_name = _("network identity")
        verbose_name_plural = _("network identity")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)


@register_setting(icon="site")
class SpaceIdentity(BaseSiteSetting):
    accent = models.CharField(
        _("accent colour"),
        max_length=7,
        blank=True,
        validators=[validate_accent],
        help_text=_("Links and buttons of your space's site, e.g. #7a2e8a; the network's colour if empty."),
    )
    logo = logo_field(_("Your space's logo: in your site's header and its icons; the network's if empty."))

    panels = [
        HelpPanel(_("The colour must read at a contrast of 4.5:1 at least (WCAG AA): it is checked as you save.")),
        FieldPanel("accent"),
        FieldPanel("logo"),
    ]

    class Meta:
        verbose_name = _("space identity")
        verbose_name_plural = _("space identities")
