"""The report (`dutylist report`): what it counts and for which counties.

- ``build``: ``build_report``, a county's (or the province's) lists counted and compared.
- ``model``: the figures, plain dataclasses with their JSON form (``Report``, ``CountyReport``, …).
- ``scope``: which counties a report covers (``SCOPES``, ``select_counties``).

Its printed forms (tables, charts, the workbook, PDF and Word) are in ``publishing/report_*``.
"""
