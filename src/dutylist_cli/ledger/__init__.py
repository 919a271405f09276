"""Temporary tasks (临时性工作任务): registering, listing and writing off (销号)."""
