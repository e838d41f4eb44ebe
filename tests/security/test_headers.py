"""Public pages carry a strict Content-Security-Policy and the usual security headers."""

from pathlib import Path

import pytest

from tests.settings.test_env import read_env_example


def directives(response) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/fr/", "/fr/search/?q=cafe", "/fr/no-such-page/"])
def test_a_public_page_allows_only_its_own_scripts_and_styles(client, path):
    response = client.get(path, HTTP_HOST="paris.localhost")
    policy = directives(response)
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert "unsafe-eval" not in response.headers["Content-Security-Policy"]
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["default-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "camera=()" in response.headers["Permissions-Policy"]


@pytest.mark.django_db
def test_public_pages_share_one_policy_built_once_and_a_changed_setting_builds_it_again(client, settings, monkeypatch):
    from sites.security import headers

    built = []
    real = headers.build_policy
    monkeypatch.setattr(headers, "build_policy", lambda **kw: built.append(kw) or real(**kw))
    monkeypatch.setattr(headers, "_from_settings", {})
    policies = {
        client.get(path, HTTP_HOST="paris.localhost").headers["Content-Security-Policy"]
        for path in ("/fr/", "/fr/", "/fr/search/?q=cafe")
    }
    assert policies == {real()}
    assert built == [{"report_only": False}, {"report_only": True}]  # once per process, not twice a page

    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {**settings.CONTENT_SECURITY_POLICY["DIRECTIVES"], "img-src": ["'self'"]}
    }
    assert directives(client.get("/fr/", HTTP_HOST="paris.localhost"))["img-src"] == "'self'"


@pytest.mark.django_db
def test_the_admin_may_frame_its_own_previews_and_nothing_else(client):
    response = client.get("/admin/login/")
    policy = directives(response)
    assert policy["frame-ancestors"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_the_production_settings_pass_the_deployment_checks_without_a_warning():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={"PATH": "/usr/bin:/bin", **read_env_example()},
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
