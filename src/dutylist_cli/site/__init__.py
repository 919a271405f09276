"""The static public disclosure site (`dutylist site`): pages, the search index, the build."""
