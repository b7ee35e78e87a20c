import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True)
def dutch_afterwards():
    """A request in English (the language switch) leaves its language active in the
    thread; the next test starts in Dutch again."""
    yield
    translation.activate(settings.LANGUAGE_CODE)
