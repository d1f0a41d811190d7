from __future__ import annotations

import pytest

from minicluster.core.duration import DurationError, format_duration, parse_duration
from minicluster.core.flags import FlagError, FlagSet
from minicluster.core.rand import KUBE_ALPHABET, SeededRandom


@pytest.mark.parametrize(
    "text,seconds",
    [("5m0s", 300), ("300s", 300), ("1h30m", 5400), ("1.5s", 1.5), ("0", 0), ("250ms", 0.25)],
)
def test_parse_duration(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    "text,message",
    [("abc", 'time: invalid duration "abc"'), ("5", 'time: missing unit in duration "5"'),
     ("5x", 'time: unknown unit "x" in duration "5x"')],
)
def test_parse_duration_errors_use_go_wording(text: str, message: str) -> None:
    with pytest.raises(DurationError) as err:
        parse_duration(text)
    assert err.value.message == message


@pytest.mark.parametrize("seconds,text", [(300, "5m0s"), (0, "0s"), (5400, "1h30m0s"), (1.5, "1.5s")])
def test_format_duration_like_go(seconds: float, text: str) -> None:
    assert format_duration(seconds) == text


def _install_flags() -> FlagSet:
    return (FlagSet("helm install").bool("atomic").string("namespace", short="n")
            .array("set").duration("timeout", 300).bool("wait"))


def test_flags_interspersed_with_positionals() -> None:
    parsed = _install_flags().parse(
        ["my-app", "-n", "prod", "./chart", "--set", "a=1", "--set=b=2", "--timeout", "2m",
         "--atomic", "--wait=false"]
    )
    assert parsed.positionals == ["my-app", "./chart"]
    assert parsed["namespace"] == "prod" and parsed["set"] == ["a=1", "b=2"]
    assert parsed["timeout"] == 120 and parsed["atomic"] is True and parsed["wait"] is False
    assert parsed.changed == {"namespace", "set", "timeout", "atomic", "wait"}


def test_double_dash_ends_flags() -> None:
    parsed = _install_flags().parse(["x", "--", "--atomic"])
    assert parsed.positionals == ["x", "--atomic"] and parsed["atomic"] is False


@pytest.mark.parametrize(
    "argv,message",
    [(["--nope"], "unknown flag: --nope"),
     (["-x"], "unknown shorthand flag: 'x' in -x"),
     (["--timeout"], "flag needs an argument: --timeout"),
     (["-n"], "flag needs an argument: 'n' in -n"),
     (["--atomic=maybe"], 'invalid argument "maybe" for "--atomic" flag: '
                          'strconv.ParseBool: parsing "maybe": invalid syntax')],
)
def test_flag_errors_use_pflag_wording(argv: list[str], message: str) -> None:
    with pytest.raises(FlagError) as err:
        _install_flags().parse(argv)
    assert err.value.message == message


def test_seeded_streams_are_independent_and_reproducible() -> None:
    a, b = SeededRandom(7), SeededRandom(7)
    a.stream("other").string(50)
    assert a.stream("names").string(5) == b.stream("names").string(5)
    assert set(a.stream("names").string(200)) <= set(KUBE_ALPHABET)
    assert SeededRandom(8).stream("names").string(20) != SeededRandom(7).stream("names").string(20)
