from datetime import datetime, timezone

import pytest

from minicluster.kubectl.printing.humanize import human_duration, rfc1123z, since
from minicluster.kubectl.printing.tabwriter import TabWriter, kubectl_table_writer


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (-5, "<invalid>"), (-1.5, "0s"), (0, "0s"), (59, "59s"), (119.9, "119s"), (120, "2m"),
        (171, "2m51s"), (599, "9m59s"), (600, "10m"), (179 * 60 + 59, "179m"),
        (3 * 3600, "3h"), (3 * 3600 + 5 * 60 + 30, "3h5m"), (8 * 3600 - 1, "7h59m"),
        (8 * 3600, "8h"), (47 * 3600 + 3599, "47h"), (48 * 3600, "2d"),
        (3 * 86400 + 4 * 3600, "3d4h"), (8 * 86400, "8d"), (729 * 86400, "729d"),
        (730 * 86400, "2y"), (3 * 365 * 86400 + 100 * 86400, "3y100d"), (9 * 365 * 86400, "9y"),
    ],
)
def test_human_duration_thresholds(seconds, text):
    assert human_duration(seconds) == text


def test_since_unknown_and_rfc1123z():
    now = datetime(2026, 3, 2, 9, 0, 10, tzinfo=timezone.utc)
    assert since(None, now) == "<unknown>"
    assert since("2026-03-02T09:00:00Z", now) == "10s"
    assert since("2026-03-02T09:00:09.5Z", now) == "0s"
    assert rfc1123z("2026-03-02T09:00:00Z") == "Mon, 02 Mar 2026 09:00:00 +0000"


def test_kubectl_tabwriter_padding_and_minwidth():
    w = kubectl_table_writer()
    w.write("NAME\tSTATUS\tAGE\nhello\tComplete\t10s\nx\ty\t2m51s\n")
    assert w.getvalue() == (
        "NAME    STATUS     AGE\n"
        "hello   Complete   10s\n"
        "x       y          2m51s\n"
    )


def test_tabwriter_remembers_widths_across_flushes():
    w = kubectl_table_writer()
    w.write("NAME\tREADY\nlong-pod-name\t1/1\n")
    first = w.take()
    w.write("a\t0/1\n")
    assert first.splitlines()[1] == "long-pod-name   1/1"
    assert w.take() == "a               0/1\n"


def test_tabwriter_column_blocks_end_at_lines_without_tabs():
    w = TabWriter(minwidth=0, padding=2)
    w.write("Name:\thello\nLabels:\ta=b\nPod Template:\n  Labels:\tx\nEvents:\t<none>\n")
    assert w.getvalue() == (
        "Name:    hello\n"
        "Labels:  a=b\n"
        "Pod Template:\n"
        "  Labels:  x\n"
        "Events:    <none>\n"
    )
