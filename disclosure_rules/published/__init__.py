"""Reading and checking a published annual report (政府信息公开工作年度报告,
国办公开办函〔2021〕30号) as web page, text, Word file or PDF.

* :func:`read_report` finds the six sections and reads sections 二, 三, 四 and the
  fee of 六; a value that cannot be read is kept as unreadable, never guessed;
* :func:`check_report` applies the checks of ``rules/annual-report-2021/checks.yaml``.
"""

from .checks import check_report
from .model import Finding, PublishedReport, Value
from .read import read_report
from .rulefiles import load_report_rules

__all__ = ["check_report", "read_report", "load_report_rules", "Finding", "PublishedReport", "Value"]
