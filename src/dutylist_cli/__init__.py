"""dutylist: township duty-item lists (乡镇（街道）履行职责事项清单) kept as code."""

__version__ = "0.1.0"
