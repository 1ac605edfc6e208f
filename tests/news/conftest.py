import pytest

from tests.news import factories


@pytest.fixture
def article_factory(db):
    return factories.ArticleFactory


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    # Uploaded images in these tests go to a throwaway folder.
    settings.MEDIA_ROOT = tmp_path / "media"
