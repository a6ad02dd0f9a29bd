import pytest


@pytest.fixture
def staff(client, sam_staff):
    """A test client logged in as a member of the clinical staff."""
    client.force_login(sam_staff)
    return client
