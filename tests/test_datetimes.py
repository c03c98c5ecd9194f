"""Finding, parsing and settling publication stamps."""
from __future__ import annotations

import datetime as dt

import pytest

from flows.parse import datetimes

STAMP_LINES = [
    ("Published - September 13, 2023 11:51 am IST", dt.datetime(2023, 9, 13, 11, 51), "IST", "minute"),
    ("| 2023-09-13 15:12:03", dt.datetime(2023, 9, 13, 15, 12, 3), None, "second"),
    ("Updated: Sept. 4, 2023, 6:05 p.m. ET", dt.datetime(2023, 9, 4, 18, 5), "ET", "minute"),
    ("Posted on 13 September 2023", dt.datetime(2023, 9, 13), None, "day"),
    ("2023.09.13 08:00 KST", dt.datetime(2023, 9, 13, 8, 0), "KST", "minute"),
    ("Tuesday, 14 November 2023, 09:30 GMT", dt.datetime(2023, 11, 14, 9, 30), "GMT", "minute"),
    ("2023-09-13T15:12:03+09:00", dt.datetime(2023, 9, 13, 15, 12, 3), "+09:00", "second"),
]
NOT_STAMP_LINES = [
    "The summit was held on September 13, 2023 at the Vostochny Cosmodrome in the Amur region.",
    "Kim and Putin met in 2019 in Vladivostok",
    "",
]


@pytest.mark.parametrize(("line", "local", "zone", "precision"), STAMP_LINES)
def test_stamp_lines(line, local, zone, precision):
    assert datetimes.is_stamp_line(line)
    stamp = datetimes.find_stamp(line)
    assert (stamp.local, stamp.zone, stamp.precision) == (local, zone, precision)


@pytest.mark.parametrize("line", NOT_STAMP_LINES)
def test_prose_is_not_a_stamp_line(line):
    assert not datetimes.is_stamp_line(line)


@pytest.mark.parametrize(("zone", "offset_minutes"), [
    ("IST", 330), ("KST", 540), ("GMT+9", 540), ("UTC-03:30", -210), ("+05:45", 345), ("Asia/Seoul", 540),
])
def test_zones(zone, offset_minutes):
    tz = datetimes.tzinfo_for(zone)
    assert tz.utcoffset(dt.datetime(2023, 1, 1)) == dt.timedelta(minutes=offset_minutes)


def test_named_zone_follows_daylight_saving():
    summer = datetimes.settle(datetimes.Stamp(dt.datetime(2023, 7, 1, 12), "ET", "minute"), [])
    winter = datetimes.settle(datetimes.Stamp(dt.datetime(2023, 1, 1, 12), "ET", "minute"), [])
    assert (summer.offset_minutes, winter.offset_minutes) == (-240, -300)


def test_unknown_zone_is_none():
    assert datetimes.tzinfo_for("XYZT") is None


def test_settle_prefers_stated_zone_then_fallbacks_then_utc():
    stamp = datetimes.Stamp(dt.datetime(2023, 9, 13, 15, 0), None, "minute")
    assert datetimes.settle(stamp, [("Asia/Seoul", "outlet")]).basis == "outlet"
    assert datetimes.settle(stamp, [("Not/AZone", "outlet")]).basis == "assumed UTC"
    stated = datetimes.Stamp(dt.datetime(2023, 9, 13, 15, 0), "IST", "minute")
    assert datetimes.settle(stated, [("Asia/Seoul", "outlet")]).zone == "IST"


@pytest.mark.parametrize(("month_day", "text", "expected"), [
    ("Sept. 13", "photo taken on April 25, 2019 ... carried on Sept. 13, 2023", dt.date(2023, 9, 13)),
    ("Sept. 13", "they met on April 25, 2019", dt.date(2019, 9, 13)),
    ("Jan. 2", "a review of December 30, 2023 events", dt.date(2024, 1, 2)),
    ("Sept. 13", "no full date here", None),
    ("Feb. 30", "in 2023-01-01 terms", None),
])
def test_dateline_year_from_full_date(month_day, text, expected):
    assert datetimes.dateline_day(month_day, text) == expected
