"""A space's editors keep its Visit page in the admin: in its languages only, with errors that say
what is wrong (closing before opening, overlapping rows, bad coordinates, an exception ending before
it starts), and a valid page saved as typed."""

import pytest

from sites.spaces.models import Space
from sites.visits.models import VisitPage
from tests.helpers import admin_client_of, admin_form_data

pytestmark = pytest.mark.django_db


def paris_visit() -> VisitPage:
    return VisitPage.objects.child_of(Space.objects.get(slug="paris").site.root_page).get()


def edit_url(page) -> str:
    return f"/admin/pages/{page.pk}/edit/"


def rows(prefix: str, existing: list, items: list[dict]) -> dict:
    """A formset as the browser sends it: the page's rows deleted, then ``items`` as new rows."""
    data = {f"{prefix}-TOTAL_FORMS": str(len(existing) + len(items)), f"{prefix}-INITIAL_FORMS": str(len(existing)),
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}  # fmt: skip
    for number, row in enumerate(existing):
        data |= {f"{prefix}-{number}-id": str(row.pk), f"{prefix}-{number}-DELETE": "on"}
    for number, item in enumerate(items, start=len(existing)):
        data |= {f"{prefix}-{number}-{name}": value for name, value in item.items()}
        data[f"{prefix}-{number}-ORDER"] = str(number + 1)
    return data


def post(client, page, hours, exceptions=(), **changes):
    data = admin_form_data(client, edit_url(page), **changes)
    data = {name: value for name, value in data.items() if not name.startswith(("opening_hours-", "hours_exceptions-"))}
    data |= rows("opening_hours", list(page.opening_hours.all()), hours)
    data |= rows("hours_exceptions", list(page.hours_exceptions.all()), list(exceptions))
    return client.post(edit_url(page), data | {"action-publish": "action-publish"})


def row_errors(response, formset: str) -> list[dict]:
    """The errors of the new rows (the deleted ones come first and have none)."""
    forms = response.context["form"].formsets[formset].forms
    return [dict(form.errors) for form in forms if not form.instance.pk]


@pytest.fixture
def editor():
    return admin_client_of("paris-visit-editor", ["paris editors"], "en")


def test_the_form_offers_the_spaces_languages_only_in_its_rows_too(editor):
    response = editor.get(edit_url(paris_visit()))
    assert response.status_code == 200
    form = response.context["form"]
    assert {"directions_fr", "directions_en"} <= set(form.fields) and "directions_ru" not in form.fields
    empty_exception = form.formsets["hours_exceptions"].empty_form
    assert {"reason_fr", "reason_en"} <= set(empty_exception.fields)
    assert not {"reason_ru", "reason_hi", "reason_kn"} & set(empty_exception.fields)


def test_valid_hours_and_exceptions_are_saved(editor):
    page = paris_visit()
    hours = [
        {"weekday": "0", "opens": "09:00", "closes": "12:00"},
        {"weekday": "0", "opens": "14:00", "closes": "00:00"},
    ]
    exceptions = [{"start_date": "2027-05-01", "closed": "on", "reason_fr": "Fête du Travail", "reason_en": "May Day"}]
    response = post(editor, page, hours, exceptions, latitude="48.868680", longitude="2.349530")
    assert response.status_code == 302, response.context and response.context["form"].errors
    page.refresh_from_db()
    assert [(row.weekday, f"{row.opens:%H:%M}", f"{row.closes:%H:%M}") for row in page.opening_hours.all()] == [
        (0, "09:00", "12:00"),
        (0, "14:00", "00:00"),
    ]
    assert page.hours_exceptions.get().reason_en == "May Day"


def test_closing_before_opening_is_refused_and_names_both_times(editor):
    response = post(editor, paris_visit(), [{"weekday": "1", "opens": "19:00", "closes": "09:00"}])
    assert response.status_code == 200
    (errors,) = row_errors(response, "opening_hours")
    assert "Closes at 09:00, which is not after it opens (19:00)" in errors["closes"][0]


def test_overlapping_ranges_on_one_day_are_refused_but_the_same_hours_on_two_days_are_not(editor):
    overlapping = [
        {"weekday": "2", "opens": "09:00", "closes": "13:00"},
        {"weekday": "2", "opens": "12:00", "closes": "18:00"},
    ]
    response = post(editor, paris_visit(), overlapping)
    assert response.status_code == 200
    assert "Overlaps Wednesday 09:00–13:00" in row_errors(response, "opening_hours")[1]["opens"][0]
    two_days = [
        {"weekday": "2", "opens": "09:00", "closes": "13:00"},
        {"weekday": "3", "opens": "12:00", "closes": "18:00"},
    ]
    assert post(editor, paris_visit(), two_days).status_code == 302


def test_an_exception_ending_before_it_starts_or_overlapping_another_is_refused(editor):
    backwards = [{"start_date": "2027-01-08", "end_date": "2027-01-01", "closed": "on"}]
    response = post(editor, paris_visit(), [], backwards)
    assert (
        "Ends on 2027-01-01, before it starts (2027-01-08)." in row_errors(response, "hours_exceptions")[0]["end_date"]
    )
    overlapping = [{"start_date": "2027-01-01", "end_date": "2027-01-08", "closed": "on"},
                   {"start_date": "2027-01-07", "closed": "on"}]  # fmt: skip
    response = post(editor, paris_visit(), [], overlapping)
    assert "overlap another exception" in row_errors(response, "hours_exceptions")[1]["start_date"][0]
    special_without_hours = [{"start_date": "2027-01-09", "opens": "10:00"}]
    response = post(editor, paris_visit(), [], special_without_hours)
    assert (
        "Special hours need an opening and a closing time" in row_errors(response, "hours_exceptions")[0]["closes"][0]
    )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"latitude": "91", "longitude": "2.3"}, "latitude", "less than or equal to 90"),
        ({"latitude": "48.8", "longitude": "-181"}, "longitude", "greater than or equal to -180"),
        ({"latitude": "48.8", "longitude": ""}, "longitude", "Give both the latitude and the longitude"),
        ({"phone": "call us"}, "phone", "A phone number has digits"),
    ],
)
def test_bad_coordinates_and_phone_numbers_are_refused(editor, changes, field, message):
    response = post(editor, paris_visit(), [], **changes)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])


def test_an_editor_of_another_space_cannot_edit_it():
    moscow_editor = admin_client_of("moscow-visit-editor", ["moscow editors"], "ru")
    assert moscow_editor.get(edit_url(paris_visit())).status_code in (302, 403, 404)
