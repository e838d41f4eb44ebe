"""The admin wizard judges a space as the command does, with pickers named in the coordinator's language.

Languages are ticked and put in order (the first is the default), countries are chosen by name, the
time zone is proposed from the country (or the city), and the port is the one this admin is served on.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page, Site
from wagtail.users.models import UserProfile

from playbook.pickers import country_zones, sort_key
from sites.spaces.models import Space
from tests.helpers import client_for
from tests.playbook.test_open_space import MYSORE as OPTIONS

pytestmark = pytest.mark.django_db

MYSORE = {**OPTIONS, "languages": ["en", "kn"], "port": "80"}
WIZARD = "/admin/playbook/open/"


def coordinator(language: str = "en", host: str = "localhost", **extra):
    user = get_user_model().objects.create_superuser(f"coord-{language}", f"{language}@example.org", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client = client_for(host, **extra)
    client.force_login(user)
    return client


def counts() -> dict:
    return {model.__name__: model.objects.count() for model in (Space, Site, Group, Page)}


def rows(response) -> list[dict]:
    """The language rows the wizard shows, in the order it shows them."""
    return response.context["form"]["languages"].subwidgets[0].data["rows"]


def language_names(html: str) -> dict[str, tuple[str, str]]:
    """Each language row's name in the reader's language and its own name, as the page shows them."""
    found = re.findall(
        r'name="languages" value="(\w+)".*?__name">([^<]+)</span>(?: <span class="socle-language-order__endonym"'
        r' lang="\w+">([^<]+)</span>)?',
        html,
        flags=re.S,
    )
    return {code: (name, endonym) for code, name, endonym in found}


def datalist(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<option value="([^"]+)" label="([^"]+)">', html[html.index('<datalist id="time-zones">') :])


def language_rows(html: str) -> list[tuple[str, bool]]:
    found = re.findall(r'<input type="checkbox" name="languages" value="(\w+)"[^>]*?( checked)?>', html)
    return [(code, bool(checked)) for code, checked in found]


def test_a_name_too_long_is_refused_under_its_field_with_the_other_problems_and_nothing_is_written():
    before = counts()
    response = coordinator().post(WIZARD, MYSORE | {"name": "N" * 300, "hostname": "paris.localhost"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["name"] == ["At most 120 characters (300 given)."]
    assert "already served by another site" in form.errors["hostname"][0]
    assert "At most 120 characters (300 given)." in response.content.decode()
    assert counts() == before


def test_the_wizard_tells_the_browser_the_same_limits():
    html = coordinator().get(WIZARD).content.decode()
    assert 'maxlength="120"' in html and 'maxlength="60"' in html


def test_a_coordinator_reads_the_problem_in_their_admin_language():
    response = coordinator("ru").post(WIZARD, MYSORE | {"city": "C" * 121})
    assert response.context["form"].errors["city"] == ["Не более 120 символов (введено: 121)."]
    html = response.content.decode()
    assert "Отметьте языки пространства и расставьте их по порядку: первый — основной язык." in html


def test_a_valid_space_is_reviewed_then_opened():
    client = coordinator()
    review = client.post(WIZARD, MYSORE)
    assert review.status_code == 200 and review.context["plan"]
    assert not Space.objects.filter(slug="mysore").exists()
    opened = client.post(WIZARD, MYSORE | {"confirmed": "True"})
    space = Space.objects.get(slug="mysore")
    assert opened.status_code == 302 and space.site.hostname == "mysore.localhost"


# Languages: an ordered pick of the network's, named in the coordinator's language.


def test_the_languages_keep_the_order_they_were_put_in_and_the_first_is_the_default():
    client = coordinator()
    chosen = {"languages": ["kn", "hi", "en"], "languages_order": ["fr", "kn", "hi", "en", "ru"]}
    review = client.post(WIZARD, MYSORE | chosen)
    assert "in Kannada (kn), Hindi (hi), English (en)" in review.context["plan"][0]
    # The review shows them as they will be: in that order, the first marked as the default.
    assert [(row["code"], row["checked"], row["default"]) for row in rows(review)] == [
        ("fr", False, False), ("kn", True, True), ("hi", True, False), ("en", True, False), ("ru", False, False),
    ]  # fmt: skip
    client.post(WIZARD, MYSORE | chosen | {"confirmed": "True"})
    space = Space.objects.get(slug="mysore")
    assert space.language_codes == ["kn", "hi", "en"] and space.default_language == "kn"


def test_the_languages_are_named_in_the_coordinators_language_beside_their_own_names():
    french = language_names(coordinator("fr").get(WIZARD).content.decode())
    assert french == {
        "fr": ("Français", ""), "en": ("Anglais", "English"), "ru": ("Russe", "Русский"),
        "hi": ("Hindi", "हिन्दी"), "kn": ("Kannada", "ಕನ್ನಡ"),
    }  # fmt: skip
    hindi = language_names(coordinator("hi").get(WIZARD).content.decode())
    assert hindi["ru"] == ("रूसी", "Русский") and hindi["fr"] == ("फ़्रेंच", "Français")


def test_without_a_script_the_up_button_moves_a_language_and_nothing_is_judged_or_written():
    before = counts()
    response = coordinator().post(
        WIZARD,
        MYSORE | {"name": "", "languages": ["en", "kn"], "languages_order": ["fr", "en", "ru", "hi", "kn"],
                  "move": "kn:up"},
    )  # fmt: skip
    html = response.content.decode()
    assert language_rows(html) == [("fr", False), ("en", True), ("ru", False), ("kn", True), ("hi", False)]
    assert response.context["form"].errors == {} and "error-message" not in html  # the name's absence waits
    assert 'value="mysore.localhost"' in html  # what was typed stays
    assert counts() == before


def test_unknown_or_missing_languages_are_refused_by_name():
    client = coordinator()
    unknown = client.post(WIZARD, MYSORE | {"languages": ["en", "tlh"]})
    assert unknown.context["form"].errors["languages"] == [
        "Unknown language: tlh. The network's languages are fr, en, ru, hi, kn."
    ]
    none = client.post(WIZARD, {key: value for key, value in MYSORE.items() if key != "languages"})
    assert none.context["form"].errors["languages"] == ["Choose at least one language."]


# Countries by name, stored as their ISO code.


def test_countries_are_offered_by_name_in_the_coordinators_language_sorted_as_a_reader_expects():
    choices = coordinator("fr").get(WIZARD).context["form"].fields["country"].choices[1:]
    names = [name for _code, name in choices]
    assert ("IN", "Inde") in choices and ("RU", "Russie") in choices
    assert names == sorted(names, key=sort_key)
    # Égypte among the E, not after Zimbabwe as a sort by code points would put it.
    assert names.index("Danemark") < names.index("Égypte") < names.index("Espagne")
    assert "EU" not in dict(choices) and "UN" not in dict(choices)  # groupings are no country


def test_a_country_is_stored_as_its_iso_code_and_an_unknown_one_is_refused():
    client = coordinator()
    refused = client.post(WIZARD, MYSORE | {"country": "XX"})
    assert refused.context["form"].errors["country"] == ["“XX” is not a country of the list: choose one by its name."]
    client.post(WIZARD, MYSORE | {"confirmed": "True"})
    assert Space.objects.get(slug="mysore").country == "IN"


# Time zones: proposed from the country, searchable, refused when they do not fit.


def test_a_countrys_only_zone_is_proposed_when_the_zone_is_left_empty():
    review = coordinator().post(WIZARD, MYSORE | {"time_zone": ""})
    assert review.context["form"].data["time_zone"] == "Asia/Kolkata"
    assert "time zone Asia/Kolkata" in review.context["plan"][0]


def test_in_a_country_of_several_zones_the_city_names_the_zone_or_the_coordinator_chooses():
    client = coordinator()
    moscow = client.post(WIZARD, MYSORE | {"country": "RU", "city": "Москва", "time_zone": "", "languages": ["ru"]})
    assert moscow.context["form"].data["time_zone"] == "Europe/Moscow"
    novosibirsk = client.post(WIZARD, MYSORE | {"country": "RU", "city": "novosibirsk", "time_zone": ""})
    assert novosibirsk.context["form"].data["time_zone"] == "Asia/Novosibirsk"
    unknown_city = client.post(WIZARD, MYSORE | {"country": "RU", "city": "Dubna", "time_zone": ""})
    assert unknown_city.context["form"].errors["time_zone"] == ["This field is required."]


def test_a_zone_of_another_country_is_refused_naming_the_countrys_zones_in_the_coordinators_language():
    refused = coordinator("fr").post(WIZARD, MYSORE | {"time_zone": "Europe/Moscow"})
    assert refused.context["form"].errors["time_zone"] == [
        "«\u00a0Europe/Moscow\u00a0» n’est pas un fuseau horaire du pays choisi, Inde (IN)\u00a0: "
        "son fuseau est Asia/Kolkata."
    ]


def test_an_old_name_of_the_zone_is_taken_as_its_current_one():
    client = coordinator()
    client.post(WIZARD, MYSORE | {"time_zone": "Asia/Calcutta", "confirmed": "True"})
    assert Space.objects.get(slug="mysore").time_zone == "Asia/Kolkata"


def test_the_searchable_zones_list_the_chosen_countrys_first_with_their_city_in_the_coordinators_language():
    zones = datalist(coordinator("fr").post(WIZARD, MYSORE | {"name": "", "country": "RU"}).content.decode())
    russian = set(country_zones("RU"))
    assert len(russian) > 10 and {zone for zone, _label in zones[: len(russian)]} == russian
    assert ("Europe/Moscow", "Moscou — Russie") in zones and ("Asia/Kolkata", "Calcutta — Inde") in zones


# The port: where this admin is served, unless given.


def test_the_port_is_the_one_this_admin_is_served_on_unless_given():
    client = coordinator(host="localhost:8801")
    form = client.get(WIZARD).context["form"]
    assert form.fields["port"].initial == 8801
    review = client.post(WIZARD, MYSORE | {"port": ""})
    assert "http://mysore.localhost:8801/" in review.context["plan"][1]
    assert review.context["form"].address_preview() == "http://mysore.localhost:8801/"
    client.post(WIZARD, MYSORE | {"port": "", "confirmed": "True"})
    assert Space.objects.get(slug="mysore").site.port == 8801


def test_a_given_port_wins_and_a_secure_admin_without_a_port_proposes_443():
    client = coordinator(host="localhost:8801")
    client.post(WIZARD, MYSORE | {"port": "8000", "confirmed": "True"})
    assert Space.objects.get(slug="mysore").site.port == 8000
    secure = client_for("localhost")
    secure.force_login(get_user_model().objects.get(username="coord-en"))
    form = secure.get(WIZARD, secure=True).context["form"]
    assert form.fields["port"].initial == 443


def test_a_port_out_of_range_is_refused_by_the_same_words_as_the_command():
    refused = coordinator().post(WIZARD, MYSORE | {"port": "70000"})
    assert refused.context["form"].errors["port"] == ["A port from 1 to 65535 (70000 given)."]


# The page loads its behaviour from the app's static files: nothing inline that a policy would block.


def test_the_pickers_script_is_a_static_file_and_the_zones_are_data_not_code():
    html = coordinator().get(WIZARD).content.decode()
    assert '<script src="/static/playbook/js/open_space.js" defer></script>' in html
    assert '<script id="socle-country-zones" type="application/json">' in html
    form_html = html[html.index('<form method="post"') : html.index("</form>")]
    assert all("src=" in tag or "application/json" in tag for tag in re.findall(r"<script[^>]*>", form_html))


def test_a_change_made_on_the_review_page_is_reviewed_before_the_space_is_opened():
    client = coordinator()
    review = client.post(WIZARD, MYSORE)
    reviewed = review.context["form"].data["reviewed"]
    # The coordinator puts Kannada first on the review page, then presses "Open the space".
    changed = MYSORE | {"languages": ["kn", "en"], "confirmed": "True", "reviewed": reviewed}
    again = client.post(WIZARD, changed)
    assert again.status_code == 200 and again.context["changed"]
    assert "in Kannada (kn), English (en)" in again.context["plan"][0]
    assert "You changed the space since the review" in again.content.decode()
    assert not Space.objects.filter(slug="mysore").exists()
    opened = client.post(WIZARD, changed | {"reviewed": again.context["form"].data["reviewed"]})
    assert opened.status_code == 302 and Space.objects.get(slug="mysore").language_codes == ["kn", "en"]
