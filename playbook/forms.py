"""The coordinators' forms: the wizard that opens a space, and the space's launch or closing."""

import hashlib
import json

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from sites.spaces.languages import network_languages

from .opening import FIELDS, HOSTNAME, PORTS, OpeningRequest, check, longest, site_url
from .pickers import (
    all_zones,
    canonical_zone,
    country_choices,
    country_zones,
    language_label,
    main_zone,
    zones_by_country,
)


class LanguageOrderWidget(forms.Widget):
    """The network's languages as a list to tick and put in order; the first ticked is the default.

    Ticked boxes reach the server in the order they stand on the page, so the order is the value.
    Each row carries its language in a hidden ``<name>_order`` input too, so that the languages not
    ticked keep their place when the form comes back. Without a script, the up and down buttons are
    submit buttons the view answers by moving the row; with one (playbook/js/open_space.js), they
    move it on the page.
    """

    template_name = "playbook/widgets/language_order.html"

    def value_from_datadict(self, data, files, name):
        chosen = data.getlist(name) if hasattr(data, "getlist") else data.get(name, [])
        order = data.getlist(f"{name}_order") if hasattr(data, "getlist") else []
        return {"chosen": list(chosen), "order": list(order)}

    def value_omitted_from_data(self, data, files, name):
        return False  # no box ticked is a value: none chosen

    def format_value(self, value):
        if isinstance(value, dict):
            return value
        if isinstance(value, str):
            value = [code.strip() for code in value.split(",") if code.strip()]
        return {"chosen": list(value or []), "order": list(value or [])}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        value = self.format_value(value)
        known = network_languages()
        order = [code for code in [*value["order"], *value["chosen"], *known] if code in known]
        order = list(dict.fromkeys(order))  # each once, where it first stands
        chosen = [code for code in order if code in value["chosen"]]
        rows = []
        for position, code in enumerate(order):
            name_here, endonym = language_label(code)
            rows.append({
                "code": code, "name": name_here, "endonym": endonym, "checked": code in chosen,
                "default": bool(chosen) and code == chosen[0], "first": position == 0,
                "last": position == len(order) - 1, "id": f"{context['widget']['attrs'].get('id', name)}_{code}",
            })  # fmt: skip
        context["widget"]["rows"] = rows
        return context


def moved(order: list[str], move: str) -> list[str]:
    """The order after a "code:up" or "code:down" button; anything else leaves it as it was."""
    code, _colon, direction = move.partition(":")
    if code not in order or direction not in ("up", "down"):
        return order
    at = order.index(code)
    to = at - 1 if direction == "up" else at + 1
    if not 0 <= to < len(order):
        return order
    order = list(order)
    order[at], order[to] = order[to], order[at]
    return order


class LanguagesField(forms.Field):
    """The ticked languages in their order; ``opening.check`` judges them (unknown, repeated, none)."""

    widget = LanguageOrderWidget

    def to_python(self, value):
        chosen = value.get("chosen", []) if isinstance(value, dict) else value or []
        # "en,kn" in one value, as the command takes it, is the same two languages.
        return [code.strip().lower() for value in chosen for code in str(value).split(",") if code.strip()]


class OpenSpaceForm(forms.Form):
    """What a space is opened with; ``opening.check`` judges it, as it judges the command's options."""

    name = forms.CharField(label=_("Name"), help_text=_("As visitors will read it, e.g. Cobalt Mysore."))
    slug = forms.CharField(label=_("Slug"), help_text=_("Short, for addresses and groups, e.g. mysore."))
    hostname = forms.CharField(label=_("Hostname"), help_text=_("e.g. mysore.socle.example.org"))
    port = forms.IntegerField(label=_("Port"), required=False)
    languages = LanguagesField(label=_("Languages"), error_messages={"required": _("Choose at least one language.")})
    country = forms.ChoiceField(label=_("Country"))
    city = forms.CharField(label=_("City"))
    time_zone = forms.CharField(label=_("Time zone"))
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)
    # What the review showed, so that a change made on the review page is reviewed before it is opened.
    reviewed = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, served_port: int = 80, **kwargs):
        super().__init__(*args, **kwargs)
        self.served_port = served_port
        # Filled here, in the coordinator's language: at import time it would be fixed in the default one.
        self.fields["languages"].help_text = _(
            "Tick the space's languages and put them in order: the first is its default language."
        )
        self.fields["country"].choices = [("", _("Choose a country…")), *country_choices()]
        self.fields["country"].error_messages["invalid_choice"] = _(
            "“%(value)s” is not a country of the list: choose one by its name."
        )
        self.fields["time_zone"].help_text = _(
            "Search by city, country or IANA name, e.g. Asia/Kolkata. Filled in from the country when it has "
            "only one, or from the city when a zone is named after it."
        )
        self.fields["time_zone"].widget.attrs.update(list="time-zones", autocomplete="off", spellcheck="false")
        self.fields["port"].initial = served_port
        self.fields["port"].help_text = _(
            "The port visitors reach the site on: this admin's (%(port)d) unless you give another."
        ) % {"port": served_port}
        for name in FIELDS:  # the browser stops typing where the check would refuse
            if name not in ("languages", "country"):
                self.fields[name].widget.attrs["maxlength"] = longest(name)

    def clean_time_zone(self):
        return canonical_zone(self.cleaned_data["time_zone"].strip())

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("time_zone") and cleaned.get("country"):
            # Left empty: the country's only zone, or the one named after the city, if there is one.
            cleaned["time_zone"] = main_zone(cleaned["country"], cleaned.get("city", ""))
            if cleaned["time_zone"]:
                self.errors.pop("time_zone", None)
                # Shown in its box when the form comes back, whatever else is to be corrected.
                self.data = self.data.copy()
                self.data["time_zone"] = cleaned["time_zone"]
        for name, problems in check(self.opening_request()).items():
            if name not in self.errors:  # a missing field or a port that is no number: Django said so already
                for problem in problems:
                    self.add_error(name, problem)
        return cleaned

    def opening_request(self) -> OpeningRequest:
        data = {name: self.cleaned_data.get(name, "") for name in FIELDS}
        data["languages"] = ",".join(data["languages"] or [])
        port = self.cleaned_data.get("port")
        return OpeningRequest(port=self.served_port if port is None else port, **data)

    def fingerprint(self) -> str:
        """A digest of the request as the review shows it: any change to it gives another."""
        opening = self.opening_request()
        values = [getattr(opening, name) for name in FIELDS] + [opening.port]
        return hashlib.sha256(json.dumps(values).encode()).hexdigest()[:32]

    def changed_since_review(self) -> bool:
        reviewed = self.cleaned_data.get("reviewed")
        return bool(reviewed) and reviewed != self.fingerprint()

    def zones_first(self) -> list[tuple[str, str]]:
        """Every zone for the searchable list, the chosen country's first."""
        country = str(self.data.get("country", "") if self.is_bound else self.initial.get("country", ""))
        own = set(country_zones(country)) if country else set()
        zones = all_zones()
        return [zone for zone in zones if zone[0] in own] + [zone for zone in zones if zone[0] not in own]

    def zones_by_country(self) -> dict[str, list[list]]:
        return zones_by_country()

    def address_preview(self) -> str:
        """The site's address from what is typed so far, or "" while the hostname is no hostname."""
        source = self.data if self.is_bound else self.initial
        hostname = str(source.get("hostname", "")).strip().lower()
        port = str(source.get("port", "") or self.served_port).strip()
        if not HOSTNAME.match(hostname) or not port.isdigit() or not PORTS[0] <= int(port) <= PORTS[1]:
            return ""
        return site_url(hostname, int(port))


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
