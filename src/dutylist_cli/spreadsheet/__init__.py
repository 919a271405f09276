"""Importing a published list from a spreadsheet (xlsx/csv) into the list format."""
