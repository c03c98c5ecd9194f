"""Dates and times as news pages print them, turned into instants with the zone they were stated in.

Only explicit evidence counts: a time stamp line, a dateline's month and day (with the year from
a full date elsewhere in the text), never the clock of the machine that parses the file.
"""
from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import parser as dateutil_parser

from flows.resources import DATA

TIMEZONES_FILE = DATA / "timezones.toml"

MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
         r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?"
_TIME = r"(?P<time>\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?\s?m\.?)?)"
_ZONE = r"(?P<zone>(?:UTC|GMT)\s*[+-]\s*\d{1,2}(?::?\d{2})?|[+-]\d{2}:?\d{2}|Z\b|\(?[A-Z]{2,5}\)?(?![a-z]))"
_DATE = (
    rf"(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})"
    rf"|(?P<ymd>\d{{4}}[./]\d{{1,2}}[./]\d{{1,2}})"
    rf"|(?:{WEEKDAY}\s+)?(?P<mdy>{MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
    rf"|(?:{WEEKDAY}\s+)?(?P<dmy>\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}\.?,?\s+\d{{4}})"
)
# A date, then optionally a time and a zone: "September 13, 2023 11:51 am IST", "2023-09-13T15:12:03+09:00".
STAMP = re.compile(rf"(?:{_DATE})(?:(?:\s*[,T|\-]\s*|\s+at\s+|\s+)(?:{_TIME}))?(?:\s*{_ZONE})?", re.IGNORECASE)
FULL_DATE = re.compile(rf"(?:{_DATE})", re.IGNORECASE)
MONTH_DAY = re.compile(rf"^(?P<month>{MONTH})\.?\s+(?P<day>\d{{1,2}})$", re.IGNORECASE)
# Words that may stand beside a stamp on a stamp line.
STAMP_LABELS = re.compile(
    r"\b(?:first\s+)?(?:published|updated|posted|modified|last|date|time|on|at)\b|[|:\-–—·,()\[\]]",
    re.IGNORECASE)
STAMP_LINE_MAX_WORDS = 14
UPDATED_LABEL = re.compile(r"\b(?:updated|modified)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Stamp:
    """A moment stated in the text, before a zone is settled."""
    local: dt.datetime            # naive wall-clock time, or midnight when only the day is known
    zone: str | None              # as stated: "IST", "+09:00", "UTC"; None for a bare stamp
    precision: str                # "second", "minute" or "day"
    updated: bool = False         # the line labels it an update, not the first publication


@dataclass(frozen=True)
class Instant:
    utc: dt.datetime
    zone: str                     # what the zone was: "IST", "Asia/Seoul", "+09:00"
    offset_minutes: int
    precision: str
    basis: str                    # "stated", "outlet", "dateline city", "assumed UTC"


@lru_cache(maxsize=1)
def zone_abbreviations() -> dict[str, str]:
    return tomllib.loads(TIMEZONES_FILE.read_text(encoding="utf-8"))["abbreviations"]


def tzinfo_for(zone: str) -> dt.tzinfo | None:
    """A tzinfo for an abbreviation, an offset ("+05:30", "GMT+9") or an IANA name; None if unknown."""
    zone = zone.strip("() ")
    spec = zone_abbreviations().get(zone.upper(), zone)
    offset = re.fullmatch(r"(?:UTC|GMT)?\s*([+-])\s*(\d{1,2}):?(\d{2})?", spec, re.IGNORECASE)
    if offset:
        sign, hours, minutes = offset.groups()
        delta = dt.timedelta(hours=int(hours), minutes=int(minutes or 0))
        return dt.timezone(-delta if sign == "-" else delta)
    if spec.upper() == "UTC":
        return dt.timezone.utc
    try:
        return ZoneInfo(spec)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _parse_time(text: str | None) -> tuple[dt.time | None, str]:
    if not text:
        return None, "day"
    clean = text.lower().replace(".", ":", 1) if re.match(r"^\d{1,2}\.\d{2}", text) else text.lower()
    clean = clean.replace(".", "").replace(" ", "")
    match = re.fullmatch(r"(\d{1,2}):(\d{2})(?::(\d{2}))?([ap]m)?", clean)
    if not match:
        return None, "day"
    hour, minute, second, half = match.groups()
    hour = int(hour)
    if half == "pm" and hour < 12:
        hour += 12
    if half == "am" and hour == 12:
        hour = 0
    if hour > 23 or int(minute) > 59 or int(second or 0) > 59:
        return None, "day"
    return dt.time(hour, int(minute), int(second or 0)), "second" if second else "minute"


def _parse_date(match: re.Match) -> dt.date | None:
    try:
        if match.group("iso"):
            return dt.date.fromisoformat(match.group("iso"))
        if match.group("ymd"):
            year, month, day = re.split(r"[./]", match.group("ymd"))
            return dt.date(int(year), int(month), int(day))
        text = match.group("mdy") or match.group("dmy")
        text = re.sub(r"(?i)\bsept\b", "Sep", text)
        return dateutil_parser.parse(text, default=dt.datetime(1900, 1, 1)).date()
    except (ValueError, OverflowError):
        return None


def _zone_if_known(text: str | None) -> str | None:
    if not text:
        return None
    text = text.strip("() ")
    return text if tzinfo_for(text) is not None else None


def parse_iso(text: str) -> dt.datetime | None:
    """An ISO 8601 date-time ("2025-03-12T13:20:05Z", "...+09:00", or without a zone), or None."""
    try:
        return dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def find_stamp(line: str) -> Stamp | None:
    """The first date (with time and zone when given) in a line."""
    for match in STAMP.finditer(line):
        day = _parse_date(match)
        if day is None:
            continue
        time, precision = _parse_time(match.group("time"))
        local = dt.datetime.combine(day, time or dt.time())
        zone = _zone_if_known(match.group("zone")) if time else None
        return Stamp(local=local, zone=zone, precision=precision, updated=bool(UPDATED_LABEL.search(line)))
    return None


def is_stamp_line(line: str) -> bool:
    """A line that is a publication stamp and nothing more ("Published - Sept 13, 2023 11:51 am IST")."""
    if len(line.split()) > STAMP_LINE_MAX_WORDS:
        return False
    match = STAMP.search(line)
    if not match or _parse_date(match) is None:
        return False
    rest = line[:match.start()] + " " + line[match.end():]
    rest = STAMP_LABELS.sub(" ", rest)
    return len(rest.split()) <= 1


def full_dates(text: str) -> list[dt.date]:
    return [d for d in (_parse_date(m) for m in FULL_DATE.finditer(text)) if d is not None]


def dateline_day(month_day: str, text: str) -> dt.date | None:
    """A dateline's "Sept. 13" with the year taken from a full date elsewhere in the text.

    The year of a full date on the same month and day wins; otherwise the latest full date's year,
    moved on a year when the dateline's day would fall before that date. None without a full date.
    """
    match = MONTH_DAY.match(month_day.strip())
    if not match:
        return None
    try:
        probe = dateutil_parser.parse(re.sub(r"(?i)\bsept\b", "Sep", f"{match['month']} {match['day']} 2000"))
    except (ValueError, OverflowError):
        return None
    dates = full_dates(text)
    same_day = [d for d in dates if (d.month, d.day) == (probe.month, probe.day)]
    if same_day:
        return same_day[0]
    if not dates:
        return None
    latest = max(dates)
    try:
        candidate = dt.date(latest.year, probe.month, probe.day)
        return candidate if candidate >= latest else dt.date(latest.year + 1, probe.month, probe.day)
    except ValueError:
        return None


def settle(stamp: Stamp, fallback_zones: list[tuple[str, str]]) -> Instant:
    """Give a stamp its zone: as stated, else the first known fallback (zone, basis), else UTC."""
    candidates = ([(stamp.zone, "stated")] if stamp.zone else []) + fallback_zones + [("UTC", "assumed UTC")]
    for zone, basis in candidates:
        tz = tzinfo_for(zone) if zone else None
        if tz is None:
            continue
        aware = stamp.local.replace(tzinfo=tz)
        offset = aware.utcoffset() or dt.timedelta()
        return Instant(utc=aware.astimezone(dt.timezone.utc), zone=zone, basis=basis,
                       offset_minutes=int(offset.total_seconds() // 60), precision=stamp.precision)
    raise AssertionError("UTC is always a known zone")
