"""The only code that touches disk and git: YAML with source positions, layout, atomic writes."""
