"""Where each page type may be created: a space's tree keeps its shape."""

import pytest
from wagtail.models import Page

from sites.core.models import PracticeIndexPage, PracticePage, PrinciplesPage
from sites.events.models import EventIndexPage, EventPage
from sites.spaces.models import HomePage, ProgrammeIndexPage, ProgrammePage, StandardPage

pytestmark = pytest.mark.django_db

ALLOWED = {
    HomePage: {Page},
    StandardPage: {HomePage, StandardPage},
    PrinciplesPage: {HomePage},
    PracticeIndexPage: {HomePage},
    PracticePage: {PracticeIndexPage},
    ProgrammeIndexPage: {HomePage},
    ProgrammePage: {ProgrammeIndexPage},
    EventIndexPage: {HomePage},
    EventPage: {EventIndexPage},
}


@pytest.mark.parametrize("model,parents", ALLOWED.items(), ids=lambda value: getattr(value, "__name__", ""))
def test_each_page_type_lives_only_under_its_parents(model, parents):
    assert set(model.allowed_parent_page_models()) == parents


def test_a_home_has_at_most_one_of_each_section():
    home = HomePage.objects.get(slug="paris")
    for section in (PrinciplesPage, PracticeIndexPage, ProgrammeIndexPage, EventIndexPage):
        assert not section.can_create_at(home), section.__name__
    assert StandardPage.can_create_at(home)


def test_leaf_pages_have_no_children():
    for model in (PracticePage, ProgrammePage, EventPage, PrinciplesPage):
        assert model.allowed_subpage_models() == []
