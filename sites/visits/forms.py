"""The Visit page's admin form: its rows in the space's languages only, and the checks across rows."""

from django.utils.translation import gettext as _

from sites.spaces.forms import SpacePageForm, translated_fields

from .hours import Range, Weekday


def _keep_languages(formset, served: list[str]) -> None:
    """Drop the fields of languages the space does not publish from every row of ``formset``."""
    unserved = [name for name, (_field, language) in translated_fields(formset.model).items() if language not in served]
    if not unserved:
        return
    base = formset.form
    formset.form = type(base.__name__, (base,), {})  # empty rows (“Add”) are made from it too
    formset.form.base_fields = {name: field for name, field in base.base_fields.items() if name not in unserved}
    for form in formset.__dict__.get("forms", []):
        for name in unserved:
            form.fields.pop(name, None)


def _kept_rows(formset):
    """The rows that will be saved, each valid on its own."""
    formset.is_valid()  # cleans every row once; errors stay on their rows
    return [
        form
        for form in formset.forms
        if form.is_valid() and (form.has_changed() or form.instance.pk) and not form.cleaned_data.get("DELETE")
    ]


def _hhmm(moment) -> str:
    return moment.strftime("%H:%M")


class VisitPageForm(SpacePageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.space is not None:
            for formset in self.formsets.values():
                _keep_languages(formset, self.space.language_codes)

    def clean(self):
        cleaned = super().clean()
        self._check_overlapping_hours()
        self._check_overlapping_exceptions()
        return cleaned

    def _check_overlapping_hours(self) -> None:
        seen: dict[int, list[tuple[Range, object]]] = {}
        for form in _kept_rows(self.formsets["opening_hours"]):
            data = form.cleaned_data
            hours = Range(data["opens"], data["closes"])
            for other, _form in seen.get(data["weekday"], []):
                if hours.overlaps(other):
                    message = _("Overlaps %(day)s %(opens)s–%(closes)s: merge the two rows or change one.")
                    values = {"day": Weekday(data["weekday"]).label, "opens": _hhmm(other.opens),
                              "closes": _hhmm(other.closes)}  # fmt: skip
                    form.add_error("opens", message % values)
                    break
            else:
                seen.setdefault(data["weekday"], []).append((hours, form))

    def _check_overlapping_exceptions(self) -> None:
        seen = []
        for form in _kept_rows(self.formsets["hours_exceptions"]):
            first = form.cleaned_data["start_date"]
            last = form.cleaned_data.get("end_date") or first
            clash = next(((a, b) for a, b in seen if first <= b and a <= last), None)
            if clash is not None:
                form.add_error("start_date", _("These dates overlap another exception (%(first)s – %(last)s): a date "
                                               "has one exception at most.")
                               % {"first": clash[0].isoformat(), "last": clash[1].isoformat()})  # fmt: skip
            else:
                seen.append((first, last))
