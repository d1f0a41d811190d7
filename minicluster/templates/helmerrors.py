"""How Helm rewrites text/template errors (pkg/engine/engine.go): cleanupParseError for parse
errors, reformatExecErrorMsg for execution errors (required/fail become `execution error at`,
chains made only of template errors become the multi-line Helm 4 form, anything else stays raw).
"""

from __future__ import annotations

import re

from .errors import GoError, TemplateExecError

WARN_START = "HELM_ERR_START"
WARN_END = "HELM_ERR_END"
_WARN = re.compile(WARN_START + r"(.*)" + WARN_END, re.S)


def warn_wrap(msg: str) -> str:
    return WARN_START + msg + WARN_END


def cleanup_parse_error(filename: str, text: str) -> str:
    tokens = text.split(": ")
    if len(tokens) == 1:
        return f"parse error in ({filename}): {text}"
    return f"parse error at ({tokens[1]}): {tokens[-1]}"


def _cut_template(msg: str) -> str:
    i = msg.find(" template:")
    return msg[:i] if i >= 0 else msg


def _parse_link(s: str) -> tuple[str, str, str] | None:
    """(location, executed function, message) of one error in the chain, or None."""
    prefix = "template: "
    if not s.startswith(prefix):
        return None
    rest = s[len(prefix) :]
    if rest.startswith("no template "):
        return ("", "", s)
    name, sep, after = rest.partition(": executing ")
    if sep:
        if after[:1] == '"':
            end = after.find('"', 1)
            if end != -1:
                func = after[1:end]
                after_func = after[end + 1 :]
                if after_func.startswith(" at <"):
                    loc_name, sep2, msg = after_func[len(" at <") :].partition(">: ")
                    if sep2:
                        return (name, f'executing "{func}" at <{loc_name}>:', _cut_template(msg))
        # falls through to the simple form, as Helm's parser does when the shape is off
    sep_i = rest.rfind(": ")
    if sep_i != -1:
        return (rest[:sep_i], "", _cut_template(rest[sep_i + 2 :]))
    return None


def _link_text(link: tuple[str, str, str]) -> str:
    loc, func, msg = link
    out = ""
    if loc:
        out += loc + "\n  "
    if func:
        out += func + "\n    "
    if msg:
        out += msg + "\n"
    return out


def reformat_exec_error(filename: str, err: GoError) -> str:
    text = err.text
    if not isinstance(err, TemplateExecError):
        return text
    tokens = text.split(": ", 2)
    if len(tokens) != 3:
        return f"execution error in ({filename}): {text}"
    m = _WARN.search(tokens[2])
    if m:
        return f"execution error at ({tokens[1]}): {m.group(1)}"
    links: list[tuple[str, str, str]] = []
    for s in err.chain():
        parsed = _parse_link(s)
        if parsed is None:
            return text
        if not links or links[-1] != parsed:
            links.append(parsed)
    return "".join(_link_text(x) for x in links).strip()
