"""The store interface is abstract: an implementation missing a method fails when it is
made, naming the method, not halfway through a shard."""

import pytest

from lambda_src.stores import LocalStore, Store


def test_a_store_missing_a_method_cannot_be_made(tmp_path):
    class Partial(Store):
        url = "file:///nowhere"

    with pytest.raises(TypeError, match="put_bytes"):
        Partial()
    assert isinstance(LocalStore(tmp_path), Store)  # the real ones implement everything
