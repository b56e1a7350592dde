"""Optional dependencies (pandas, matplotlib), imported only when a function needs them."""

from __future__ import annotations

import importlib
from types import ModuleType

from ratify.errors import RatifyError

__all__ = ["MissingExtraError", "require"]


class MissingExtraError(RatifyError, ImportError):
    """A feature needs an optional dependency that is not installed; names the extra to install."""


def require(module: str, extra: str) -> ModuleType:
    """Import `module`, or raise MissingExtraError saying which extra of ratify-treaties brings it."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtraError(f"this needs {module.split('.')[0]}, which is not installed: "
                                f"pip install 'ratify-treaties[{extra}]'") from exc
