"""Fixtures for the allocation tests."""

import pytest

from ..allocation_helpers import catalogue, ready_case, youth_of


@pytest.fixture
def products(world):
    """The world's case ready for decisions, its young person with an address, and the
    catalogue."""
    ready_case(world)
    youth_of(world)
    return catalogue()
