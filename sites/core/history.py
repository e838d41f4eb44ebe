"""Every published version of a value or principle, what changed between any two, field by field
and language by language, and who translated what."""

import difflib

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import format_html, format_html_join, strip_tags
from django.utils.translation import gettext as _

from sites.spaces.languages import language_name

from .models import CoreTranslation, CoreVersion, Principle, Value

MODELS = {"principle": Principle, "value": Value}


def _item(request, model_name: str, pk: int):
    model = MODELS.get(model_name)
    if model is None:
        raise PermissionDenied
    if not request.user.has_perm(f"core.change_{model_name}"):
        raise PermissionDenied
    item = get_object_or_404(model, pk=pk)
    versions = CoreVersion.objects.filter(content_type=ContentType.objects.get_for_model(model), object_id=pk)
    return item, versions.select_related("published_by").order_by("-number")


def translations_of(item, latest_per_language: bool = False) -> list[CoreTranslation]:
    """The translations that went live (directly or accepted), the latest first; with
    ``latest_per_language``, only the latest of each language."""
    rows = (
        CoreTranslation.objects.filter(
            content_type=ContentType.objects.get_for_model(type(item)),
            object_id=item.pk,
            status__in=[CoreTranslation.Status.DIRECT, CoreTranslation.Status.ACCEPTED],
        )
        .select_related("translator", "reviewed_by", "space")
        .order_by("-updated_at")
    )
    if not latest_per_language:
        return list(rows[:100])
    latest: dict[str, CoreTranslation] = {}
    for row in rows[:200]:
        latest.setdefault(row.language, row)
    return sorted(latest.values(), key=lambda row: row.language)


def inline_diff(old: str, new: str) -> str:
    """Words removed in <del>, words added in <ins>, the rest as it was (all escaped)."""
    old_words, new_words = strip_tags(old).split(), strip_tags(new).split()
    parts = []
    for tag, a1, a2, b1, b2 in difflib.SequenceMatcher(a=old_words, b=new_words).get_opcodes():
        if tag == "equal":
            parts.append(format_html("{}", " ".join(old_words[a1:a2])))
        if tag in ("delete", "replace"):
            parts.append(format_html("<del>{}</del>", " ".join(old_words[a1:a2])))
        if tag in ("insert", "replace"):
            parts.append(format_html("<ins>{}</ins>", " ".join(new_words[b1:b2])))
    return format_html_join(" ", "{}", ((part,) for part in parts))


def field_label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def changed_fields(old: dict, new: dict, model=None) -> list[dict]:
    rows = []
    for key in sorted(set(old) | set(new)):
        before, after = old.get(key, ""), new.get(key, "")
        if before == after:
            continue
        field, _sep, language = key.rpartition("_")
        if len(language) != 2:
            field, language = key, ""
        rows.append(
            {
                "field": field_label(model, field) if model else field,
                "language": language_name(language) if language else "",
                "diff": inline_diff(" ".join(before) if isinstance(before, list) else str(before),
                                    " ".join(after) if isinstance(after, list) else str(after)),
            }
        )  # fmt: skip
    return rows


def history_view(request, model_name: str, pk: int):
    item, versions = _item(request, model_name, pk)
    chosen = [request.GET.get("old", ""), request.GET.get("new", "")]
    if all(number.isdigit() for number in chosen):  # the form that compares any two versions
        return redirect("socle_core_compare", model_name, pk, *chosen)
    return render(
        request,
        "core/admin/history.html",
        {"item": item, "versions": versions, "model_name": model_name, "translations": translations_of(item)},
    )


def compare_view(request, model_name: str, pk: int, old: int, new: int):
    item, versions = _item(request, model_name, pk)
    before = get_object_or_404(versions, number=old)
    after = get_object_or_404(versions, number=new)
    return render(
        request,
        "core/admin/compare.html",
        {
            "item": item,
            "model_name": model_name,
            "before": before,
            "after": after,
            "rows": changed_fields(before.content, after.content, type(item)),
            "title": _("Version %(old)s → version %(new)s") % {"old": old, "new": new},
        },
    )
