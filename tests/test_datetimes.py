"""Finding, parsing and settling publication stamps: shapes, zones (IANA or offset), ambiguous abbreviations by country, day/month order."""
from __future__ import annotations

import datetime as dt

import pytest

from flows.parse import datetimes

D = dt.datetime
# (line as printed, [(local time, zone as printed, precision, label), ...]) - excerpts of real layouts
STAMPS = [
    ("March 3, 2025 at 9:15 AM EST", [(D(2025, 3, 3, 9, 15), "EST", "minute", None)]),
    ("Updated on March 3, 2025 at 11:02 AM EST", [(D(2025, 3, 3, 11, 2), "EST", "minute", "updated")]),
    ("July 16, 2024 at 6:54 p.m. EDT", [(D(2024, 7, 16, 18, 54), "EDT", "minute", None)]),
    ("June 4, 20245:00 AM ET", [(D(2024, 6, 4, 5, 0), "ET", "minute", None)]),              # year glued to time
    ("03/12/2025 05:00 AM EDT", [(D(2025, 3, 12, 5, 0), "EDT", "minute", None)]),          # US zone: month first
    ("Issued on: 19/11/2024 - 18:47", [(D(2024, 11, 19, 18, 47), None, "minute", "published")]),
    ("Tuesday 5 November 2024 14:32, UK", [(D(2024, 11, 5, 14, 32), "UK", "minute", None)]),
    ("Published: 14:05 BST, 3 October 2024 | Updated: 16:22 BST, 3 October 2024",
     [(D(2024, 10, 3, 14, 5), "BST", "minute", "published"), (D(2024, 10, 3, 16, 22), "BST", "minute", "updated")]),
    ("Published on 14/05/2024 - 11:32 GMT+2•Updated 13:05", [(D(2024, 5, 14, 11, 32), "GMT+2", "minute", "published")]),
    ("Published: 8:00pm, 22 Nov 2024", [(D(2024, 11, 22, 20, 0), None, "minute", "published")]),
    ("18 Jan 2025 08:12PM (Updated: 18 Jan 2025 09:30PM)",
     [(D(2025, 1, 18, 20, 12), None, "minute", None), (D(2025, 1, 18, 21, 30), None, "minute", "updated")]),
    ("March 20, 2025 - 5.00am", [(D(2025, 3, 20, 5, 0), None, "minute", None)]),
    ("First published on Sun 27 Apr 2025 07.30 BST", [(D(2025, 4, 27, 7, 30), "BST", "minute", "first published")]),
    ("Tue Jan 14 2025 - 05:00", [(D(2025, 1, 14, 5, 0), None, "minute", None)]),
    ("Updated 3:42 PM CET, March 12, 2025", [(D(2025, 3, 12, 15, 42), "CET", "minute", "updated")]),
    ("March 12, 202511:04 AM GMT+1Updated 6 hours ago", [(D(2025, 3, 12, 11, 4), "GMT+1", "minute", None)]),
    ("Updated 10:22 AM EDT, Wed March 12, 2025", [(D(2025, 3, 12, 10, 22), "EDT", "minute", "updated")]),
    ("2025-03-12T13:20:05Z", [(D(2025, 3, 12, 13, 20, 5), "Z", "second", None)]),
]


def _is_stamp_line(line: str) -> bool:
    """A stamp and nothing more beside labels: what the parser's stamp-line role asks of stamp_leftover."""
    stamps, leftover, _ = datetimes.stamp_leftover(line)
    return bool(stamps) and len(leftover.split()) <= 1


@pytest.mark.parametrize(("line", "expected"), STAMPS, ids=[s[0][:40] for s in STAMPS])
def test_find_stamps(line, expected):
    got = [(s.local, s.zone, s.precision, s.label) for _, s in datetimes.find_stamps(line)]
    assert got == expected


@pytest.mark.parametrize(("line", "stamp_line"), [
    ("Jan 22, 2025 - Technology", True),                    # one word beside the stamp
    ("CBC News · Posted: Mar 14, 2025 3:12 PM PDT | Last Updated: 4 minutes ago", False),   # outlet: judged by caller
    ("Tuesday, April 15th 2025 | Nisan 17, 5785", False),  # a site header's calendar line
    ("Appeared in the August 13, 2024, print edition as 'Insurers Flee'.", False),
])
def test_is_stamp_line(line, stamp_line):
    assert _is_stamp_line(line) == stamp_line


@pytest.mark.parametrize(("zone", "countries", "spec", "guessed"), [
    ("IST", ("IN",), "Asia/Kolkata", False),
    ("IST", ("IL",), "+02:00", False),
    ("IST", ("IE",), "+01:00", False),
    ("IST", (), "Asia/Kolkata", True),            # no evidence: India's reading, and the basis says so
    ("IST", ("US", "IL"), "+02:00", False),       # the first country that uses the abbreviation decides
    ("CST", ("CN",), "+08:00", False),
    ("BST", ("GB",), "+01:00", False),
    ("GMT+2", (), "+02:00", False),
    ("GMT", (), "UTC", False),
    ("UK", (), "Europe/London", False),
    ("ET", (), "America/New_York", False),
    ("XYZT", (), None, False),
])
def test_zone_is_a_zone_or_an_offset(zone, countries, spec, guessed):
    assert datetimes.normal_zone(zone, countries) == (spec, guessed)


@pytest.mark.parametrize(("stamp", "countries", "utc", "zone", "basis"), [
    (datetimes.Stamp(D(2025, 3, 12, 11, 4), "GMT+1", "minute"), (), D(2025, 3, 12, 10, 4), "+01:00", "stated"),
    (datetimes.Stamp(D(2025, 3, 12, 14, 5), "IST", "minute"), ("IL",), D(2025, 3, 12, 12, 5), "+02:00", "stated"),
    (datetimes.Stamp(D(2025, 3, 11, 21, 20), "IST", "minute"), (), D(2025, 3, 11, 15, 50), "Asia/Kolkata",
     "ambiguous zone"),
    (datetimes.Stamp(D(2024, 11, 5, 14, 32), "UK", "minute"), (), D(2024, 11, 5, 14, 32), "Europe/London", "stated"),
])
def test_settle(stamp, countries, utc, zone, basis):
    instant = datetimes.settle(stamp, [], countries)
    assert (instant.utc, instant.zone, instant.basis) == (utc.replace(tzinfo=dt.timezone.utc), zone, basis)
    assert instant.zone_as_written == stamp.zone


@pytest.mark.parametrize(("countries", "zones", "expected"), [
    (["US"], [], True), (["GB"], [], False), ([], ["EDT"], True), ([], [], None),
])
def test_numeric_date_order(countries, zones, expected):
    assert datetimes.month_first(countries, zones) == expected


def test_numeric_date_read_in_the_given_order():
    (_, us), = datetimes.find_stamps("03/12/2025", month_first_order=True)
    (_, world), = datetimes.find_stamps("03/12/2025", month_first_order=False)
    assert (us.local.month, world.local.month) == (3, 12)


@pytest.mark.parametrize("line", ["Updated 4:35 p.m. ET", "Updated 13:05", "Published at 9:15 AM"])
def test_time_without_date_is_recognised_but_gives_no_instant(line):
    assert datetimes.TIME_ONLY_LINE.match(line)
    assert datetimes.find_stamps(line) == []


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
    assert _is_stamp_line(line)
    stamp = datetimes.find_stamp(line)
    assert (stamp.local, stamp.zone, stamp.precision) == (local, zone, precision)


@pytest.mark.parametrize("line", NOT_STAMP_LINES)
def test_prose_is_not_a_stamp_line(line):
    assert not _is_stamp_line(line)


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
    settled = datetimes.settle(stated, [("Asia/Seoul", "outlet")])      # changed: the zone is a zone, not "IST"
    assert (settled.zone, settled.zone_as_written, settled.basis) == ("Asia/Kolkata", "IST", "ambiguous zone")


@pytest.mark.parametrize(("month_day", "text", "expected"), [
    ("Sept. 13", "photo taken on April 25, 2019 ... carried on Sept. 13, 2023", dt.date(2023, 9, 13)),
    ("Sept. 13", "they met on April 25, 2019", dt.date(2019, 9, 13)),
    ("Jan. 2", "a review of December 30, 2023 events", dt.date(2024, 1, 2)),
    ("Sept. 13", "no full date here", None),
    ("Feb. 30", "in 2023-01-01 terms", None),
])
def test_dateline_year_from_full_date(month_day, text, expected):
    assert datetimes.dateline_day(month_day, text) == expected
