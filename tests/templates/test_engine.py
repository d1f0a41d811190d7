"""Focused tests of the Go template engine: lexer, parser, executor, fmt, Helm's engine layer.

Expected texts are Go's / Helm 4's (checked against helm_python where they are engine-only;
test_engine_oracle.py re-checks many of them live).
"""

from __future__ import annotations

from typing import Any

import pytest

from minicluster.templates import lexer as L
from minicluster.templates.engine import Limits, Template, render, render_string
from minicluster.templates.errors import RenderError, RenderLimitError, TemplateParseError
from minicluster.templates.gofmt import format_float, go_quote, go_sprint, go_sprintf
from minicluster.templates.gotypes import GoStruct, Int64, StringSlice, Values
from minicluster.templates.parser import parse


def r(text: str, values: dict[str, Any] | None = None, **scope: Any) -> str:
    return render_string(text, {"Values": Values(values or {}), **scope})


def err(text: str, values: dict[str, Any] | None = None, **kw: Any) -> str:
    with pytest.raises(RenderError) as info:
        render_string(text, {"Values": Values(values or {})}, **kw)
    return str(info.value)


T = "mychart/templates/t.yaml"

# ------------------------------------------------------------------ lexer


def kinds(text: str) -> list[tuple[int, str]]:
    return [(i.typ, i.val) for i in L.lex(text)]


def test_lexer_tokens_and_positions() -> None:
    items = L.lex('ab {{ .x.y | printf "%d" 1 }}\n{{- $v := 2 -}}  c')
    assert [(i.typ, i.val) for i in items] == [
        (L.TEXT, "ab "),
        (L.LEFT_DELIM, "{{"),
        (L.SPACE, " "),
        (L.FIELD, ".x"),
        (L.FIELD, ".y"),
        (L.SPACE, " "),
        (L.PIPE, "|"),
        (L.SPACE, " "),
        (L.IDENTIFIER, "printf"),
        (L.SPACE, " "),
        (L.STRING, '"%d"'),
        (L.SPACE, " "),
        (L.NUMBER, "1"),
        (L.SPACE, " "),
        (L.RIGHT_DELIM, "}}"),
        (L.LEFT_DELIM, "{{"),
        (L.VARIABLE, "$v"),
        (L.SPACE, " "),
        (L.DECLARE, ":="),
        (L.SPACE, " "),
        (L.NUMBER, "2"),
        (L.RIGHT_DELIM, "}}"),
        (L.TEXT, "c"),
        (L.EOF, ""),
    ]
    assert items[3].pos == 6
    assert items[15].line == 2


def test_lexer_numbers_chars_and_keywords() -> None:
    assert kinds("{{ 0x1F 0o17 0b101 1_000 1e3 .5 1. 0x1p4 -3 +3 1i 1+2i 'a' '\\n' }}")[2:-2:2] == [
        (L.NUMBER, "0x1F"),
        (L.NUMBER, "0o17"),
        (L.NUMBER, "0b101"),
        (L.NUMBER, "1_000"),
        (L.NUMBER, "1e3"),
        (L.NUMBER, ".5"),
        (L.NUMBER, "1."),
        (L.NUMBER, "0x1p4"),
        (L.NUMBER, "-3"),
        (L.NUMBER, "+3"),
        (L.NUMBER, "1i"),
        (L.COMPLEX, "1+2i"),
        (L.CHAR_CONSTANT, "'a'"),
        (L.CHAR_CONSTANT, "'\\n'"),
    ]
    assert [t for t, _ in kinds("{{if}}{{else}}{{end}}{{range}}{{with}}{{define}}{{template}}{{block}}{{break}}{{continue}}{{nil}}")
            if t > L.KEYWORD] == [L.IF, L.ELSE, L.END, L.RANGE, L.WITH, L.DEFINE, L.TEMPLATE, L.BLOCK, L.BREAK, L.CONTINUE, L.NIL]


def test_trim_markers_need_ascii_space() -> None:
    assert r('a  \n\t {{- "X" }}  \n b\nc {{ "Y" -}} \n\t\r\n d') == "aX  \n b\nc Yd"
    assert r("[{{-3}}][{{- 3}}][{{ 3 -}} ]") == "[-3][3][3]"
    assert r('a\u00a0{{- "x" -}}\u00a0b') == "a\u00a0x\u00a0b"  # NBSP is not trimmed
    assert r('a \n{{-\n"x"\n-}}\n b') == "axb"  # the marker's space may be a newline
    assert err("{{1-}}").endswith('"1-"')


def test_comments() -> None:
    assert r("a {{/* plain */}} b\nc\n{{- /* trimmed */ -}}\nd") == "a  b\ncd"
    assert err("{{ /* c */ }}") == f'parse error at ({T}:1): unexpected "/" in command'
    assert err("{{/* c */ x}}") == f"parse error at ({T}:1): comment ends before closing delimiter"
    assert err("{{/* c") == f"parse error at ({T}:1): unclosed comment"


# ------------------------------------------------------------------ parser


def test_parse_tree_prints_back_as_go_does() -> None:
    trees = parse("t", '{{ define "d" }}x{{ end }}{{ $a := .b.c | printf "%s" }}{{ if .x }}1{{ else if .y }}2{{ end }}'
                  '{{ range $i, $e := . }}{{ . }}{{ end }}{{ template "d" (.a).b }}', {"printf"})
    assert set(trees) == {"t", "d"}
    assert str(trees["t"].root) == (
        '{{$a := .b.c | printf "%s"}}{{if .x}}1{{else}}{{if .y}}2{{end}}{{end}}'
        '{{range $i, $e := .}}{{.}}{{end}}{{template "d" (.a).b}}'
    )


@pytest.mark.parametrize(
    "text,message",
    [
        ("{{ .x", "unclosed action"),
        ("{{ nofunc }}", 'function "nofunc" not defined'),
        ("{{ end }}", "unexpected {{end}}"),
        ("{{ else }}", "unexpected {{else}}"),
        ("{{ if 1 }}", "unexpected EOF"),
        ("{{ $x }}", 'undefined variable "$x"'),
        ("{{ .Values.my-key }}", "bad character U+002D '-'"),
        ("{{ .Values.1abc }}", 'bad number syntax: ".1a"'),
        ("{{ .Values.l.0 }}", 'unexpected ".0" in operand'),
        ('{{ template "x" | upper }}', 'unexpected "|" in template clause'),
        ("{{ 1 | 2 }}", "non executable command in pipeline stage 2"),
        ("{{ break }}", "{{break}} outside {{range}}"),
        ("{{ range . }}{{ else }}{{ continue }}{{ end }}", "{{continue}} outside {{range}}"),
        ("{{ (1 }}", "unclosed left paren"),
        ("{{ 1) }}", "unexpected right paren"),
        ("{{ $x, $y := 1 }}", "too many declarations in command"),
        ("{{ range $a, $b, $c := 1 }}{{end}}", "too many declarations in range"),
        ("{{ if }}{{ end }}", "missing value for if"),
        ('{{ "a".b }}', 'unexpected . after term "\\"a\\""'),
        ('{{ "\\q" }}', "invalid syntax"),
        ("{{ 'ab' }}", "malformed character constant: 'ab'"),
        ('{{ define "a" }}x{{end}}{{ define "a" }}y{{end}}', 'template: multiple definition of template "a"'),
        ("{{ if true }}{{ define \"x\" }}{{ end }}{{ end }}", "unexpected <define> in command"),
        ("{{ }}", "missing value for command"),
    ],
)
def test_parse_errors(text: str, message: str) -> None:
    with pytest.raises(TemplateParseError) as info:
        parse("t", text, {"printf", "upper"})
    assert info.value.text.endswith(": " + message)
    assert info.value.text.startswith("template: t:")


def test_parse_error_lines_and_action_start() -> None:
    with pytest.raises(TemplateParseError) as info:
        parse("t", "\n\n{{ .x\n\n", set())
    assert info.value.text == "template: t:5: unclosed action started at t:3"
    assert err("a\n{{ if .x }}\nb") == f"parse error at ({T}:3): unexpected EOF"


def test_helm_keeps_only_last_segment_of_parse_errors() -> None:
    assert err("{{ 08 }}") == f'parse error at ({T}:1): "08"'
    assert err("{{ nofunc 1 }}") == f'parse error at ({T}:1): function "nofunc" not defined'


# ------------------------------------------------------------------ execution


def test_literals_are_int_or_float_by_syntax() -> None:
    assert r("{{ 1000000 }} {{ 1000000.0 }} {{ 1e3 }} {{ 0x1F }} {{ 0o17 }} {{ 0b101 }} {{ 1_000 }} "
             "{{ 'a' }} {{ -3 }} {{ .5 }} {{ 017 }} {{ 2i }} {{ 1+2i }}") == "1000000 1e+06 1000 31 15 5 1000 97 -3 0.5 15 (0+2i) (1+2i)"
    assert "9223372036854775808 overflows int" in err("{{ 9223372036854775808 }}")


def test_variables_scope_and_assignment() -> None:
    assert r("{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }} {{ $y := 1 }}{{ if true }}{{ $y := 2 }}{{ end }}{{ $y }} "
             "{{ $z := 0 }}{{ range .Values.l }}{{ $z = . }}{{ end }}{{ $z }}", {"l": ["a", "b"]}) == "2 1 b"
    assert r('{{ $ := 5 }}{{ $ }}{{ define "iso" }}[{{ $ }}]{{ end }}{{ template "iso" 7 }}') == "5[7]"
    assert r("{{ with $v := .Values.s }}{{ $v }}{{ . }}{{ end }}", {"s": "q"}) == "qq"


def test_range_forms() -> None:
    v = {"l": ["a", "b"], "m": {"b": 1.0, "a": 2.0, "B": 3.0, "10": 5.0, "9": 6.0}, "e": [], "n": 2.0}
    assert r("{{ range $i, $e := .Values.l }}{{ $i }}{{ $e }}{{ end }}", v) == "0a1b"
    assert r("{{ range $e := .Values.l }}{{ $e }}{{ end }}", v) == "ab"
    assert r("{{ range $k, $v := .Values.m }}{{ $k }}={{ $v }};{{ end }}", v) == "10=5;9=6;B=3;a=2;b=1;"
    assert r("{{ range .Values.e }}x{{ else }}none{{ end }}{{ range .Values.nope }}x{{ else }}nil{{ end }}", v) == "nonenil"
    assert r("{{ range 3 }}{{ . }}{{ end }}|{{ range 0 }}x{{ else }}zero{{ end }}|{{ range int .Values.n }}{{ . }}{{ end }}", v) == "012|zero|01"
    assert r("{{ $i := 0 }}{{ $e := 0 }}{{ range $i, $e = .Values.l }}{{ end }}{{ $i }}{{ $e }}", v) == "1b"
    assert err("{{ range $i, $e := 3 }}{{ end }}").endswith("can't use 3 to iterate over more than one variable")
    assert err("{{ range .Values.n }}{{ end }}", v) == (
        f'{T}:1:16\n  executing "{T}" at <.Values.n>:\n    range can\'t iterate over 2'
    )


def test_break_and_continue() -> None:
    v = {"l": ["a", "skip", "b", "stop", "c"]}
    assert r('{{ range .Values.l }}{{ if eq . "skip" }}{{ continue }}{{ end }}{{ if eq . "stop" }}{{ break }}{{ end }}{{ . }},{{ end }}', v) == "a,b,"


def test_truthiness_and_and_or_operands() -> None:
    v = {"zero": 0.0, "es": "", "s0": "0", "f": False, "el": [], "l0": [0.0], "em": {}, "m": {"a": None}, "n": None}
    assert r("{{ range $k, $v := .Values }}{{ $k }}={{ if $v }}T{{ else }}F{{ end }} {{ end }}", v) == (
        "el=F em=F es=F f=F l0=T m=T n=F s0=T zero=F "
    )
    assert r('[{{ and 1 "x" }}][{{ and 1 0 "x" }}][{{ or 0 "" }}][{{ or 0 "a" }}][{{ and .Values.a .Values.a.b }}]') == "[x][0][][a][]"


def test_nil_interface_versus_no_value() -> None:
    assert r("[{{ $x := .Values.missing }}{{ $x.foo }}][{{ (.Values.missing).bar }}]") == "[][]"
    assert err("{{ .Values.missing.deeper }}") == (
        f'{T}:1:10\n  executing "{T}" at <.Values.missing.deeper>:\n    nil pointer evaluating interface {{}}.deeper'
    )
    assert err("{{ $v := .Values.s }}{{ $v.x }}", {"s": "x"}).endswith("can't evaluate field x in type string")
    assert err("{{ .Values.s.x }}", {"s": "x"}).endswith("can't evaluate field x in type interface {}")
    assert err("{{ printf .Values.n }}", {"n": 1.0}).endswith("wrong type for value; expected string; got float64")
    assert err("{{ printf .Values.missing }}").endswith("wrong type for value; expected string; got interface {}")
    # a piped value is checked after the function name was evaluated: reported at <printf>
    assert err("{{ .Values.missing | printf }}") == (
        f'{T}:1:21\n  executing "{T}" at <printf>:\n    invalid value; expected string'
    )


def test_comparison_errors_are_raw_go_messages() -> None:
    assert err("{{ if eq .Values.port 80 }}x{{ end }}", {"port": 80.0}) == (
        f'template: {T}:1:6: executing "{T}" at <eq .Values.port 80>: error calling eq: '
        "incompatible types for comparison: float64 and int"
    )
    assert r("{{ eq .Values.port 80.0 }} {{ eq .Values.missing nil }} {{ eq .Values.missing \"a\" }} {{ lt \"B\" \"a\" }}",
             {"port": 80.0}) == "true true false true"
    assert err("{{ lt .Values.missing 1 }}").endswith("error calling lt: invalid type for comparison")
    assert err("{{ eq 1 }}").endswith("error calling eq: missing argument for comparison")


def test_builtins() -> None:
    v = {"l": ["a", "b"], "m": {"k": "v"}, "s": "héllo"}
    assert r('{{ len .Values.s }} {{ len .Values.l }} {{ index .Values.l 1 }} {{ index .Values.m "k" }} '
             '{{ index "abc" 1 }} {{ slice .Values.l 1 }} {{ not .Values.l }}', v) == "6 2 b v 98 [b] false"
    assert r('{{ html "<a>&\'\\"" }}|{{ js "a\'b<" }}|{{ urlquery "a b/c" }}|{{ html .Values.nope }}') == (
        "&lt;a&gt;&amp;&#39;&#34;|a\\'b\\u003C|a+b%2Fc|&lt;no value&gt;"
    )
    assert r('[{{ print "a" 1 2 "b" }}][{{ print 1 2 }}][{{ println "a" 1 }}]') == "[a1 2b][1 2][a 1\n]"
    assert err("{{ index .Values.l 1.0 }}", v).endswith("error calling index: cannot index slice/array with type float64")
    assert err("{{ index .Values.l 5 }}", v).endswith("error calling index: index out of range: 5")
    assert err("{{ len 3 }}").endswith("error calling len: len of type int")


def test_function_argument_checks() -> None:
    assert err('{{ printf 1 }}').endswith("expected string; found 1")
    assert err('{{ printf nil }}').endswith("cannot assign nil to string")
    assert err("{{ nil }}").endswith("nil is not a command")
    assert err("{{ 1 2 }}").endswith("can't give argument to non-function 1")
    assert err("{{ .Values.s 1 }}", {"s": "x"}).endswith("s is not a method but has arguments")


def test_templates_define_block_and_recursion_limit() -> None:
    assert r('{{ define "t1" }}T({{ . }}){{ end }}{{ template "t1" "x" }}{{ template "t1" }}'
             '{{ block "b1" 2 }}B({{ . }}){{ end }}') == "T(x)T()B(2)"
    assert err('a\n{{ template "nope" . }}') == f'{T}:2:12\n  executing "{T}" at <{{{{template "nope" .}}}}>:\n    template "nope" not defined'
    assert err('{{ template "r" . }}{{ define "r" }}x{{ template "r" . }}{{ end }}').endswith(
        "exceeded maximum template depth (100000)"
    )


# ------------------------------------------------------------------ Helm's layer


def scope(values: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"Values": Values(values or {}), "Release": {"Name": "rel"}, "Chart": {"Name": "mychart"}}


def test_parse_and_render_order_and_duplicate_defines() -> None:
    s = scope()
    out = render([
        Template("mychart/templates/t.yaml", '{{ include "x" . }}|{{ .Values.mut }}', s),
        Template("mychart/templates/_b.tpl", '{{ define "x" }}b{{ end }}', s),
        Template("mychart/templates/_a.tpl", '{{ define "x" }}a{{ end }}', s),
        Template("mychart/templates/_m.tpl", '{{ define "x" }}  {{ end }}', s),
        Template("mychart/templates/sub/_deep.tpl", '{{ define "x" }}deep{{ end }}', s),
        Template("mychart/templates/z.yaml", '{{ $_ := set .Values "mut" "z" }}', s),
        Template("mychart/templates/a.yaml", '{{ $_ := set .Values "mut" "a" }}', s),
    ])
    assert list(out) == ["mychart/templates/z.yaml", "mychart/templates/t.yaml", "mychart/templates/a.yaml"]
    assert out["mychart/templates/t.yaml"] == "a|z"


def test_template_object_and_no_value_stripping() -> None:
    out = render([Template("mychart/charts/sub/templates/x/t.yaml",
                           'x{{ "<no value>" }}y{{ .Values.missing }}z {{ .Template.Name }} {{ .Template.BasePath }}', scope())])
    assert out == {"mychart/charts/sub/templates/x/t.yaml":
                   "xyz mychart/charts/sub/templates/x/t.yaml mychart/charts/sub/templates"}


def test_include_tpl_required_fail() -> None:
    s = scope({"t": "{{ .Release.Name }}-x", "zero": 0.0})
    out = render([
        Template(T, '{{ include "h" . | upper }}|{{ tpl .Values.t . }}|{{ tpl "{{ .missing }}" . }}|'
                    '{{ required "r" .Values.zero }}', s),
        Template("mychart/templates/_h.tpl", '{{- define "h" -}}\n{{ .Chart.Name }}\n{{- end }}', s),
    ])
    assert out[T] == "MYCHART|rel-x||0"
    assert err('a: 1\nb: {{ required "b is required" .Values.b }}') == f"execution error at ({T}:2:6): b is required"
    assert err('ok\n  {{- fail "custom failure" }}') == f"execution error at ({T}:2:6): custom failure"
    assert err('{{ include "nope" . }}') == (
        f'{T}:1:3\n  executing "{T}" at <include "nope" .>:\n    error calling include:\n'
        'template: no template "nope" associated with template "gotpl"'
    )
    assert err('{{ tpl "{{ .a.b }}" .Values }}') == (
        f'template: {T}:1:3: executing "{T}" at <tpl "{{{{ .a.b }}}}" .Values>: error calling tpl: '
        'error during tpl function execution for "{{ .a.b }}": template: gotpl:1:5: executing "gotpl" '
        "at <.a.b>: nil pointer evaluating interface {}.b"
    )
    assert err('{{ tpl "{{ .x " . }}').endswith(
        'error calling tpl: cannot parse template "{{ .x ": template: gotpl:1: unclosed action'
    )


def test_include_recursion_limit_is_helms() -> None:
    msg = err('{{ include "r" . }}{{ define "r" }}{{ include "r" . }}{{ end }}')
    assert msg.endswith("error calling include: rendering template has a nested reference name: r: "
                        "unable to execute template")


def test_strict_mode_and_lint_mode() -> None:
    assert err("{{ .Values.nope }}", strict=True) == (
        f'{T}:1:10\n  executing "{T}" at <.Values.nope>:\n    map has no entry for key "nope"'
    )
    out = render([Template(T, '[{{ required "r" .Values.x }}][{{ fail "f" }}]', scope())], lint=True)
    assert out[T] == "[][]"


def test_lookup_uses_the_render_context() -> None:
    class Ctx:
        clock = rand = None

        def lookup(self, api_version: str, kind: str, namespace: str, name: str) -> dict:
            return {"kind": kind, "metadata": {"name": name, "namespace": namespace}}

    text = '{{ (lookup "v1" "Secret" "ns" "s1").metadata.name }}|{{ lookup "v1" "Secret" "ns" "s1" | len }}'
    assert render_string(text, scope(), context=Ctx()) == "s1|2"
    assert render_string('[{{ lookup "v1" "Secret" "ns" "x" }}]', scope()) == "[map[]]"


class KubeVersion(GoStruct):
    go_type = "common.KubeVersion"
    go_fields = ("Version", "Major")

    def __init__(self) -> None:
        self.Version = "v1.32.0"
        self.Major = "1"

    def String(self) -> str:
        return self.Version

    def Has(self, name: str) -> bool:
        return name == "apps/v1"


def test_gostruct_fields_and_methods() -> None:
    kv = KubeVersion()
    assert r('{{ .K }} {{ .K.Major }} {{ .K.Has "apps/v1" }} {{ printf "%T" .K }}', K=kv) == "v1.32.0 1 true common.KubeVersion"
    with pytest.raises(RenderError) as info:
        render_string("{{ .K.Nope }}", {"K": kv})
    assert str(info.value).endswith("can't evaluate field Nope in type interface {}")
    with pytest.raises(RenderError) as info:
        render_string("{{ .K.Has 1 }}", {"K": kv})
    assert str(info.value).endswith("expected string; found 1")
    with pytest.raises(RenderError) as info:
        render_string("{{ .K.Major 1 }}", {"K": kv})
    assert str(info.value).endswith("Major has arguments but cannot be invoked as function")


def test_limits_stop_runaway_templates() -> None:
    with pytest.raises(RenderLimitError):
        render([Template(T, "{{ range 1000000 }}{{ end }}", {})], limits=Limits(max_steps=10_000))
    with pytest.raises(RenderLimitError):
        render([Template(T, "{{ range 1000 }}xxxxxxxxxx{{ end }}", {})], limits=Limits(max_output_bytes=5_000))


def test_parses_are_cached_by_text() -> None:
    from minicluster.templates import engine

    text = "{{ .Values.cached_probe }}"
    r(text)
    key = next(k for k in engine._PARSE_CACHE if k[1] == text)
    trees = engine._PARSE_CACHE[key]
    r(text)
    assert engine._PARSE_CACHE[key] is trees


# ------------------------------------------------------------------ fmt


@pytest.mark.parametrize(
    "value,text",
    [(3.0, "3"), (100000.0, "100000"), (999999.0, "999999"), (1e6, "1e+06"), (1234567.0, "1.234567e+06"),
     (123456789.5, "1.234567895e+08"), (1e21, "1e+21"), (0.0001, "0.0001"), (1e-5, "1e-05"), (2.5, "2.5"),
     (-0.0, "-0"), (float("inf"), "+Inf"), (float("nan"), "NaN")],
)
def test_float_formatting(value: float, text: str) -> None:
    assert go_sprint(value) == text
    assert format_float(value) == text


def test_sprint_composites_and_types() -> None:
    assert go_sprint({"b": [1, "two", None], "a": {"z": True, "y": 2.5}}) == "map[a:map[y:2.5 z:true] b:[1 two <nil>]]"
    assert go_sprint(b"hi") == "[104 105]"
    assert go_sprintf("%T %T %T %T %T %T", Int64(1), StringSlice(), {}, [], None, Values()) == (
        "int64 []string map[string]interface {} []interface {} <nil> common.Values"
    )


@pytest.mark.parametrize(
    "fmt,args,text",
    [
        ("%d|%s|%v|%.2f|%05d", (8080.0, 8080.0, 8080.0, 8080.0, 8080), "%!d(float64=8080)|%!s(float64=8080)|8080|8080.00|08080"),
        ("%s-%s", ("a",), "a-%!s(MISSING)"),
        ("%d", (1, 2), "1%!(EXTRA int=2)"),
        ("%z", (1,), "%!z(int=1)"),
        ("%s|%v", (None, None), "%!s(<nil>)|<nil>"),
        ("%q %x %X", ('a"b\n\x01é', "hi", "hi"), '"a\\"b\\n\\x01é" 6869 6869'),
        ("%s %q %x", ([1, "a"], ["a", "b"], [10, 11]), '[%!s(int=1) a] ["a" "b"] [a b]'),
        ("%8.3f|%-6d|%+d|%#x|%o|%b|%e|%g", (3.14159, 42, 5, 255, 8, 5, 123456.789, 1e-7), "   3.142|42    |+5|0xff|10|101|1.234568e+05|1e-07"),
        ("%[2]s %[1]s|%*d", ("a", "b", 4, 7), "b a|%!(BADWIDTH)4"),
        ("%*d|%-*d|%.*f", (5, 1, 4, 2, 2, 3.14159), "    1|2   |3.14"),
        ("%#o %#o", (0, 8), "0 010"),
        ("%c %U %q", (65, 0x1F600, 5), "A U+1F600 '\\x05'"),
        ("%x %X", (3.0, 0.5), "0x1.8p+01 0X1P-01"),
        ("%", (), "%!(NOVERB)"),
    ],
)
def test_sprintf(fmt: str, args: tuple, text: str) -> None:
    assert go_sprintf(fmt, *args) == text


def test_quote() -> None:
    assert go_quote('a"\\\t\u00a0é\U0001F600\x7f') == '"a\\"\\\\\\t\\u00a0é\U0001F600\\x7f"'


class FakeFiles(GoStruct):
    """A Go map type with methods, like Helm's .Files."""

    go_type = "engine.files"
    go_zero = b""

    def __init__(self, files: dict[str, bytes]) -> None:
        self._files = files

    def __len__(self) -> int:
        return len(self._files)

    def items(self) -> list[tuple[str, bytes]]:
        return sorted(self._files.items())

    def Get(self, name: str) -> str:
        return self._files.get(name, b"").decode()


def test_map_like_gostructs() -> None:
    files = FakeFiles({"b.txt": b"B", "a.txt": b"hi"})
    text = ('{{ .F.Get "a.txt" }}|{{ index .F "a.txt" }}|{{ len .F }}|{{ range $k, $v := .F }}{{ $k }} {{ end }}|'
            '{{ .F.nope }}|{{ if .E }}y{{ else }}empty{{ end }}')
    assert render_string(text, {"F": files, "E": FakeFiles({})}) == "hi|[104 105]|2|a.txt b.txt |[]|empty"


def test_values_methods_win_over_keys() -> None:
    v = {"nested": {"x": {"y": "deep"}}, "s": "str", "YAML": "key"}
    assert r('{{ (.Values.Table "nested").x.y }}|{{ .Values.PathValue "nested.x.y" }}|{{ .Values.AsMap.s }}', v) == "deep|deep|str"
    assert r("{{ .Values.YAML }}|{{ .Values.nested.YAML }}", v) == "YAML: key\nnested:\n  x:\n    \"y\": deep\ns: str\n|"
    assert err('{{ .Values.Table "s" }}', v).endswith('error calling Table: "s" is not a table')


def test_context_functions_get_an_offline_context_by_default() -> None:
    from minicluster.templates.functions import REGISTRY, TemplateFunction

    seen: list[Any] = []

    def probe(ctx: Any, x: str) -> str:
        seen.append(ctx)
        return x

    REGISTRY["engineTestProbe"] = TemplateFunction("engineTestProbe", probe, context=True)
    try:
        assert r('{{ engineTestProbe "ok" }}') == "ok"
    finally:
        del REGISTRY["engineTestProbe"]
    assert seen[0].clock is None and seen[0].rand is None and seen[0].lookup is None


def test_nested_pointer_structs_print_an_address() -> None:
    class Caps(GoStruct):
        go_type = "*common.Capabilities"

    assert r("{{ .C }}|{{ .M }}", C=Caps(), M={"c": Caps()}) == "{}|map[c:0xc000010000]"
