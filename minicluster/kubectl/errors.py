"""kubectl's error classes and its one renderer (cmdutil.CheckErr) for all of them.

Commands raise; `render_error` turns any error into exactly the bytes kubectl writes on stderr.
"""

from __future__ import annotations

from minicluster.api.errors import ApiError, NoKindMatchError
from minicluster.core.errors import MiniclusterError

from . import messages as m


class KubectlError(MiniclusterError):
    """A client-side error: printed as `error: <message>`."""


class UsageError(KubectlError):
    """cmdutil.UsageErrorf: the message, then `See 'kubectl get -h' for help and examples`."""

    def __init__(self, message: str, path: str) -> None:
        super().__init__(f"{message}\n{m.USAGE_SUFFIX.format(path=path)}")


class RawError(KubectlError):
    """Printed exactly as given (kubectl texts that carry their own prefix)."""


class ExitError(KubectlError):
    """A remote command's exit status (kubectl exec): its code becomes kubectl's."""

    def __init__(self, code: int) -> None:
        super().__init__(m.EXEC_EXIT.format(code=code))
        self.exit_code = code


class AggregateError(KubectlError):
    """Several errors from one command (utilerrors.Aggregate), each printed on its own line."""

    def __init__(self, errors: list[Exception]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


def with_source(err: Exception, verb: str, source: str) -> Exception:
    """cmdutil.AddSourceToErr: `error when creating "job.yaml": <message>`."""
    if not source:
        return err
    if isinstance(err, ApiError):
        wrapped = ApiError(err.code, err.reason,
                           m.ERROR_WHEN.format(verb=verb, source=source, message=err.message),
                           err.details)
        return wrapped
    return KubectlError(m.ERROR_WHEN.format(verb=verb, source=source, message=str(err)))


def _standard(err: Exception) -> str | None:
    """StandardErrorMessage: the server's errors (the kubelet's come as Status errors too)."""
    if isinstance(err, ApiError) or (hasattr(err, "reason") and hasattr(err, "code")
                                     and isinstance(err, MiniclusterError)):
        err = err if isinstance(err, ApiError) else ApiError(
            getattr(err, "code", 400), getattr(err, "reason", ""), str(err))
        if err.reason == "Unauthorized":
            return f"error: You must be logged in to the server ({err.message})"
        if err.reason:
            return f"Error from server ({err.reason}): {err.message}"
        return f"Error from server: {err.message}"
    return None


def _message(err: Exception) -> str:
    return _standard(err) or str(err)


def render_error(err: Exception) -> str:
    """The stderr text of a failed command (always newline-terminated)."""
    if isinstance(err, AggregateError) and len(err.errors) == 1:
        err = err.errors[0]
    if isinstance(err, ExitError):
        return err.message + "\n"
    if isinstance(err, ApiError) and err.reason == "Invalid":
        details = err.details
        head = "The request is invalid"
        if details.kind or details.name:
            head = f'The {details.kind} "{details.name}" is invalid'
        elif err.message and not details.causes:
            head += ": " + err.message
        causes = list(dict.fromkeys(f"{c.field}: {c.message}" for c in details.causes))
        if not causes:
            return head + "\n"
        if len(causes) == 1:
            return f"{head}: {causes[0]}\n"
        return f"{head}: \n" + "".join(f"* {c}\n" for c in causes)
    if isinstance(err, NoKindMatchError) and not isinstance(err, KubectlError):
        text = f"error: {err.message}"
    elif isinstance(err, AggregateError):
        return "".join(_message(e) + "\n" for e in err.errors)
    elif isinstance(err, RawError):
        text = err.message
    else:
        text = _standard(err) or str(err)
        if not _standard(err) and not text.startswith("error: "):
            text = "error: " + text
    return text if text.endswith("\n") else text + "\n"
