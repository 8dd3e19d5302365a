"""The long lists of a report's document, made one row at a time.

A portfolio of 100,000 projects has 100,000 ranking rows, heat-map rows and blocker rows. Built as dicts up
front they cost more memory than every assessment before them; a :class:`Rows` keeps only the items they are
made from and makes each row when a renderer reads it, so the report is written as it is rendered
(docs/performance.md). It reads like a list: ``len``, iteration, indexing (``heat_map[loop.index0]`` in a
template), ``+`` and equality with a list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any


class Rows(Sequence):
    __slots__ = ("_items", "_make")

    def __init__(self, items: Sequence, make: Callable[[Any], Any]) -> None:
        self._items = items
        self._make = make

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, index):  # a slice gives a list, as list slicing would
        if isinstance(index, slice):
            return [self._make(item) for item in self._items[index]]
        return self._make(self._items[index])

    def __iter__(self) -> Iterator:
        return map(self._make, self._items)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, (list, Rows)) and len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    def __add__(self, other: Sequence) -> list:
        return [*self, *other]

    def __radd__(self, other: Sequence) -> list:
        return [*other, *self]

    __hash__ = None  # type: ignore[assignment]  # equal to a list, so unhashable like one

    def __repr__(self) -> str:
        return f"Rows({len(self)} rows)"

    def map(self, function: Callable[[Any], Any]) -> Rows:
        """The same rows, each passed through ``function`` when it is made."""
        make = self._make
        return Rows(self._items, lambda item: function(make(item)))
