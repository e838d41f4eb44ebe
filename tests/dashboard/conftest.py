import pytest
from django.contrib.auth import get_user_model

from tests.helpers import client_for


@pytest.fixture
def coordinator():
    """A coordinator signed in to the admin."""
    client = client_for("localhost")
    client.force_login(get_user_model().objects.create_superuser("coord", "c@example.org", "pw"))
    return client
