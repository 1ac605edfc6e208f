import pytest


@pytest.fixture
def title(title_factory):
    return title_factory(title="Pure Soul")
