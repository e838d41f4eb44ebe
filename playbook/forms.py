"""The coordinators' forms: the wizard that opens a space, and the space's launch or closing."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from sites.spaces.languages import network_languages

from .opening import FIELDS, OpeningRequest, check, longest


class OpenSpaceForm(forms.Form):
    """What a space is opened with; ``opening.check`` judges it, as it judges the command's options."""

    name = forms.CharField(label=_("Name"), help_text=_("As visitors will read it, e.g. Cobalt Mysore."))
    slug = forms.CharField(label=_("Slug"), help_text=_("Short, for addresses and groups, e.g. mysore."))
    hostname = forms.CharField(label=_("Hostname"), help_text=_("e.g. mysore.socle.example.org"))
    languages = forms.CharField(label=_("Languages"))
    time_zone = forms.CharField(label=_("Time zone"), help_text=_("IANA zone, e.g. Asia/Kolkata."))
    country = forms.CharField(label=_("Country"), help_text=_("ISO 3166 code, e.g. IN."))
    city = forms.CharField(label=_("City"))
    port = forms.IntegerField(
        label=_("Port"), initial=80, help_text=_("The port visitors reach the site on; 80 behind the usual proxy.")
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Filled here, in the coordinator's language: at import time it would be fixed in the default one.
        self.fields["languages"].help_text = _(
            "Comma-separated, the default first; the network's languages are %(codes)s."
        ) % {"codes": ", ".join(network_languages())}
        self.fields["time_zone"].widget.attrs["list"] = "time-zones"
        for name in FIELDS:  # the browser stops typing where the check would refuse
            self.fields[name].widget.attrs["maxlength"] = longest(name)

    def clean(self):
        cleaned = super().clean()
        for name, problems in check(self.opening_request()).items():
            if name not in self.errors:  # a missing field or a port that is no number: Django said so already
                for problem in problems:
                    self.add_error(name, problem)
        return cleaned

    def opening_request(self) -> OpeningRequest:
        data = {name: self.cleaned_data.get(name, "") for name in FIELDS}
        return OpeningRequest(port=self.cleaned_data.get("port") or 80, **data)


class LaunchForm(forms.Form):
    celebration = forms.DateTimeField(
        label=_("Opening celebration"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("In the space's time zone; announced to the whole network. Tomorrow at 18:00 if left empty."),
    )
    reason = forms.CharField(
        label=_("Reason to open before the checklist is done"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only needed while steps are left; it is kept in the space's history."),
    )


class CloseForm(forms.Form):
    reason = forms.CharField(label=_("Why the space closes"), widget=forms.Textarea(attrs={"rows": 3}))


class ChecklistStepForm(WagtailAdminModelForm):
    """Owners are chosen among the people of the step's own space (and the coordinators)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "owner" in self.fields and self.instance.pk:
            from django.contrib.auth import get_user_model
            from django.db.models import Q

            slug = self.instance.space.slug
            people = Q(groups__name__in=[f"{slug} editors", f"{slug} moderators"]) | Q(is_superuser=True)
            self.fields["owner"].queryset = get_user_model().objects.filter(people).distinct().order_by("username")
