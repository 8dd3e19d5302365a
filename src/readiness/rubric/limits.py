"""Bounds on every number a rubric file may hold, so that what `rubric validate` accepts every assessment can score.

Weights are summed, multiplied by credits and divided; month bounds are compared and printed; operands are
compared with answers. Without bounds, ``weight: .inf``, ``1e308`` (whose sum overflows), ``5e-324`` (whose share
underflows to zero) or a 400-digit ``at_least`` pass validation and crash the engine later. The limits are
documented in docs/rubrics.md.
"""

from typing import Annotated, Any

from pydantic import AfterValidator, Field, Strict

MAX_WEIGHT = 1000
MIN_POSITIVE_WEIGHT = 0.001
MAX_MONTH = 1200
MAX_OPERAND = 1e12


def _weight(value: float) -> float:
    if 0 < value < MIN_POSITIVE_WEIGHT:
        raise ValueError(f"a weight is 0 or at least {MIN_POSITIVE_WEIGHT:g}")
    return value


Weight = Annotated[float, Strict(), Field(ge=0, le=MAX_WEIGHT, allow_inf_nan=False), AfterValidator(_weight)]
Month = Annotated[int, Strict(), Field(ge=0, le=MAX_MONTH)]
Format = Annotated[int, Strict()]
Operand = Annotated[float, Strict(), Field(ge=-MAX_OPERAND, le=MAX_OPERAND, allow_inf_nan=False)]


def operand_problem(value: Any) -> str | None:
    """Why a numeric operand cannot be compared safely, or None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        number = float(value)
    except OverflowError:
        return f"a number between -{MAX_OPERAND:g} and {MAX_OPERAND:g}"
    if number != number or abs(number) > MAX_OPERAND:
        return f"a number between -{MAX_OPERAND:g} and {MAX_OPERAND:g}"
    return None
