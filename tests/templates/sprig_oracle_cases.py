"""Deterministic template snippets whose output real Helm 4 decides (see test_sprig_oracle.py).

Every line of SNIPPETS is one template. They only use functions owned by the Sprig/Helm
function layer plus literals and `.Values` lookups, so they can run before the engine exists.
"""

from __future__ import annotations

VALUES = {
    "s": "hello world",
    "n": 3,
    "f": 2.9,
    "big": 1000000,
    "neg": -2.5,
    "zero": 0,
    "t": True,
    "fls": False,
    "es": "",
    "nil": None,
    "l": [1, 2, 3],
    "ls": ["b", "a", "c", "a"],
    "lm": [1, "two", None, {"k": "v"}],
    "el": [],
    "m": {"a": 1, "b": {"c": "x"}, "l": [1, 2]},
    "em": {},
    "url": "https://user:pw@example.com:8443/a%20b/c?x=1&y=2#frag",
    "tricky": {
        "yes": "yes",
        "no": "no",
        "on": "on",
        "y": "y",
        "n": "n",
        "num": "123",
        "oct": "0755",
        "hex": "0x1F",
        "exp": "1e3",
        "dot5": ".5",
        "float": "1.5",
        "ver": "1.10",
        "date": "2020-01-01",
        "datetime": "2001-12-14t21:59:43.10-05:00",
        "sexa": "1:20",
        "null": "null",
        "tilde": "~",
        "empty": "",
        "lead": " lead",
        "trail": "trail ",
        "colon": "a: b",
        "colon2": "a:b",
        "hash": "#c",
        "hash2": "a #b",
        "dash": "- a",
        "dash2": "-a",
        "star": "*x",
        "amp": "&a",
        "bang": "!t",
        "pct": "%p",
        "at": "@a",
        "tick": "`t",
        "quote1": "'q'",
        "quote2": '"q"',
        "brace": "{a}",
        "bracket": "[a]",
        "comma": "a, b",
        "qmark": "? x",
        "tab": "a\tb",
        "ml": "l1\nl2",
        "ml2": "l1\nl2\n",
        "ml3": "  ind\nx",
        "ml4": "trailing \nspace",
        "ml5": "x\n\n",
        "ml6": "\nlead",
        "ml7": "a\n  b\n",
        "uni": "héllo wörld",
        "emoji": "smile 😀",
        "nbsp": "a\u00a0b",
        "ctrl": "a\u0001b",
        "long": "word " * 25 + "end",
        "longq": "#" + "word " * 25 + "end",
        "longnospace": "x" * 120,
        "longdq": "\t" + "word " * 25,
        "docstart": "--- x",
        "dots": "... x",
        "plus": "+1",
        "inf": ".inf",
        "binary": "0b101",
        "under": "1_000",
        "Z": 1,
        "a10": 1,
        "a2": 1,
        "_x": 1,
        "10": 1,
        "9": 1,
        "B": 1,
    },
    "numbers": {
        "int": 42,
        "big": 1000000,
        "huge": 1e20,
        "vhuge": 1e21,
        "f": 0.1,
        "g": 100000,
        "e": 1.5e-7,
        "neg": -3,
        "negf": -0.5,
        "pi": 3.14159,
        "x": 123456789.5,
    },
    "nested": {
        "containers": [
            {"name": "app", "ports": [{"containerPort": 80}], "args": ["--a", "--b=1"]},
            {"name": "side", "env": [], "resources": {}},
        ],
        "matrix": [[1, 2], [3, [4, 5]], []],
        "deep": {"a": {"b": {"c": {"d": "e"}}}},
    },
}

SNIPPETS = r"""
{{ hello }}
{{ upper "abc ß é" }}|{{ lower "ÀBC" }}
{{ title "hello wORLD-x it's 9am x_y" }}
{{ untitle "Hello World FOO" }}
{{ substr 1 3 "abcdef" }}|{{ substr -1 3 "abcdef" }}|{{ substr 2 -1 "abcdef" }}|{{ substr 2 99 "abcdef" }}
{{ substr 4 2 "abcdef" }}
{{ substr 0 9 "abc" }}
{{ repeat 3 "ab" }}|{{ repeat 0 "x" }}
{{ repeat -1 "x" }}
{{ trim "  \t x y \n" }}|{{ trimAll "-" "--a-b--" }}|{{ trimall "ab" "abxba" }}|{{ trimAll "" " x " }}
{{ trimSuffix "-" "name-" }}|{{ trimPrefix "ab" "abcab" }}|{{ trimSuffix "" "x" }}
{{ nospace " a b\tc\nd " }}
{{ initials "hello big world" }}|{{ initials "  x  y " }}
{{ swapcase "Hello WORLD 123 ǅ" }}
{{ snakecase "FirstName" }} {{ snakecase "HTTPServer" }} {{ snakecase "NoHTTPS" }} {{ snakecase "GO_PATH" }} {{ snakecase "GO PATH" }} {{ snakecase "GO-PATH" }}
{{ snakecase "http2xx" }} {{ snakecase "HTTP20xOK" }} {{ snakecase "Duration2m3s" }} {{ snakecase "Bld4Floor3rd" }} {{ snakecase "a.b/c" }} {{ snakecase "already_snake_2" }}
{{ kebabcase "FirstName" }} {{ kebabcase "HTTPServer" }} {{ kebabcase "some_words here" }} {{ kebabcase "__x__" }}
{{ camelcase "some_words" }} {{ camelcase "http_server" }} {{ camelcase "_complex__case_" }} {{ camelcase "some words" }} {{ camelcase "x" }} {{ camelcase "_" }} {{ camelcase "a-b-c" }} {{ camelcase "fooBar baz" }}
{{ wrap 10 "the quick brown fox jumps over the lazy dog" }}
{{ wrap 5 "averyveryverylongword and more" }}
{{ wrapWith 5 "\n" "averyveryverylongword and more" }}
{{ wrapWith 10 "<br>" "the quick brown fox jumps over" }}
{{ contains "ell" "hello" }} {{ hasPrefix "he" "hello" }} {{ hasSuffix "lo" "hello" }} {{ contains "" "x" }}
{{ quote "a\"b" "c\\d" "tab\there" "nl\n" 1 2.5 true nil }}
{{ quote .Values.big }} {{ quote .Values.nil }}|{{ quote .Values.l }} {{ quote .Values.m }}
{{ quote "é\u0001\u00a0😀" }}
{{ squote "it's" 1 nil .Values.f }}
{{ cat "a" 1 nil "b" .Values.l }}
{{ cat }}|{{ cat nil }}
{{ indent 2 "a\nb\n" }}|{{ nindent 4 "x" }}|{{ indent 0 "y" }}
{{ replace "." "-" "a.b.c" }}|{{ replace "" "-" "abc" }}|{{ replace "x" "" "xaxbx" }}
{{ plural "one" "many" 1 }} {{ plural "one" "many" 2 }} {{ plural "one" "many" 0 }}
{{ sha1sum "hello" }}
{{ sha256sum "hello" }}
{{ sha512sum "hello" }}
{{ adler32sum "hello" }}
{{ toString 1 }} {{ toString 2.5 }} {{ toString .Values.big }} {{ toString nil }} {{ toString .Values.l }} {{ toString .Values.m }} {{ toString true }}
{{ toStrings .Values.lm }} {{ toStrings "x" }} {{ toStrings nil }} {{ typeOf (toStrings .Values.l) }}
{{ split "." "x.y.z" }} {{ (split "." "x.y")._1 }} {{ split "" "abc" }} {{ typeOf (split "." "a") }}
{{ splitn ":" 2 "a:b:c" }} {{ splitn ":" 0 "a:b" }} {{ splitn ":" -1 "a:b:c" }}
{{ splitList "," "a,,b" }} {{ splitList "" "abc" }} {{ splitList "," "" }}
{{ join "," .Values.l }}|{{ join "+" (list 1 nil "a") }}|{{ join "," "abc" }}|{{ join "," nil }}|{{ join "-" .Values.lm }}
{{ sortAlpha .Values.ls }} {{ sortAlpha (list "b" "B" "a" 10 9) }} {{ sortAlpha "x" }} {{ sortAlpha nil }}
{{ abbrev 5 "hello world" }}|{{ abbrev 3 "hello" }}|{{ abbrev 20 "short" }}|{{ abbrev 4 "abcdef" }}
{{ abbrevboth 5 10 "1234567890abcdefghij" }}|{{ abbrevboth 0 10 "1234567890abcdefghij" }}|{{ abbrevboth 10 5 "abc" }}|{{ abbrevboth 20 10 "1234567890abcdefghij" }}
{{ trunc 3 "abcdef" }}|{{ trunc -2 "abcdef" }}|{{ trunc 63 "short" }}|{{ trunc 0 "x" }}|{{ trunc -10 "abc" }}
{{ add 1 2 }} {{ add .Values.f 1 }} {{ add }} {{ add "3" "4" }} {{ add "a" 1 }} {{ add 1.9 1.9 }} {{ typeOf (add 1 2) }}
{{ sub 10 .Values.f }} {{ sub 1 5 }} {{ mul 2 3 4 }} {{ mul 2 }} {{ div 7 2 }} {{ div -7 2 }} {{ mod 7 3 }} {{ mod -7 3 }} {{ add1 .Values.f }}
{{ div 1 0 }}
{{ mod 1 0 }}
{{ max 1 .Values.f 3 }} {{ max 1.5 1 }} {{ biggest 5 2 }} {{ min 4 2 9 }} {{ min .Values.neg 0 }}
{{ addf 1.1 2.2 }} {{ subf 1 0.9 }} {{ mulf 1.5 2 }} {{ divf 1 3 }} {{ divf 10 4 }} {{ addf }} {{ add1f 0.1 }} {{ mulf 0.1 3 }} {{ typeOf (addf 1 2) }}
{{ divf 1 0 }}
{{ maxf 1 2.5 }} {{ minf 1 2.5 }} {{ maxf -1 -2 }} {{ floor 1.7 }} {{ ceil 1.2 }} {{ floor -1.5 }} {{ ceil "2.1" }}
{{ round 1.2345 2 }} {{ round -2.5 0 }} {{ round 2.5 0 }} {{ round 1.5 0 0.6 }} {{ round 123.456 -1 }}
{{ int "42" }} {{ int "010" }} {{ int "0x1F" }} {{ int "1.0" }} {{ int "1.5" }} {{ int " 3" }} {{ int "abc" }} {{ int .Values.nil }} {{ int true }} {{ int "1_000" }} {{ int "-08" }}
{{ int64 .Values.big }} {{ int64 1e20 }} {{ int64 -2.9 }} {{ typeOf (int64 1) }} {{ typeOf (int 1) }}
{{ float64 "1e3" }} {{ float64 "abc" }} {{ float64 3 }} {{ float64 "0x1p3" }} {{ float64 "inf" }} {{ float64 true }} {{ typeOf (float64 1) }}
{{ atoi "12" }} {{ atoi "-3" }} {{ atoi "x" }} {{ atoi "1.5" }} {{ atoi "99999999999999999999" }} {{ atoi "+7" }}
{{ toDecimal "0777" }} {{ toDecimal 8 }} {{ toDecimal "17" }} {{ toDecimal 10 }}
{{ until 3 }} {{ until 0 }} {{ until -2 }} {{ typeOf (until 2) }}
{{ untilStep 0 10 3 }} {{ untilStep 10 0 -4 }} {{ untilStep 0 10 -1 }} {{ untilStep 3 3 1 }}
{{ seq 3 }}|{{ seq 5 3 }}|{{ seq 0 2 6 }}|{{ seq 6 -2 0 }}|{{ seq 0 }}|{{ seq }}|{{ seq 1 2 3 4 }}|{{ seq 5 2 1 }}
{{ default "d" .Values.zero }}|{{ default "d" .Values.fls }}|{{ default "d" .Values.es }}|{{ default "d" .Values.el }}|{{ default "d" .Values.missing }}|{{ default true .Values.fls }}|{{ default "d" .Values.s }}|{{ default "d" .Values.em }}
{{ empty 0 }} {{ empty 0.0 }} {{ empty "" }} {{ empty " " }} {{ empty .Values.el }} {{ empty .Values.em }} {{ empty nil }} {{ empty false }} {{ empty .Values.lm }}
{{ coalesce 0 "" .Values.s }} {{ coalesce nil false }} {{ coalesce .Values.missing "x" }}
{{ all 1 "a" true }} {{ all 1 "" }} {{ all }} {{ any 0 "" "x" }} {{ any }} {{ any 0 false }}
{{ compact (list 1 0 "" nil "a" false (list)) }} {{ mustCompact .Values.lm }}
{{ compact "abc" }}
{{ ternary "y" "n" true }} {{ ternary "y" "n" false }} {{ ternary 1 2 true }}
{{ deepCopy .Values.m }} {{ mustDeepCopy .Values.l }} {{ typeOf (deepCopy .Values.m) }}
{{ typeOf .Values.n }} {{ typeOf 1 }} {{ typeOf 1.0 }} {{ typeOf "s" }} {{ typeOf nil }} {{ typeOf .Values.l }} {{ typeOf .Values.m }} {{ typeOf true }} {{ typeOf (list) }} {{ typeOf (dict) }} {{ typeOf (splitList "," "a") }}
{{ typeIs "float64" .Values.n }} {{ typeIs "int" .Values.n }} {{ typeIsLike "string" "x" }} {{ typeIsLike "float64" .Values.n }}
{{ kindOf .Values.n }} {{ kindOf 1 }} {{ kindOf "s" }} {{ kindOf nil }} {{ kindOf .Values.l }} {{ kindOf .Values.m }} {{ kindOf true }} {{ kindOf (int64 1) }} {{ kindIs "map" .Values.m }} {{ kindIs "slice" .Values.m }}
{{ deepEqual .Values.l (list 1.0 2.0 3.0) }} {{ deepEqual .Values.l (list 1 2 3) }} {{ deepEqual 1 1 }} {{ deepEqual 1 1.0 }} {{ deepEqual (dict "a" 1) (dict "a" 1) }} {{ deepEqual nil nil }} {{ deepEqual "a" "a" }}
{{ list 1 "a" nil }} {{ tuple }} {{ typeOf (list) }}
{{ append .Values.l 4 }} {{ push (list) "x" }} {{ mustAppend .Values.ls "z" }} {{ prepend .Values.l 0 }} {{ mustPrepend (list) 1 }} {{ .Values.l }}
{{ append "abc" 1 }}
{{ append 1 1 }}
{{ prepend .Values.m 1 }}
{{ chunk 2 (list 1 2 3 4 5) }} {{ chunk 3 (list) }} {{ chunk 5 (list 1 2) }} {{ mustChunk 1 (list "a" "b") }}
{{ first .Values.l }} {{ first .Values.el }} {{ last .Values.l }} {{ last .Values.el }} {{ rest .Values.l }} {{ rest .Values.el }} {{ initial .Values.l }} {{ initial .Values.el }}
{{ first 1 }}
{{ last "abc" }}
{{ rest .Values.m }}
{{ initial true }}
{{ mustFirst 2.5 }}
{{ first nil }}
{{ reverse .Values.l }} {{ reverse (list) }} {{ uniq .Values.ls }} {{ uniq (list 1 1.0 "1" 1) }}
{{ reverse "abc" }}
{{ uniq 3 }}
{{ without .Values.l 2 }} {{ without .Values.l 2.0 }} {{ without .Values.ls "a" "b" }} {{ without (list) 1 }}
{{ without "s" 1 }}
{{ has 2 .Values.l }} {{ has 2.0 .Values.l }} {{ has 2 (list 1 2) }} {{ has "x" nil }} {{ has nil .Values.lm }} {{ mustHas "two" .Values.lm }}
{{ has 1 "abc" }}
{{ slice .Values.l 1 }} {{ slice .Values.l 1 2 }} {{ slice .Values.l }} {{ slice (list) 0 }} {{ slice .Values.ls 0 2 }} {{ typeOf (slice (splitList "," "a,b") 1) }}
{{ slice "abc" 1 }}
{{ slice .Values.l 2 1 }}
{{ slice .Values.l 0 9 }}
{{ concat .Values.l (list "a") .Values.ls }} {{ concat }} {{ concat (list) (list) }} {{ typeOf (concat) }}
{{ concat .Values.l 1 }}
{{ dict "a" 1 "b" }} {{ dict 1 2 }} {{ dict }} {{ dict "a" 1 "a" 2 }} {{ dict nil 1 }}
{{ get .Values.m "a" }}|{{ get .Values.m "zz" }}|{{ typeOf (get .Values.m "zz") }}
{{ set (dict "a" 1) "b" 2 }} {{ unset (dict "a" 1 "b" 2) "a" }} {{ unset (dict) "x" }}
{{ hasKey .Values.m "a" }} {{ hasKey .Values.m "z" }} {{ hasKey .Values "nil" }}
{{ pluck "a" (dict "a" 1) (dict "b" 2) (dict "a" 3) }} {{ pluck "x" }}
{{ keys (dict "b" 1 "a" 2) | sortAlpha }} {{ keys (dict "a" 1) (dict "b" 1 "a" 2) | sortAlpha }} {{ typeOf (keys .Values.m) }}
{{ values (dict "a" 1) }} {{ typeOf (values (dict)) }}
{{ pick .Values.m "a" "zz" }} {{ omit .Values.m "a" "l" }} {{ pick .Values.m }}
{{ merge (dict "a" 1 "n" (dict "x" 1)) (dict "a" 2 "b" 3 "n" (dict "x" 2 "y" 2)) }} {{ mergeOverwrite (dict "a" 1 "n" (dict "x" 1)) (dict "a" 2 "b" 3 "n" (dict "x" 2 "y" 2)) }}
{{ merge (dict "e" "") (dict "e" "filled") }} {{ merge (dict "z" 0 "f" false) (dict "z" 5 "f" true) }} {{ mergeOverwrite (dict "l" (list 1 2)) (dict "l" (list 3)) }} {{ merge (dict "l" (list 1 2)) (dict "l" (list 3)) }}
{{ merge (dict "l" (list)) (dict "l" (list 3)) }} {{ merge (dict) (dict "l" (list 3)) }} {{ mergeOverwrite (dict "a" 1) (dict "a" nil) }} {{ merge (dict "a" 1) (dict "a" nil "b" nil) }} {{ mergeOverwrite (dict "a" 1) (dict "a" "") }}
{{ merge (dict "m" "str") (dict "m" (dict "x" 1)) }} {{ mergeOverwrite (dict "m" "str") (dict "m" (dict "x" 1)) }} {{ mergeOverwrite (dict "m" (dict "x" 1)) (dict "m" "s") }} {{ merge (dict "m" (dict)) (dict "m" (dict "q" 1)) }} {{ merge (dict "a" 1) (dict "b" 2) (dict "a" 3 "c" 4) }}
{{ mustMerge (dict "a" 1) (dict "b" 2) }} {{ mustMergeOverwrite (dict "a" 1) (dict "a" 2) }}
{{ dig "b" "c" "def" .Values.m }} {{ dig "b" "zz" "def" .Values.m }} {{ dig "zz" "y" "def" .Values.m }} {{ dig "a" "def" .Values.m }}
{{ dig "a" "def" }}
{{ dig "a" "c" "def" .Values.m }}
{{ dig "x" "d" .Values.l }}
{{ dig 1 "d" .Values.m }}
{{ dig "x" "fallback" .Values }}
{{ b64enc "hello" }} {{ b64dec "aGVsbG8=" }} {{ b64enc "" }} {{ b32enc "hello" }} {{ b32dec "NBSWY3DP" }}
{{ b64dec "a" }}|{{ b64dec "aGVsbG8" }}|{{ b64dec "aGVs*G8=" }}|{{ b64dec "aGk=x" }}|{{ b64dec "aG\nk=" }}|{{ b64dec "=" }}
{{ b32dec "x" }}|{{ b32dec "NBSWY3D" }}|{{ b32dec "NBSWY3DP=" }}|{{ b32dec "NBSWY===" }}|{{ b32dec "MZXW6===" }}
{{ base "/a/b.txt" }} {{ base "" }} {{ base "/" }} {{ base "a/b/" }} {{ dir "/a/b/c" }} {{ dir "a" }} {{ dir "" }} {{ clean "a//b/../c/." }} {{ clean "/../x" }} {{ clean "" }} {{ ext "a/b.tar.gz" }} {{ ext "a.b/c" }} {{ isAbs "/x" }} {{ isAbs "x" }}
{{ osBase "/a/b.txt" }} {{ osDir "/a/b" }} {{ osClean "a/./b" }} {{ osExt "x.yaml" }} {{ osIsAbs "/y" }}
{{ urlParse .Values.url }}
{{ urlParse "mailto:joe@example.com" }} {{ urlParse "/rel/path?q" }} {{ urlParse "http://[::1]:80/x" }}
{{ urlJoin (dict "scheme" "https" "host" "example.com" "path" "/a b" "query" "x=1" "fragment" "f g") }}
{{ urlJoin (dict "scheme" "http" "userinfo" "u:p" "host" "h:1" "path" "p") }} {{ urlJoin (dict "path" "a:b/c") }} {{ urlJoin (dict "scheme" "mailto" "opaque" "x@y") }} {{ urlJoin (dict) }}
{{ urlJoin (dict "host" 1.0) }}
{{ regexMatch "^[a-z]+$" "abc" }} {{ regexMatch "^[a-z]+$" "abc\n" }} {{ regexMatch "(a" "x" }} {{ regexMatch `\d+` "x12" }} {{ regexMatch `(?i)ABC` "xabcx" }}
{{ mustRegexMatch "(a" "x" }}
{{ regexFind "[0-9]+" "ab12cd34" }}|{{ regexFind "z" "abc" }}|{{ regexFindAll "[0-9]+" "a1b22c333" -1 }}|{{ regexFindAll "[0-9]+" "a1b22c333" 2 }}|{{ regexFindAll "a*" "baaab" -1 }}|{{ regexFindAll "x" "y" 0 }}
{{ regexFind "(a" "x" }}
{{ regexFind "a**" "x" }}
{{ mustRegexFind "[a" "x" }}
{{ mustRegexFindAll "a)" "x" -1 }}
{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W" }}|{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "$1W" }}|{{ regexReplaceAll "(?P<w>o+)" "foo boo" "<$w>" }}|{{ regexReplaceAll "x*" "abc" "-" }}|{{ regexReplaceAll "a" "aaa" "$$" }}|{{ regexReplaceAll "(a)" "a" "$2|$" }}
{{ regexReplaceAllLiteral "a(x*)b" "-ab-axxb-" "${1}" }}|{{ mustRegexReplaceAll "\\s+" "a  b\tc" " " }}|{{ mustRegexReplaceAllLiteral "[.]" "a.b" "$" }}
{{ regexSplit "z+" "pizza" -1 }}|{{ regexSplit "z+" "pizza" 1 }}|{{ regexSplit "" "abc" -1 }}|{{ regexSplit "a" "" -1 }}|{{ regexSplit "," "a,b,c" 2 }}|{{ mustRegexSplit "x*" "axbxc" -1 }}
{{ regexQuoteMeta "1.5*[x]^$ ok-_/" }}
{{ regexMatch `^a$` "a\n" }} {{ regexMatch `(?m)^b$` "a\nb\nc" }} {{ regexFind `\w+` "héllo" }} {{ regexMatch `[[:alpha:]]+` "abc" }} {{ regexFind `\s+` "a \v b" }} {{ regexFind `a.c` "a\nc" }} {{ regexFind `(?s)a.c` "a\nc" }} {{ regexFind `\Qa.b\E` "xa.b" }} {{ regexFind `a\z` "ba" }}
{{ regexMatch `(\w)\1` "aa" }}
{{ regexMatch `(?=a)` "a" }}
{{ toYaml .Values.tricky }}
{{ toYaml .Values.numbers }}
{{ toYaml .Values.nested }}
{{ toYaml .Values.nested.containers }}
{{ toYaml .Values.nested.matrix }}
[{{ toYaml .Values.s }}][{{ toYaml .Values.nil }}][{{ toYaml .Values.missing }}][{{ toYaml .Values.big }}][{{ toYaml .Values.f }}][{{ toYaml "" }}][{{ toYaml (list) }}][{{ toYaml (dict) }}][{{ toYaml 1 }}][{{ toYaml true }}][{{ toYaml .Values.t }}]
{{ toYaml "l1\nl2" }}|{{ toYaml "x\n\n" }}|{{ toYaml "\n" }}|{{ toYaml " lead" }}|{{ toYaml "yes" }}|{{ toYaml "a: b" }}|{{ toYaml "1e3" }}
{{ toYaml .Values.tricky.long }}
{{ toYaml (list .Values.tricky.long) }}
{{ toYaml (dict "k" (dict "deeper" (list .Values.tricky.long .Values.tricky.longq))) }}
{{ toYaml (dict (repeat 130 "k") 1 "multi\nkey" 2 "a b" 3) }}
{{ toYaml (list (list) (dict) (list (list 1))) }}
{{ toYaml (dict "a" (list (dict "b" (list (dict "c" 1 "d" 2)))) ) }}
{{ mustToYaml .Values.m }}
{{ toYamlPretty .Values.tricky }}
{{ toYamlPretty .Values.numbers }}
{{ toYamlPretty .Values.nested }}
{{ toYamlPretty (list 1 (add 1 1) "x" nil) }}|{{ toYamlPretty .Values.s }}|{{ toYamlPretty (dict) }}|{{ toYamlPretty (list) }}
{{ toJson .Values.m }} {{ toJson "<&>" }} {{ toJson .Values.big }} {{ toJson .Values.missing }} {{ toJson .Values.numbers }}
{{ toJson .Values.tricky }}
{{ toJson "\b\f\u2028\u0001\t\"\\é😀" }} {{ toJson (list) }} {{ toJson (dict) }} {{ toJson (add 1 2) }} {{ toJson 1e-7 }} {{ toJson 1e21 }} {{ toJson 0.000001 }} {{ toJson -0.0 }}
{{ toRawJson "<&>" }} {{ mustToRawJson (dict "a" "<b>") }} {{ mustToJson .Values.l }}
{{ toPrettyJson .Values.m }}
{{ toPrettyJson .Values.nested }}
{{ mustToPrettyJson (list) }}|{{ toPrettyJson (dict) }}|{{ toPrettyJson "s" }}
{{ fromYaml "a: 1\nb: [x, y, n]\nc: yes" }} {{ (fromYaml "a: 1").a | typeOf }} {{ fromYaml "- a" }} {{ fromYamlArray "- a\n- 2" }}
{{ fromYaml "" }} {{ fromYaml "a: [" }} {{ fromYaml "a: .inf" }} {{ fromYaml "x" }} {{ fromYaml "~" }} {{ fromYamlArray "a: 1" }} {{ fromYamlArray "" }}
{{ fromYaml "a: 0755\nb: 0x1F\nc: 1_000\nd: 2020-01-01\ne: 1e3\nf: ~\ng: \"0755\"\nh: 0o17\ni: 1:20\nj: .5\nk: +1\nl: 08" }}
{{ fromYaml "y: 1\nn: 2\non: 3\n1: a\n2.5: b\ntrue: c" }}
{{ fromYaml "a: &x {b: 1}\nc: *x\nd:\n  <<: *x\n  e: 2" }}
{{ fromYaml "a: b: c" }}|{{ fromYaml "a:\n- b\n c" }}|{{ fromYaml "\"a" }}|{{ fromYaml "a: 1\n---\nb: 2" }}
{{ fromJson "{\"k\": [1]}" }} {{ fromJsonArray "[1, \"x\"]" }} {{ fromJson "[1]" }} {{ fromJson "null" }} {{ fromJson "" }} {{ fromJson "x" }} {{ fromJson "{\"a\":1,}" }} {{ fromJson "\"s\"" }} {{ fromJson "1" }} {{ fromJson "true" }}
{{ fromJsonArray "{}" }} {{ fromJsonArray "nope" }} {{ fromJsonArray "[1" }} {{ fromJson "{\"a\" 1}" }} {{ fromJson "{1:2}" }} {{ fromJson "[1 2]" }} {{ fromJson "{} x" }}
{{ mustFromJson "[1, {\"a\": null}]" }} {{ typeOf (mustFromJson "1") }} {{ mustFromJson "\"s\"" }}
{{ mustFromJson "{" }}
{{ toToml .Values.m }}
{{ toToml (dict "a" 1 "b" (dict "c" "x" "d" (list 1 2)) "s" "str") }}
{{ toToml (dict "t" (list (dict "a" 1) (dict "b" 2)) "x" 1.5 "big" 1000000 "tiny" 0.0001 "e" 1e-7 "i" (add 1 2) "bool" true "q" "a\"b\\c\n" "key with space" 1) }}
{{ toToml (dict "a" (dict "b" (dict "c" 1) "d" 2)) }}
{{ toToml "str" }}|{{ toToml (list 1 2) }}
{{ toToml (dict "l" (list 1 nil)) }}
{{ mustToToml (dict "a" 1) }}
{{ fromToml "a = 1\nb = \"x\"\n[c]\nd = 2.5" }} {{ typeOf (fromToml "a = 1").a }}
{{ getHostByName "example.com" }}|
{{ semverCompare ">=1.20-0" "v1.21.3-gke.100" }} {{ semverCompare ">=1.20" "v1.21.3-gke.100" }} {{ semverCompare "^1.2" "1.9.0" }} {{ semverCompare "~1.2.0" "1.3.0" }}
{{ (semver "1.2.3-rc.1+build.5").Prerelease }} {{ (semver "v2.3.4").Minor }} {{ (semver "1.2.3-rc.1+build.5").Metadata }} {{ (semver "v1.2").Original }} {{ semver "v1.2" }} {{ (semver "1.2.3").Major }}
{{ semverCompare "*" "1.0.0" }} {{ semverCompare "*" "1.0.0-beta" }} {{ semverCompare "1.2.x" "1.2.9" }} {{ semverCompare "1.2.x" "1.3.0" }} {{ semverCompare "1.2 - 1.4" "1.4.5" }} {{ semverCompare "1.2 - 1.4.0" "1.4.5" }} {{ semverCompare ">1.0 <2.0" "1.5.0" }} {{ semverCompare ">1.0, <2.0" "2.0.0" }} {{ semverCompare "<1.0 || >=3" "3.1.0" }}
{{ semverCompare "!=1.2.3" "1.2.3" }} {{ semverCompare "=1.2.3" "1.2.3" }} {{ semverCompare "1.2.3" "v1.2.3" }} {{ semverCompare "~1" "1.9.9" }} {{ semverCompare "~1.2" "1.2.9" }} {{ semverCompare "^0.2.3" "0.2.9" }} {{ semverCompare "^0.2.3" "0.3.0" }} {{ semverCompare "^0.0.3" "0.0.4" }} {{ semverCompare "^0" "0.9.0" }}
{{ semverCompare "<=1.2" "1.2.5" }} {{ semverCompare "<1.2" "1.1.9" }} {{ semverCompare ">1.2" "1.2.5" }} {{ semverCompare ">=1.2.3-alpha" "1.2.3-beta" }} {{ semverCompare ">=1.2.3-beta" "1.2.3-alpha" }} {{ semverCompare "<1.2.3" "1.2.3-rc1" }} {{ semverCompare "<1.2.3-0" "1.2.3-rc1" }} {{ semverCompare "~1.2.3-beta.2" "1.2.3-beta.10" }}
{{ semverCompare "^1.x" "1.5.0" }} {{ semverCompare "~1.x" "1.5.0" }} {{ semverCompare "1.x.x" "1.9.0" }} {{ semverCompare "=1" "1.0.0" }} {{ semverCompare "1" "1.9.0" }} {{ semverCompare ">= 1.2, < 1.4" "1.3.0" }} {{ semverCompare "^1.2.3 || ^2" "2.4.0" }} {{ semverCompare "x" "3.0.0" }} {{ semverCompare "<2.x" "1.9.0" }} {{ semverCompare ">1.x" "2.0.0" }} {{ semverCompare "<=1.x" "1.9.9" }}
{{ semverCompare "^1.2.3-alpha" "1.3.0" }} {{ semverCompare "^1.2.3-alpha" "1.2.3-beta" }} {{ semverCompare "^1.2.3-alpha" "1.3.0-beta" }} {{ semverCompare "1.1 - 2" "2.5.0" }} {{ semverCompare "1.0.0 - 2.0.0-0" "1.5.0" }} {{ semverCompare "!=1.x" "1.4.0" }} {{ semverCompare ">=v1.20.0" "1.20.1" }} {{ semverCompare "=1.2.3+meta" "1.2.3" }}
{{ semverCompare "1.2.3" "1.2.3.4" }}
{{ semverCompare "bogus" "1.0.0" }}
{{ semverCompare ">=1.0" "" }}
{{ semverCompare "" "1.0.0" }}
{{ semver "1.2.3.4" }}
{{ semver "" }}
{{ semver "01.2.3" }}
{{ semver "1.2.3-01" }}
{{ semver "1.2.3-a..b" }}
{{ semver "1.2.3+a..b" }}
{{ semver "99999999999999999999.0.0" }}
{{ semver "1.02.3" }}|{{ semver "1.2.3-0a" }}|{{ semver "1.2.3+01" }}|{{ semver "1" }}|{{ semver "v1.2.3-beta.1+exp.sha.5114f85" }}|{{ semver "1.2-rc.1" }}|{{ semver "V1.2" }}
{{ $a := semver "1.2.4" }}{{ $b := semver "v1.2.3" }}{{ $c := semver "1.0.0-alpha.1" }}{{ $d := semver "1.0.0-beta" }}{{ $e := semver "1.0.0-11" }}{{ $f := semver "1.0.0-1" }}{{ (semver "1.2.3").Compare $a }} {{ (semver "1.2.3").LessThan $a }} {{ (semver "1.2.3").GreaterThan $a }} {{ (semver "1.2.3").Equal $b }} {{ (semver "1.0.0-alpha").Compare $c }} {{ (semver "1.0.0-alpha.beta").Compare $d }} {{ (semver "1.0.0-2").Compare $e }} {{ (semver "1.0.0-a").Compare $f }}
{{ (semver "1.2.3").IncMajor }} {{ (semver "1.2.3-rc").IncPatch }} {{ (semver "1.2.3").IncMinor }} {{ (semver "1.2.3").IncPatch }} {{ typeOf (semver "1.0.0") }} {{ kindOf (semver "1.0.0") }} {{ toJson (semver "1.2") }}
{{ derivePassword 1 "long" "password" "user" "example.com" }}
{{ derivePassword 1 "maximum" "password" "user" "example.com" }} {{ derivePassword 2 "medium" "pw" "u" "s" }} {{ derivePassword 1 "short" "pw" "u" "s" }} {{ derivePassword 1 "basic" "pw" "u" "s" }} {{ derivePassword 1 "pin" "pw" "u" "s" }}
{{ derivePassword 1 "bogus" "pw" "u" "s" }}
{{ genPrivateKey "foo" }}
{{ dateInZone "2006-01-02T15:04:05Z07:00" 86400 "UTC" }} {{ toDate "2006-01-02" "2021-03-04" | unixEpoch }} {{ duration "3700" }} {{ duration 90 }} {{ duration (int64 90) }}
{{ date "2006-01-02 15:04:05.000 Mon Jan _2 3PM pm -0700 MST Z07:00" 1614816000 }}
{{ date "Monday January 02 06 1 2 3 03 4 04 5 05 PM .999 .000000 002 __2" (int64 1614855723) }}
{{ dateInZone "2006-01-02 15:04 MST -07:00" 1614816000 "America/New_York" }} {{ dateInZone "15:04 MST" 1614816000 "Asia/Kolkata" }} {{ dateInZone "15:04 MST" 1614816000 "Nope/Zone" }}
{{ htmlDate 1614816000 }} {{ htmlDateInZone 1614816000 "Asia/Tokyo" }} {{ date_in_zone "2006" 0 "UTC" }}
{{ toDate "2006-01-02 15:04:05" "2021-03-04 05:06:07" }} {{ toDate "2006-01-02T15:04:05Z07:00" "2021-03-04T05:06:07+02:00" }} {{ toDate "2006-01-02" "bad" }} {{ typeOf (toDate "2006" "2021") }}
{{ toDate "Jan 2 2006" "Mar 4 2021" | date "2006-01-02" }} {{ toDate "02/01/2006 15h04" "31/12/1999 23h59" | unixEpoch }} {{ (toDate "2006-01-02" "2021-03-04").Year }} {{ (toDate "2006-01-02" "2021-03-04").Unix }}
{{ mustToDate "2006-01-02" "2021-13-01" }}
{{ dateModify "-1h" (toDate "2006-01-02" "2021-03-04") }} {{ dateModify "1.5h" (toDate "2006-01-02" "2021-03-04") | date "15:04" }} {{ date_modify "90m" (toDate "2006-01-02" "2021-03-04") | unixEpoch }} {{ dateModify "bogus" (toDate "2006-01-02" "2021-03-04") | unixEpoch }}
{{ mustDateModify "bogus" (toDate "2006-01-02" "2021-03-04") }}
{{ must_date_modify "-30s" (toDate "2006-01-02" "2021-03-04") | unixEpoch }}
{{ duration "0" }} {{ duration "59" }} {{ duration "3600" }} {{ duration "86461" }} {{ duration "x" }} {{ duration "-90" }} {{ duration 3.5 }}
{{ durationRound "2h10m" }} {{ durationRound "3700s" }} {{ durationRound "100h" }} {{ durationRound "2400h" }} {{ durationRound "9000h" }} {{ durationRound "59s" }} {{ durationRound "1s" }} {{ durationRound "0s" }} {{ durationRound "x" }} {{ durationRound (int64 5000000000) }} {{ durationRound "-2h" }}
{{ unixEpoch (toDate "2006-01-02T15:04:05Z07:00" "1970-01-01T00:00:10Z") }}
{{ $t := toDate "2006-01-02 15:04:05" "2021-03-04 05:06:07" }}{{ $t.Month }} {{ $t.Weekday }} {{ $t.YearDay }} {{ $t.Day }} {{ $t.Hour }} {{ $t.Minute }} {{ $t.Second }} {{ $t.Year }} {{ $t.Unix }} {{ $t.UTC }} {{ $t.Format "Jan 2, 2006 at 3:04pm (MST)" }} {{ typeOf $t.Month }} {{ kindOf $t.Month }}
{{ $a := toDate "2006" "2021" }}{{ $b := toDate "2006" "2022" }}{{ $b.Sub $a }} {{ $a.Before $b }} {{ $a.After $b }} {{ $a.Equal $a }} {{ $a.IsZero }} {{ (toDate "x" "y").IsZero }} {{ typeOf ($b.Sub $a) }}
{{ typeOf (until 3) }} {{ typeOf (split "," "a") }} {{ typeOf now }} {{ typeOf (semver "1.0.0") }} {{ typeOf (genCA "x" 1) }} {{ kindOf (genCA "x" 1) }} {{ kindOf (split "," "a") }} {{ kindOf (until 2) }} {{ typeOf (sortAlpha (list "b")) }} {{ typeOf (toStrings (list 1)) }} {{ typeOf (regexFindAll "a" "aa" -1) }} {{ typeOf (keys (dict)) }}
{{ append (splitList "," "a,b") "c" | typeOf }} {{ concat (splitList "," "a,b") (list 1) }} {{ compact (splitList "," "a,,b") }} {{ typeOf (compact (splitList "," "a,,b")) }} {{ uniq (list (dict "a" 1) (dict "a" 1) (list 1) (list 1)) }} {{ has (dict "a" 1.0) (list .Values.m (dict "a" 1.0)) }} {{ reverse (splitList "," "a,b") | typeOf }} {{ without (splitList "," "a,b") "a" }}
{{ substr 1 4 "héllo" }}|{{ trunc 2 "héllo" }}|{{ trunc -3 "日本語" }}|{{ title "élan vital ñu" }}|{{ upper "straße" }}|{{ sortAlpha (list "é" "z" "a" "Z") }}|{{ initials "Élan  Ñu x" }}|{{ nospace "a\u00a0b\u2003c d" }}|{{ trim "\u00a0x\u2003" }}|{{ swapcase "Ǆ" }}
{{ untitle "Élan ÑU Foo" }}|{{ untitle "A\u00a0B" }}|{{ abbrev 5 "héllo wörld" }}|{{ abbrevboth 5 10 "héllo wörld and more" }}
{{ omit nil "a" }} {{ unset nil "a" }} [{{ urlJoin nil }}] {{ mergeOverwrite (dict "a" 1) nil }} {{ merge (dict "a" 1) nil (dict "b" 2) }} [{{ get nil "a" }}] {{ keys nil (dict "b" 1) }} {{ values nil }} {{ pick nil "a" }} {{ pluck "a" nil (dict "a" 1) }} {{ hasKey nil "a" }} {{ merge nil (dict "a" 1) }} {{ dict "a" nil | toJson }}
{{ set nil "a" 1 }}
{{ deepCopy nil }}
{{ mustDeepCopy nil }}
{{ get .Values.missing "a" }}
{{ add "1" 2.5 true nil }} {{ mul 1.5 2 }} {{ max "3" 2 }} {{ round "1.25" 1 }} {{ ceil nil }} {{ int64 "9223372036854775808" }} {{ float64 "1_000" }} {{ atoi " 1" }} {{ int (list) }} {{ int .Values.m }} {{ int64 (dict) }} {{ float64 "1e400" }} {{ float64 "-0" }} {{ int "-0x10" }} {{ int "+5" }} {{ int "5." }} {{ int "5.00" }} {{ int "0b11" }} {{ int "0o17" }} {{ int "1_0" }}
{{ add 9223372036854775807 1 }} {{ mul 9223372036854775807 2 }} {{ sub -9223372036854775808 1 }} {{ div -9223372036854775808 -1 }} {{ mod -9223372036854775808 -1 }} {{ int64 -1e20 }} {{ add1 "x" }} {{ maxf "a" 1 }} {{ minf }} {{ floor "x" }} {{ round 2.675 2 }} {{ round -0.5 0 }} {{ round 0.5 0 0.5 }}
{{ seq -2 }} {{ seq 1 -1 }} {{ seq 3 -1 1 }} {{ seq 1 0 3 }} {{ untilStep 0 5 0 }} {{ until 1 }} {{ seq 2 2 }}
{{ trunc 0 "" }}|{{ substr 0 0 "" }}|{{ repeat 2 "" }}|{{ indent 2 "" }}|{{ nindent 0 "a" }}|{{ replace "a" "b" "" }}|{{ trimAll "" "" }}|{{ abbrev 4 "abcde" }}|{{ abbrevboth 1 7 "abcdefghijkl" }}|{{ abbrevboth 2 4 "abcdefghijkl" }}|{{ cat "" "" }}|{{ squote "" }}|{{ quote "" }}
{{ genCA "x" 1 | toJson | fromJson | keys | sortAlpha }} {{ genCA "x" 1 | toYaml | fromYaml | keys | sortAlpha }} {{ (genCA "x" 1).Cert | trunc 27 }}
{{ mustToYaml (float64 "nan") }}
{{ mustToYaml "\u007f" }}
{{ mustToJson (float64 "inf") }}
{{ toRawJson (float64 "nan") }}
{{ mustToPrettyJson (float64 "-inf") }}
[{{ toYaml (float64 "nan") }}][{{ toJson (float64 "nan") }}][{{ toPrettyJson (float64 "nan") }}][{{ toYaml "\u0080" }}]{{ toToml (dict "a" (float64 "nan") "b" (float64 "-inf")) }}{{ toYamlPretty (list (float64 "nan") (float64 "inf")) }}
{{ fromYaml "k: 1\n~: v" }}|{{ fromYaml "null: [1]" }}|{{ fromYaml "1.5e3: a\n.inf: b\n0x10: c" }}
{{ fromJson "nul" }}|{{ fromJson "tru" }}|{{ fromJson "-" }}|{{ fromJson "\"\\q\"" }}|{{ fromJson "11e{" }}|{{ fromJson "\"\\u00zz\"" }}|{{ fromJson "1." }}|{{ fromJson "{\"a\":1}}" }}|{{ fromJson "[1,]" }}|{{ fromJson "\"a\tb\"" }}
{{ fromJson "null" | toJson }} {{ fromJsonArray "null" | toJson }} {{ fromJson "null" }} {{ fromJsonArray "null" }} {{ fromYaml "" | toJson }} {{ fromYamlArray "" | toJson }} {{ mustFromJson "null" | toJson }} {{ fromJson "null" | empty }}
{{ mustFromJson "[1" }}
{{ regexFindAll `\pL+` "héllo wörld 42" -1 }}|{{ regexFindAll `\p{Lu}` "aBcÉ" -1 }}|{{ regexReplaceAll `a(?i)b` "aB AB ab" "-" }}|{{ regexFind `x{,2}` "ax{,2}" }}|{{ regexFindAll `$+` "ab" -1 | len }}|{{ regexFindAll "z" "abc" -1 | toJson }}|{{ regexFindAll "a" "abc" 0 | toJson }}|{{ regexMatch `(?i)é` "É" }}|{{ regexFindAll `\w+` "héllo" -1 }}|{{ regexFindAll `\bé` "é é" -1 | len }}
{{ regexFind "a**" "x" }}|
{{ mustRegexMatch "*a" "x" }}
{{ mustRegexMatch "a{2}{3}" "x" }}
{{ swapcase "ǌ ǅ Ǆ ß" }}|{{ swapcase "a ǌ" }}|{{ swapcase "-ǌ" }}|{{ swapcase "ǌǌ" }}|{{ swapcase "\tǌ" }}|{{ swapcase "ǅǌ" }}|{{ swapcase "hello World" }}
{{ toDate "15:04" "13:45" | unixEpoch }} {{ toDate "002 2006" "060 2024" | date "2006-01-02" }} {{ toDate "__2 2006" " 60 2023" | date "Jan 2" }} {{ dateInZone "-070000 Z070000 -07" 0 "Asia/Kolkata" }} {{ toDate "Jan 2" "Feb 29" | date "2006-01-02" }}
{{ mustToDate "002 01 2006" "032 01 2024" }}
{{ mustToDate "002" "400" }}
{{ divf "" "-7" }} {{ floor "-0" }} {{ mulf "0b11" "-0" }} {{ ceil -0.5 }} {{ floor -0.5 }} {{ round -0.0 0 }} {{ round -0.4 0 }} {{ addf -0.0 }} {{ subf 0 0 }}
{{ camelcase "HTTPServer2xx" }}|{{ camelcase "HTTPServer" }}|{{ camelcase "fooBar" }}|{{ camelcase "FOO" }}|{{ camelcase "FOO_BAR" }}|{{ camelcase "aBC" }}|{{ camelcase "ABc" }}|{{ camelcase "X1Y" }}|{{ camelcase "ÉCOLE" }}|{{ camelcase "a-BC d" }}|{{ camelcase "AB_CD" }}|{{ camelcase "getHTTP" }}|{{ camelcase "A" }}|{{ camelcase "AB" }}|{{ camelcase "__A__B" }}
{{ substr -3 5 "日本語テキスト" }}|{{ trunc 4 "日本" }}|{{ trunc -2 "日本" }}|{{ abbrev 5 "日本語テキスト" }}
{{ nospace "日本語テキスト" }}|{{ nospace "日本 語" }}|{{ nospace "é" }}
{{ b32enc "any carnal pleas" }} {{ b64enc "\u00e9" }} {{ adler32sum "" }} {{ adler32sum "Wikipedia" }} {{ sha1sum "" }} {{ toDecimal "0x10" }} {{ toDecimal "-017" }} {{ toDecimal 1.5 }}
{{ wrap 1 "a b c" }}|{{ wrap 0 "ab cd" }}|{{ wrap 3 "  a   b  " }}|{{ wrapWith 3 "|" "abcdefgh ij" }}|{{ wrap 4 "" }}|{{ wrap 6 "héllo wörld" }}
{{ urlParse "ftp://a@b/c" }} {{ urlParse "//host/path" }} {{ urlParse "x?y#z" }} {{ urlParse "http://h/a%2Fb?q=%20#f%20g" }} {{ urlParse "HTTP://H/" }}
{{ urlParse "http://[::1" }}
{{ urlParse "%zz" }}
{{ regexReplaceAll "(?P<first>\\w+) (?P<last>\\w+)" "John Smith" "${last}, ${first}" }}|{{ regexReplaceAll "a|" "banana" "-" }}|{{ regexFindAll "" "abc" -1 }}|{{ regexReplaceAll "^" "x\ny" ">" }}|{{ regexReplaceAll "(?m)^" "x\ny" ">" }}|{{ regexFindAll "[[:digit:]]+" "a1b22" -1 }}|{{ regexReplaceAll "\\$" "a$b" "$$" }}|{{ regexReplaceAll "(b)" "abc" "$1$1${1}x$1x" }}
{{ fromYaml "a:\n  b:\n  - c: 1\n    d: [1, 2, {e: f}]\n  g: |\n    multi\n    line\nh: !!str 123\ni: 0.1\nj: -.5e3\nk: 1e400" }}
{{ fromYaml "x: 1\nx: 2" }}|{{ fromYaml "? [a, b]\n: c" }}|{{ fromYaml "a: 2001-12-14t21:59:43.10-05:00\nb: 12:30:00\nc: 0o17\nd: +.inf" }}
{{ fromYaml "a: !!int x" }}|{{ fromYaml "a: !!int 2020-01-01" }}|{{ fromYaml "a: !!float 1\nb: !!str 2\nc: !!binary aGk=" }}|{{ fromYaml "a: !!bool 1" }}|{{ fromYaml "16777217.0: a\n0.1: b" }}|{{ fromYaml "a: 1\n---\nb: [" }}|{{ fromYaml "base: &b {x: 1}\nd:\n  <<: [*b, {y: 2}]" }}
{{ float64 "3E8_3" }}|{{ float64 "1_0.5" }}|{{ float64 "0x1_0p0" }}|{{ float64 "1e1_0" }}|{{ float64 "_1" }}|{{ int "0x_1F" }}|{{ int64 "1_000" }}|{{ fromYaml "a: 1e1_0" }}
{{ toJson (fromYaml "a: 12345678901234567890\nb: 1.0\nc: 0x10") }} {{ toYaml (fromYaml "a: 1.0\nb: 1e6\nc: 0.000001") }}
{{ deepEqual (list 1 2) (list 1 2) }} {{ deepEqual (list 1 2) (list 1.0 2.0) }} {{ deepEqual (splitList "," "a") (list "a") }} {{ deepEqual (dict) (dict) }} {{ deepEqual nil (list) }} {{ deepEqual (int64 1) 1 }} {{ deepEqual (until 2) (until 2) }}
{{ dict "k" (list 1 (dict "n" nil)) | toYaml }}|{{ list nil nil | toYaml }}|{{ toYaml (list "") }}|{{ toYaml (dict "" "") }}|{{ toYaml (until 3) }}|{{ toYaml (split "," "a,b") }}|{{ toYaml (semver "1.2.3") }}|{{ toYaml (toDate "2006-01-02" "2021-03-04") }}|{{ toYaml (int64 7) }}|{{ toYaml 1.5 }}|{{ toYaml 1e21 }}
{{ toToml (dict "d" (toDate "2006-01-02" "2021-03-04") "e" (list) "f" (dict) "g" (list (list 1 2) (list "a")) "h" "é\t\u0001" "i" -0.0 "j" (until 2)) }}
{{ toToml (dict "a" (dict "b" (list (dict "c" 1) (dict "d" (dict "e" 2))))) }}
{{ toPrettyJson (dict "a" (list (dict) (list)) "b" "<x>") }}|{{ toRawJson (dict "u" "\u2028" "c" "\u0001") }}
"""

# Snippets whose Helm output depends on the wall clock or on randomness are tested by shape in
# test_sprig_random_and_dates.py instead.
CASES = [line for line in SNIPPETS.strip("\n").split("\n") if line.strip()]
