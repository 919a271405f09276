"""The typer layer: parse options, call one core function, hand the result to a reporter."""
