"""Errors of the miniature apiserver, shaped like metav1.Status failures.

`message` is exactly the Status message the real apiserver returns; kubectl renders it as
`Error from server (<reason>): <message>` and Helm/Go clients print the message as is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from minicluster.core.errors import MiniclusterError

from . import messages as m


@dataclass
class StatusCause:
    """One entry of Status.details.causes (a field error)."""

    type: str  # FieldValueInvalid, FieldValueRequired, ...
    message: str  # "Required value: valid values: ..." (the error body without the field)
    field: str
    text: str  # the whole field error: "<field>: <message>"


@dataclass
class StatusDetails:
    name: str = ""
    group: str = ""
    kind: str = ""  # the Kind for Invalid ("Job"), the resource for others ("jobs")
    causes: list[StatusCause] = field(default_factory=list)


class ApiError(MiniclusterError):
    def __init__(self, code: int, reason: str, message: str,
                 details: StatusDetails | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.reason = reason
        self.details = details or StatusDetails()

    def __repr__(self) -> str:
        return f"ApiError({self.code}, {self.reason!r}, {self.message!r})"

    @property
    def causes(self) -> list[StatusCause]:
        return self.details.causes


class NoKindMatchError(MiniclusterError):
    """The apiVersion/kind of a manifest is not served (kubectl: a resource mapping error)."""

    def __init__(self, kind: str, api_version: str) -> None:
        super().__init__(m.NO_KIND_MATCH.format(kind=kind, version=api_version))
        self.kind = kind
        self.api_version = api_version


class UnknownResourceTypeError(NoKindMatchError):
    """A resource argument (`kubectl get foos`) names no served resource."""

    def __init__(self, resource: str) -> None:
        super().__init__(resource, "")
        self.resource = resource
        self.message = m.UNKNOWN_RESOURCE_TYPE.format(resource=resource)
        self.args = (self.message,)


def not_found(group_resource: str, name: str, group: str = "", kind: str = "") -> ApiError:
    return ApiError(404, "NotFound", m.NOT_FOUND.format(resource=group_resource, name=name),
                    StatusDetails(name=name, group=group, kind=kind))


def already_exists(group_resource: str, name: str, group: str = "", kind: str = "",
                   generated: bool = False) -> ApiError:
    text = m.GENERATE_NAME_CONFLICT if generated else m.ALREADY_EXISTS
    return ApiError(409, "AlreadyExists", text.format(resource=group_resource, name=name),
                    StatusDetails(name=name, group=group, kind=kind))


def conflict(group_resource: str, name: str, reason: str = m.CONFLICT_MODIFIED) -> ApiError:
    return ApiError(409, "Conflict",
                    m.CONFLICT.format(resource=group_resource, name=name, reason=reason),
                    StatusDetails(name=name))


def forbidden(group_resource: str, name: str, reason: str) -> ApiError:
    return ApiError(403, "Forbidden",
                    m.FORBIDDEN.format(resource=group_resource, name=name, reason=reason),
                    StatusDetails(name=name))


def bad_request(message: str) -> ApiError:
    return ApiError(400, "BadRequest", message)


def aggregate(texts: list[str]) -> str:
    """utilerrors.Aggregate: one message alone, several in brackets; duplicates dropped."""
    unique = list(dict.fromkeys(texts))
    if len(unique) == 1:
        return unique[0]
    return "[" + ", ".join(unique) + "]"


def invalid(group_kind: str, kind: str, group: str, name: str,
            causes: list[StatusCause]) -> ApiError:
    message = m.INVALID.format(kind=group_kind, name=name,
                               causes=aggregate([c.text for c in causes]))
    return ApiError(422, "Invalid", message,
                    StatusDetails(name=name, group=group, kind=kind, causes=causes))


def decode_error(kind: str, version: str, error: str) -> ApiError:
    return bad_request(m.CANNOT_HANDLE.format(kind=kind, version=version, error=error))


def with_details(err: ApiError, **details: Any) -> ApiError:
    for key, value in details.items():
        setattr(err.details, key, value)
    return err
