"""Many cases at once: JSON Lines streams in constant memory, errors
collected case by case, a progress bar; the pandas and Spark entry points
are :mod:`disclosure_rules.frame` and :mod:`disclosure_rules.spark`.

    from disclosure_rules.batch import iter_items, evaluate_items
    for out in evaluate_items(iter_items("cases.jsonl"), as_of, errors="collect"):
        ...   # a Result, or a Failure (id, error)
"""

from .progress import progress_bar, with_progress
from .run import ERROR_MODES, Failure, Tally, check_errors_mode, evaluate_chunk, evaluate_items
from .source import Item, count_items, iter_items

__all__ = ["ERROR_MODES", "Failure", "Item", "Tally", "check_errors_mode", "count_items", "evaluate_chunk",
           "evaluate_items", "iter_items", "progress_bar", "with_progress"]
