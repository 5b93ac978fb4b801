import pytest


@pytest.fixture
def small():
    """Render params that keep generator tests fast."""
    return {"image_size": 128}
