"""Security headers on every response: django-csp's Content-Security-Policy, and a Permissions-Policy.

Public pages get the policy of the ``CONTENT_SECURITY_POLICY`` setting: only the site's own scripts,
styles, images and fonts (no inline script or style, no third party, no framing). Wagtail's admin
still carries inline scripts and styles of its own, so under ``/admin/`` the policy is
``ADMIN_POLICY``: only the directives that do not break it, and framing by the admin itself for the
page editor's live preview. The preview itself gets the page's policy, which lets the admin frame it.
Both are set through ``get_policy_parts``, the hook django-csp documents for changing the policy per
request (its own rate-limiting middleware extends it the same way). A view that set its own header
keeps it (Wagtail's document serve view does, to block embedded content): django-csp never
overwrites one.
"""

import http

from csp.constants import HEADER, HEADER_REPORT_ONLY, NONE, SELF
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed

# Where sites/urls.py mounts the admin.
ADMIN_PREFIX = "/admin/"

ADMIN_POLICY = {
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    # The page editor shows its live preview in a frame of the admin itself.
    "frame-ancestors": [SELF],
}

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


# The policies the settings alone make, by report-only: what every public page gets, built once per
# process where django-csp builds both for every response (a tenth of what a page from the cache costs).
_from_settings: dict[bool, str] = {}


def _settings_policy(report_only: bool) -> str:
    if report_only not in _from_settings:
        _from_settings[report_only] = build_policy(report_only=report_only)
    return _from_settings[report_only]


def _forget_settings_policy(setting, **kwargs) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _from_settings.clear()


setting_changed.connect(_forget_settings_policy, dispatch_uid="security-csp-settings-policy")

# What django-csp leaves without a policy when DEBUG is on (Django's debug pages).
DEBUG_EXEMPT = (http.HTTPStatus.INTERNAL_SERVER_ERROR, http.HTTPStatus.NOT_FOUND)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's own policy under ``/admin/``.

    It sits outside the page cache, so a page served from the cache gets the same policy as a
    fresh one. A response whose policy is the settings' (no view's own, no nonce, not the admin)
    gets the one built once per process, as django-csp would set it.
    """

    def process_response(self, request, response):
        plain = PolicyParts()
        if (
            self.get_policy_parts(request, response) != plain
            or self.get_policy_parts(request, response, report_only=True) != plain
        ):
            return super().process_response(request, response)
        if response.status_code in DEBUG_EXEMPT and settings.DEBUG:
            return response
        for header, report_only, exempt in (
            (HEADER, False, "_csp_exempt"),
            (HEADER_REPORT_ONLY, True, "_csp_exempt_ro"),
        ):
            policy = _settings_policy(report_only)
            config = getattr(
                settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY" if report_only else "CONTENT_SECURITY_POLICY", None
            )
            excluded = tuple((config or {}).get("EXCLUDE_URL_PREFIXES") or ())
            if (
                policy
                and header not in response
                and not getattr(response, exempt, False)
                and not request.path_info.startswith(excluded)
            ):
                response[header] = policy
        if getattr(request, "_csp_nonce", None) is None:  # as django-csp: no nonce once the header is written
            request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        # A view's own policy (django-csp's decorators) wins; otherwise the admin gets its own.
        if not report_only and parts.config is None and request.path_info.startswith(ADMIN_PREFIX):
            parts.config = ADMIN_POLICY
        elif getattr(request, "is_dummy", False):
            # A page rendered for the editor's preview (Wagtail's request made for it, with the page's
            # own address): the page's policy, but the admin around it shows it in a frame.
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        return parts


class PermissionsPolicyMiddleware:
    """Sets what neither Django nor django-csp does: a Permissions-Policy denying sensors and devices.

    X-Content-Type-Options, Referrer-Policy and Cross-Origin-Opener-Policy come from
    SecurityMiddleware, X-Frame-Options from XFrameOptionsMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
