"""The spaces an event is shared with, as checkboxes drawn in one pass.

Django draws each checkbox through templates of its own (three per option), and Wagtail's edit form
draws a field's widget twice (in the page, and for its scripts): with the thousand spaces of a large
network that was over a second of every event's edit form. The same markup is written here directly,
and the choices (a query, and each space's name) are read once per form.
"""

from html import escape  # Django's own wraps it for lazy strings: a third of drawing a thousand options

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe


class SpaceCheckboxes(forms.CheckboxSelectMultiple):
    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        widget_id = final.get("id")
        outer = flatatt({key: each for key, each in (("id", widget_id), ("class", final.get("class"))) if each})
        # Each option carries the widget's attributes in Django's order, its id numbered in place.
        keys = list(final)
        before = flatatt({key: final[key] for key in keys[: keys.index("id")]} if widget_id else final)
        after = flatatt({key: final[key] for key in keys[keys.index("id") + 1 :]}) if widget_id else ""
        chosen = set(self.format_value(value))
        rows = []
        for index, (option_value, label) in enumerate(self._options()):
            label_for = option_id = ""
            if widget_id:
                label_for = ' for="%s_%d"' % (escape(widget_id), index)  # noqa: UP031  (markup reads best so)
                option_id = ' id="%s_%d"' % (escape(widget_id), index)  # noqa: UP031
            checked = " checked" if option_value in chosen else ""
            rows.append(
                '<div><label%s><input type="checkbox" name="%s" value="%s"%s%s%s%s> %s</label></div>'  # noqa: UP031
                % (label_for, escape(name), escape(option_value), before, option_id, after, checked, escape(label))
            )
        return mark_safe("<div%s>%s</div>" % (outer, "".join(rows)))  # noqa: S308, UP031  (every part escaped)

    def _options(self) -> list[tuple[str, str]]:
        """The choices as drawn, read once for these choices (each form has its own copy of them)."""
        drawn = getattr(self, "_drawn", None)
        if drawn is None or drawn[0] is not self.choices:
            drawn = self._drawn = (self.choices, [(str(each), str(label)) for each, label in self.choices])
        return drawn[1]
