"""Sign-in is throttled per name and per address; a cool-off always ends; every refusal reads the same."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from sites.security import throttle

LOGIN = "/admin/login/"
WRONG = "Your username and password didn't match. Please try again."
NOTE = "Too many failed sign-ins for this name or from this address"


@pytest.fixture
def clock(monkeypatch):
    """The throttle's clock, moved by the test instead of waiting."""

    class Clock:
        now = timezone.now()

        def advance(self, **delta):
            self.now += timedelta(**delta)

    moved = Clock()
    monkeypatch.setattr(throttle, "now", lambda: moved.now)
    return moved


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("nadia", password="right-password-42")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def sign_in(client, username, password, address="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def text(response) -> str:
    import html

    return html.unescape(response.content.decode())


def signed_in(response) -> bool:
    return response.status_code == 302 and response.url == "/admin/"


@pytest.mark.django_db
def test_the_right_password_is_refused_like_a_wrong_one_after_ten_failures(client, editor):
    for _ in range(10):
        assert WRONG in text(sign_in(client, "nadia", "wrong"))
    refused = sign_in(client, "nadia", "right-password-42")
    assert not signed_in(refused)
    assert WRONG in text(refused)
    assert NOTE in text(refused)


@pytest.mark.django_db
def test_nine_failures_leave_the_account_usable_and_a_success_resets_its_count(client, editor):
    for _ in range(9):
        sign_in(client, "nadia", "wrong")
    assert signed_in(sign_in(client, "nadia", "right-password-42"))
    client.logout()
    for _ in range(9):
        sign_in(client, "nadia", "wrong")
    assert signed_in(sign_in(client, "nadia", "right-password-42"))


@pytest.mark.django_db
def test_the_account_budget_holds_across_addresses_and_letter_case(client, editor):
    for number in range(10):
        sign_in(client, "NADIA" if number % 2 else "nadia", "wrong", address=f"198.51.100.{number}")
    assert not signed_in(sign_in(client, "nadia", "right-password-42", address="192.0.2.200"))


@pytest.mark.django_db
def test_an_address_that_tries_many_names_is_cooled_off_for_every_name(client, editor):
    with override_settings(SOCLE_LOGIN_FAILURES_PER_ADDRESS=20):
        for number in range(20):
            sign_in(client, f"guess{number}", "wrong", address="203.0.113.99")
        assert not signed_in(sign_in(client, "nadia", "right-password-42", address="203.0.113.99"))
        # The editor, from elsewhere, is not affected by that address.
        assert signed_in(sign_in(client, "nadia", "right-password-42", address="192.0.2.1"))


@pytest.mark.django_db
def test_the_cool_off_ends_on_its_own(client, editor, clock):
    for _ in range(10):
        sign_in(client, "nadia", "wrong")
    clock.advance(minutes=14, seconds=59)
    assert not signed_in(sign_in(client, "nadia", "right-password-42"))
    clock.advance(seconds=2)
    assert signed_in(sign_in(client, "nadia", "right-password-42"))


@pytest.mark.django_db
def test_the_window_runs_from_the_first_failure_and_later_ones_do_not_extend_it(client, editor, clock):
    sign_in(client, "nadia", "wrong")
    clock.advance(minutes=14)
    for _ in range(9):  # the tenth failure, late in the window
        sign_in(client, "nadia", "wrong")
    assert not signed_in(sign_in(client, "nadia", "right-password-42"))
    clock.advance(minutes=1, seconds=1)  # fifteen minutes after the first failure
    assert signed_in(sign_in(client, "nadia", "right-password-42"))


@pytest.mark.django_db
def test_failures_still_count_while_the_cache_is_down(client, editor, redis_server, production_cache):
    redis_server.kill()
    assert signed_in(sign_in(client, "nadia", "right-password-42"))  # the cache is not needed to sign in
    client.logout()
    for _ in range(10):
        assert WRONG in text(sign_in(client, "nadia", "wrong"))
    refused = sign_in(client, "nadia", "right-password-42")
    assert not signed_in(refused) and NOTE in text(refused)
    # Nobody else is locked out: the throttle refuses this name only.
    other = client.__class__()
    other_editor = editor.__class__.objects.create_user("olga", password="another-password-7")
    other_editor.user_permissions.set(editor.user_permissions.all())
    assert signed_in(sign_in(other, "olga", "another-password-7"))


@pytest.mark.django_db
def test_a_name_that_does_not_exist_reads_exactly_like_one_that_does(client, editor):
    for _ in range(11):
        sign_in(client, "nadia", "wrong", address="198.51.100.1")
        sign_in(client, "zorro", "wrong", address="198.51.100.2")

    def errors(response) -> list[str]:
        return [str(error) for error in response.context["form"].non_field_errors()]

    existing = errors(sign_in(client, "nadia", "wrong", address="198.51.100.1"))
    unknown = errors(sign_in(client, "zorro", "wrong", address="198.51.100.2"))
    assert existing == unknown
    assert existing[0] == WRONG and existing[1].startswith(NOTE)


@pytest.mark.django_db
def test_the_address_is_read_past_the_trusted_proxies_only(rf):
    from sites.security.throttle import client_address

    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5", REMOTE_ADDR="10.0.0.1")
    with override_settings(SOCLE_TRUSTED_PROXIES=0):
        assert client_address(request) == "10.0.0.1"
    with override_settings(SOCLE_TRUSTED_PROXIES=1):
        # The left entry was written by the client itself: never trusted.
        assert client_address(request) == "203.0.113.5"
