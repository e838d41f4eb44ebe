"""Both times of an event in another zone read in the reader's language: zone names and hours alike."""

from datetime import UTC, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from sites.events.templatetags.event_times import format_event_time, format_other_zone, zone_label
from sites.spaces.models import Space

MOSCOW = ZoneInfo("Europe/Moscow")
KOLKATA = ZoneInfo("Asia/Kolkata")
PARIS = ZoneInfo("Europe/Paris")


def bangalore(**cities) -> Space:
    # Bangalore publishes en, hi, kn: it has no Russian or French name of its own.
    fields = {f"city_{code}": "" for code in ("fr", "en", "ru", "hi", "kn")}
    fields.update({"city_en": "Bangalore", "city_hi": "बेंगलुरु", "city_kn": "ಬೆಂಗಳೂರು"}, **cities)
    return Space(languages="en,hi,kn", time_zone="Asia/Kolkata", country="IN", **fields)


def moscow() -> Space:
    fields = {f"city_{code}": "" for code in ("fr", "en", "ru", "hi", "kn")}
    fields.update(city_ru="Москва", city_en="Moscow")
    return Space(languages="ru,en", time_zone="Europe/Moscow", country="RU", **fields)


@pytest.mark.parametrize(
    ("language", "moscow_name", "bangalore_name"),
    [
        ("ru", "Москва", "Индия"),
        ("fr", "Moscou", "Inde"),
        ("en", "Moscow", "Bangalore"),
        ("hi", "मॉस्को", "बेंगलुरु"),
        ("kn", "ಮಾಸ್ಕೋ", "ಬೆಂಗಳೂರು"),
    ],
)
def test_each_zone_is_named_in_the_readers_language_never_in_another_script(language, moscow_name, bangalore_name):
    assert zone_label(MOSCOW, language, [moscow()]) == moscow_name
    # Asia/Kolkata is not named after Bangalore: where the space has no name in the language, the
    # country (one zone) is named rather than CLDR's Kolkata or the space's English spelling.
    assert zone_label(KOLKATA, language, [bangalore()]) == bangalore_name


def test_a_space_named_in_the_language_wins_over_the_country():
    assert zone_label(KOLKATA, "ru", [bangalore(city_ru="Бангалор")]) == "Бангалор"


def test_a_zone_without_a_space_is_cldrs_city():
    assert zone_label(PARIS, "ru", []) == "Париж"
    assert zone_label(PARIS, "kn", [SimpleNamespace(time_zone="Europe/Moscow")]) == "ಪ್ಯಾರಿಸ್"


def test_kannada_hours_are_written_alike_on_both_lines():
    start = datetime(2026, 12, 6, 16, 0, tzinfo=UTC)  # 21:30 in Bangalore, 19:00 in Moscow
    end = datetime(2026, 12, 6, 17, 30, tzinfo=UTC)
    when = format_event_time(start, end, KOLKATA, "kn")
    zones = format_other_zone(start, KOLKATA, "ಬೆಂಗಳೂರು", MOSCOW, "ಮಾಸ್ಕೋ", "kn")
    assert "9:30" in when and "09:30" not in when
    assert zones.startswith("9:30") and "7:00" in zones
    assert "09:30" not in zones and "07:00" not in zones


def test_a_twenty_four_hour_language_keeps_its_padding():
    start = datetime(2026, 12, 6, 6, 0, tzinfo=UTC)  # 09:00 in Moscow
    zones = format_other_zone(start, MOSCOW, "Москва", PARIS, "Париж", "ru")
    assert zones.split()[0] == "09:00"
    assert "07:00 Париж" in " ".join(zones.split())
