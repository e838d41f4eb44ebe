"""Coordinators create API tokens (each shown once) and revoke them."""

from django import forms
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from .models import ApiToken
from .views import coordinators_only


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=120,
                           help_text=gettext_lazy("Which tool uses it, e.g. the network's wiki."))  # fmt: skip


def tokens_view(request):
    coordinators_only(request)
    form = TokenForm(request.POST or None)
    key = None
    if request.method == "POST" and form.is_valid():
        _token, key = ApiToken.issue(form.cleaned_data["name"], request.user)
        form = TokenForm()
    return render(
        request,
        "dashboard/tokens.html",
        {"form": form, "key": key, "tokens": ApiToken.objects.select_related("created_by")},
    )


@require_POST
def revoke_view(request, token_id: int):
    coordinators_only(request)
    token = get_object_or_404(ApiToken, pk=token_id)
    token.revoke()
    messages.success(request, _("The token “%(name)s” is revoked: tools using it are refused.") % {"name": token.name})
    return redirect("socle_dashboard_tokens")
