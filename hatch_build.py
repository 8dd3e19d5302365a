"""The wheel's build hook: compile the package's prebuilt cache entries (``tools/prebuild.py``) into ``readiness/prebuilt``.

They are built here, with the interpreter and libraries of the build, never by hand, and checked before they
ship: the build fails when a cold run would not find every entry. An editable install ships none (its sources
change under it); it uses the user cache only.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class PrebuildHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        out = Path(self.directory) / ".prebuilt"
        subprocess.run([sys.executable, str(Path(self.root) / "tools" / "prebuild.py"), str(out)], cwd=self.root, check=True)
        build_data["force_include"][str(out)] = "readiness/prebuilt"
