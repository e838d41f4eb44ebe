"""Security headers on every response: a strict Content-Security-Policy on public pages.

Public pages load only the site's own scripts, styles, images and fonts (no inline script or style,
no third party). Wagtail's admin still carries inline scripts and styles of its own, so it gets
only the directives that do not break it; its previews frame public templates from the admin.
"""

# Where sites/urls.py mounts the admin.
ADMIN_PREFIX = "/admin/"

PUBLIC_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "media-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}

ADMIN_POLICY = {
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    # The page editor shows its live preview in a frame of the admin itself.
    "frame-ancestors": "'self'",
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


def render_policy(policy: dict[str, str]) -> str:
    return "; ".join(f"{directive} {sources}" for directive, sources in policy.items())


class SecurityHeadersMiddleware:
    """Sets what Django's SecurityMiddleware does not: CSP and Permissions-Policy.

    X-Content-Type-Options, Referrer-Policy and Cross-Origin-Opener-Policy come from
    SecurityMiddleware, X-Frame-Options from XFrameOptionsMiddleware. A view that set its own
    policy (Wagtail's document serve view does, to block embedded content) keeps it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.public_policy = render_policy(PUBLIC_POLICY)
        self.admin_policy = render_policy(ADMIN_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        is_admin = request.path_info.startswith(ADMIN_PREFIX)
        response.headers.setdefault("Content-Security-Policy", self.admin_policy if is_admin else self.public_policy)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
