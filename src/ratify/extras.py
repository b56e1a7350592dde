"""Optional dependencies (pandas, matplotlib), imported only when a function needs them."""

from __future__ import annotations

import importlib
from types import ModuleType

from ratify.errors import MissingExtraError

__all__ = ["MissingExtraError", "require"]


def require(module: str, extra: str) -> ModuleType:
    """Import `module`, or raise MissingExtraError saying which extra of ratify-treaties brings it."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtraError(f"this needs {module.split('.')[0]}, which is not installed: "
                                f"pip install 'ratify-treaties[{extra}]'") from exc
