"""A colour is a hex colour that text reads on and that reads as link text on the page, at WCAG AA."""

import pytest
from django.core.exceptions import ValidationError

from sites.identity.colours import contrast, validate_accent, validate_focus, validate_hex
from sites.identity.models import NetworkIdentity


def messages(validator, value) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        validator(value)
    return [str(message) for message in caught.value.messages]


def test_wcag_contrast_of_known_pairs():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic just-too-light grey


@pytest.mark.parametrize("value", ["0b5d52", "#0b5d5", "#0b5d52f", "#gg5d52", "teal", "", "#0b5d52 "])
def test_a_colour_that_is_not_six_hex_digits_is_refused_naming_the_form_expected(value):
    (message,) = messages(validate_hex, value)
    assert f"“{value}” is not a colour" in message
    assert "six hexadecimal digits" in message


def test_a_light_accent_is_refused_with_the_ratio_found_and_the_ratio_needed():
    found = messages(validate_accent, "#7fb3d5")
    assert any(
        "#7fb3d5 as link text on the page's background (#fbfaf7) has a contrast of 2.1" in message
        and "at least 4.5:1 is needed (WCAG AA)" in message
        for message in found
    ), found


def test_a_mid_grey_fails_both_text_on_it_and_link_text():
    # Neither white (4.47:1) nor ink reads on it, and it reads at 4.29:1 on the page.
    found = messages(validate_accent, "#777777")
    assert len(found) == 2
    assert found[0].startswith("Text on #777777 has a contrast of 4.47:1 at best; at least 4.5:1 is needed")
    assert "#777777 as link text on the page's background (#fbfaf7) has a contrast of 4.29:1" in found[1]


def test_a_light_accent_takes_dark_text_and_is_still_refused_as_link_text():
    found = messages(validate_accent, "#8a8a8a")
    assert len(found) == 1 and "as link text" in found[0]  # dark text reads on it: only the link fails


def test_the_ratio_shown_is_rounded_down_never_up():
    # #767676 reads at 4.54:1 on white but 4.4x:1 on the page's off-white background.
    found = messages(validate_accent, "#767676")
    assert "has a contrast of 4.35:1" in found[0]


@pytest.mark.parametrize("value", ["#0b5d52", "#a3214a", "#1d4f91", "#2f6b1f", "#000000"])
def test_dark_accents_pass(value):
    validate_accent(value)  # the positive control: raises nothing


def test_a_focus_ring_needs_3_to_1():
    validate_focus("#b3470b")
    (message,) = messages(validate_focus, "#f0a0a0")
    assert "as the focus outline" in message and "at least 3.0:1 is needed" in message


@pytest.mark.django_db
def test_the_models_check_their_colours_on_clean():
    identity = NetworkIdentity(accent="#ffcc00", focus="#b3470b")
    with pytest.raises(ValidationError) as caught:
        identity.full_clean()
    assert set(caught.value.message_dict) == {"accent"}
    identity.accent = "#0b5d52"
    identity.full_clean()
