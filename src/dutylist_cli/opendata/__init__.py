"""Open data: the data root as tables (items, townships, departments) in CSV, JSON Lines or
Parquet, for DuckDB, Polars, Spark or a spreadsheet (`dutylist export --all`)."""
