"""Where data is read from when no folder is named: $RATIFY_DATA, the user's folder, the bundled snapshot."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

import ratify
from ratify.store.location import DataOrigin, data_folder, user_data_folder


def test_with_no_user_folder_the_bundled_snapshot_is_read() -> None:
    assert not user_data_folder().exists()  # the tests run in a throw-away home
    assert data_folder().kind is DataOrigin.BUNDLED


def test_a_user_folder_that_cannot_be_read_is_not_used_and_says_so(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """A folder on the way that this user may not enter: the bundled snapshot, one warning, no traceback."""
    user = user_data_folder()

    def denied(self: Path) -> bool:
        if self == user:
            raise PermissionError(13, "Permission denied", str(self))
        return False

    monkeypatch.setattr(Path, "is_dir", denied)
    with caplog.at_level(logging.WARNING, logger="ratify.data"):
        origin = data_folder()
    assert origin.kind is DataOrigin.BUNDLED
    assert [r.getMessage() for r in caplog.records] == [
        f"ratify: warning: your data folder {user} cannot be read (Permission denied); using the bundled snapshot"]
    monkeypatch.undo()
    assert ratify.load().origin is not None
