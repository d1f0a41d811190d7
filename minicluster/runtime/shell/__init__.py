"""A POSIX shell interpreter (dash's behaviour and messages; BusyBox ash and bash dialects)."""
