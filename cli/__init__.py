"""newsclean's command line: a thin typer layer over the `cleaner` library."""
