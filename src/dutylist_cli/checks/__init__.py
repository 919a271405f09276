"""Pure rules: each a generator of Diagnostic over loaded documents; no disk, no printing."""
