"""The benchmark's yardstick: parse every project file under a folder with libyaml's C loader
(PyYAML's ``CSafeLoader``) in one Python process, and nothing else.

Usage: python tests/bench/baseline.py STORE
"""

from __future__ import annotations

import os
import sys

import yaml


def main(root: str) -> int:
    count = 0
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.endswith((".yaml", ".yml")) and name != "perfctl.yaml":
                with open(os.path.join(folder, name), "rb") as fh:
                    yaml.load(fh, Loader=yaml.CSafeLoader)
                count += 1
    print(f"{count} files parsed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
