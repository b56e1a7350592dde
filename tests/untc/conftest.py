"""Fixtures for the UNTC reader tests."""

from __future__ import annotations

import socket

import pytest
from untc_paths import FIXTURES


@pytest.fixture
def fixture_bytes():
    """Read one fixture file of tests/fixtures/untc by name."""

    def read(name: str) -> bytes:
        return (FIXTURES / name).read_bytes()

    return read


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any attempt to open a network connection fail the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a reader tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
