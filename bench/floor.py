"""The portfolio floor: one Python process that only reads and parses every manifest of a folder.

Nothing a portfolio command does can be cheaper than this (on one core), so
the issue states the portfolio target as a ratio to it: no validation, no
scoring, no report, no robustness guards, just ``yaml.load`` with libyaml.

Usage: python bench/floor.py FOLDER
"""

import sys
from pathlib import Path

import yaml


def main(folder: str) -> None:
    count = 0
    for path in sorted(Path(folder).glob("*.yaml")):
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
        count += 1
    print(count)


if __name__ == "__main__":
    main(sys.argv[1])
