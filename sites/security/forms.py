"""The admin's sign-in form: a refused sign-in says the same whatever failed."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm

from . import throttle


class ThrottledLoginForm(LoginForm):
    """Wagtail's login form, with a note when the name typed or the address is cooling off.

    The note is keyed by the name typed, not by an account, so it shows alike for names that exist
    and names that do not: it tells an attacker nothing an attacker did not type.
    """

    cooling_off_note = _(
        "Too many failed sign-ins for this name or from this address: wait a few minutes before trying again."
    )

    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            username = self.cleaned_data.get("username", "")
            if throttle.is_throttled(username, throttle.client_address(self.request)):
                raise ValidationError(
                    [self.get_invalid_login_error(), ValidationError(self.cooling_off_note, code="cooling_off")]
                ) from None
            raise
