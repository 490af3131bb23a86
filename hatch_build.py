"""Build hook: compile the message catalogs (``perfctl/i18n/locale/*/LC_MESSAGES/perfctl.po``)
into the ``.mo`` files perfctl reads, for every wheel, editable ones included
(``perfctl.i18n.catalog.compile_all``, with babel, a build requirement)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        sys.path.insert(0, self.root)
        try:
            from perfctl.i18n.catalog import compile_all
        finally:
            sys.path.remove(self.root)
        for mo in compile_all(Path(self.root) / "perfctl" / "i18n" / "locale"):
            build_data["artifacts"].append(mo.relative_to(self.root).as_posix())
