"""Sprig v3.3.0 as Helm exposes it. Importing this package registers every function.

Helm removes `env` and `expandenv`, and replaces several Sprig functions (toJson, fromJson,
fail, required, ...) with its own; those live in templates/helmfuncs.py or in the engine.
"""

from . import (  # noqa: F401
    certs,
    crypto,
    dates,
    defaults,
    dicts,
    encoding,
    jsonfuncs,
    lists,
    numbers,
    random,
    regex,
    semver,
    strings,
)
