"""The `minicluster` command line: helm, kubectl, and the kit's own commands."""
