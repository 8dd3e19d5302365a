"""The floor of `readiness scan`: list the candidate files the scan would read, and read each once.

    python bench/scanfloor.py ROOT SPEC.json

It follows the scan's listing rules (a depth-first walk in sorted order that
never follows a symlink, skips the ignored folders and stops at the depth
limit) and its candidate choice: ``SPEC.json`` (written by ``bench/scan.py``
from the detector catalog, untimed) holds one regular expression equivalent
to the catalog's file selection for each file extension, the ignored folder
names and the size limits. Each candidate is opened and read once as bytes, at most its limit
plus one byte, as the scan does; no decoding, no detector, no safety check.
It imports nothing but the standard library, so its start-up is a bare
interpreter's. Prints the number of candidates read.
"""

import json
import os
import re
import sys


def main(root: str, spec_path: str) -> None:
    with open(spec_path, encoding="utf-8") as handle:
        spec = json.load(handle)
    by_extension = {ext: re.compile(pattern).match for ext, pattern in spec["by_extension"].items()}
    anywhere = re.compile(spec["any_extension"]).match
    ignored = frozenset(spec["ignored_folders"])
    file_limit, notebook_limit, max_depth = spec["max_file_bytes"], spec["max_notebook_bytes"], spec["max_depth"]
    count = 0
    stack = [("", 0)]
    while stack:
        rel, depth = stack.pop()
        with os.scandir(os.path.join(root, rel) if rel else root) as entries:
            items = sorted(entries, key=lambda e: e.name)
        folders = []
        for entry in items:
            path = f"{rel}/{entry.name}" if rel else entry.name
            if entry.is_symlink():
                continue
            if entry.is_dir(follow_symlinks=False):
                if entry.name not in ignored and depth + 1 <= max_depth:
                    folders.append(path)
                continue
            dot = entry.name.rfind(".")
            select = by_extension.get(entry.name[dot + 1 :], anywhere) if dot >= 0 else anywhere
            if select(path):
                limit = notebook_limit if path.endswith(".ipynb") else file_limit
                with open(entry.path, "rb") as handle:
                    handle.read(limit + 1)
                count += 1
        stack.extend((f, depth + 1) for f in reversed(folders))
    print(count)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
