"""The review project file: creating it where it cannot be made is a clear error."""

import pytest

from graftline.errors import InputError
from graftline.review.project import ReviewProject


def test_init_in_a_missing_folder_is_a_clear_error(tmp_path):
    missing = tmp_path / "no-such-folder" / "review.duckdb"
    with pytest.raises(InputError, match="does not exist"):
        ReviewProject.create(missing)
    assert not missing.parent.exists()
