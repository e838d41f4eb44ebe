"""Django's model backend, refusing sign-ins while the account or the address is cooling off."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from . import throttle


class ThrottledModelBackend(ModelBackend):
    """Every password sign-in (Wagtail's admin, Django's) goes through here.

    While throttled, the attempt fails exactly as a wrong password does: same error, and the
    password is still hashed once so the answer takes as long.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        address = throttle.client_address(request)
        if throttle.is_throttled(username, address):
            get_user_model()().set_password(password)
            throttle.record_failure(username, address)
            return None
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            throttle.record_failure(username, address)
        else:
            throttle.record_success(username)
        return user
