"""Helm in miniature: charts, values, rendering, releases, the hook engine, and the helm CLI."""
