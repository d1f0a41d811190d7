"""Sprig's JSON functions that Helm keeps (toPrettyJson, toRawJson, mustFromJson and the must*
encoders). Helm's own toJson/fromJson replace Sprig's and live in templates/helmfuncs.py."""

from __future__ import annotations

from typing import Any

from minicluster.templates.functions import template_function

from ._core import FunctionError
from ._gojson import JSONError, marshal
from ._jsondecode import JSONDecodeError, decode


@template_function("toPrettyJson")
def to_pretty_json(value: Any) -> str:
    try:
        return marshal(value, indent="  ").strip()
    except JSONError:
        return ""


@template_function("mustToPrettyJson")
def must_to_pretty_json(value: Any) -> str:
    try:
        return marshal(value, indent="  ")
    except JSONError as err:
        raise FunctionError(str(err)) from None


def _raw(value: Any) -> str:
    try:
        return marshal(value, escape_html=False)
    except JSONError as err:
        raise FunctionError(str(err)) from None


@template_function("toRawJson")
def to_raw_json(value: Any) -> str:
    return _raw(value)


@template_function("mustToRawJson")
def must_to_raw_json(value: Any) -> str:
    return _raw(value)


@template_function("mustFromJson")
def must_from_json(s: str) -> Any:
    try:
        return decode(s)
    except JSONDecodeError as err:
        raise FunctionError(str(err)) from None
