"""Dates and times as news pages print them, turned into instants with the zone they were stated in.

Only explicit evidence counts: a time stamp line, a dateline's month and day (with the year from
a full date elsewhere in the text), never the clock of the machine that parses the file.

A stamp is found in any of the shapes pages print: date first ("March 3, 2025 at 9:15 AM EST",
"Sun 27 Apr 2025 12.41 BST", "2025-02-11 14:32", "14/05/2024 - 11:32 GMT+2", "June 4, 20245:00 AM ET")
or time first ("14:05 BST, 3 October 2024", "3:42 PM CET, March 12, 2025"). Each stamp carries the
label printed before it on its line ("Published", "Updated", "First published on"). A zone is kept
as printed; `settle` turns it into an IANA zone or a UTC offset, using the outlet's or the dateline's
country to read an abbreviation with several meanings (IST: India, Israel or Ireland).
"""
from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flows.resources import DATA

TIMEZONES_FILE = DATA / "timezones.toml"

MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
         r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?"
_TIME = (r"(?P<time>\d{1,2}[:.]\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[ap]\.?\s?m\.?(?![a-z]))?"
         r"|\d{1,2}\s*[ap]\.?m\.?(?![a-z]))")
_ZONE = (r"(?P<zone>(?:UTC|GMT)\s*[+-]\s*\d{1,2}(?::?\d{2})?(?!\d)|[+-]\d{2}:?\d{2}(?!\d)|Z\b"
         r"|\(?(?-i:[A-Z]{2,5})\)?(?![A-Za-z]))")
_DATE = (
    r"(?P<iso>\d{4}-\d{2}-\d{2})"
    r"|(?P<ymd>\d{4}[./]\d{1,2}[./]\d{1,2})"
    r"|(?P<num>\d{1,2}[./]\d{1,2}[./]\d{4})"
    rf"|(?:{WEEKDAY}\s+)?(?P<mdy>{MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
    rf"|(?:{WEEKDAY}\s+)?(?P<dmy>\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}\.?,?\s+\d{{4}})"
)
_DATE_FIRST = (rf"(?:{_DATE})(?:(?:\s*[,T|\-–—•·●]\s*|\s+at\s+|\s+|(?<=\d)(?=\d{{1,2}}:))(?:{_TIME}))?"
               rf"(?:\s*,?\s*{_ZONE})?")
_TIME_FIRST = (_TIME.replace("<time>", "<time2>") + r"(?:\s*" + _ZONE.replace("<zone>", "<zone2>") + r")?"
               + r"\s*,?\s*(?:on\s+)?(?:" + re.sub(r"<(iso|ymd|num|mdy|dmy)>", r"<\g<1>2>", _DATE) + ")")
STAMP = re.compile(rf"(?<![\w/.])(?:{_TIME_FIRST}|{_DATE_FIRST})", re.IGNORECASE)
FULL_DATE = re.compile(rf"(?:{_DATE})", re.IGNORECASE)
MONTH_DAY = re.compile(rf"^(?P<month>{MONTH})\.?\s+(?P<day>\d{{1,2}})$", re.IGNORECASE)
# Labels that may stand before a stamp; the nearest one before it says what the stamp is.
LABELS = (("first published", re.compile(r"\bfirst\s+(?:published|posted|issued)\b", re.IGNORECASE)),
          ("updated", re.compile(r"\b(?:updated|modified|edited|revised|changed)\b", re.IGNORECASE)),
          ("published", re.compile(r"\b(?:published|posted|issued|created|released|date|dated)\b", re.IGNORECASE)))
# Words and marks that may stand beside a stamp on a stamp line.
STAMP_LABELS = re.compile(
    r"\b(?:first|last|published|updated|posted|modified|issued|edited|created|date|time|on|at|last)\b"
    r"|[|:\-–—·•●,()\[\]]", re.IGNORECASE)
STAMP_LINE_MAX_WORDS = 20
BARE_TIME = re.compile(_TIME.replace("(?P<time>", "(?:"), re.IGNORECASE)   # "Updated 13:05" beside a dated stamp


@dataclass(frozen=True)
class Stamp:
    """A moment stated in the text, before a zone is settled."""
    local: dt.datetime            # naive wall-clock time, or midnight when only the day is known
    zone: str | None              # as printed: "IST", "+09:00", "GMT+2", "UK"; None for a bare stamp
    precision: str                # "second", "minute" or "day"
    label: str | None = None      # "first published", "published", "updated", or None when unlabelled


@dataclass(frozen=True)
class Instant:
    utc: dt.datetime
    zone: str                     # an IANA zone or a UTC offset: "Asia/Seoul", "+05:30", "UTC"
    offset_minutes: int
    precision: str
    basis: str                    # "stated", "ambiguous zone", "outlet", "dateline city", "assumed UTC"
    zone_as_written: str | None = None   # the abbreviation or offset as printed: "IST", "EDT", "GMT+2"
    label: str | None = None      # the stamp's label: "first published", "published", "updated" or None


@lru_cache(maxsize=1)
def _zone_data() -> dict:
    return tomllib.loads(TIMEZONES_FILE.read_text(encoding="utf-8"))


def zone_abbreviations() -> dict[str, str]:
    return _zone_data()["abbreviations"]


def ambiguous_abbreviations() -> dict[str, list[dict]]:
    return _zone_data().get("ambiguous", {})


def month_first(countries: list[str], zones: list[str]) -> bool | None:
    """Whether numeric dates put the month first, from a stated zone or the outlet's country."""
    order = _zone_data().get("date_order", {})
    if any(z and z.strip("() ").upper() in order.get("month_first_zones", []) for z in zones):
        return True
    if countries:
        return countries[0] in order.get("month_first_countries", [])
    return None


_OFFSET = re.compile(r"(?:UTC|GMT)?\s*([+-])\s*(\d{1,2}):?(\d{2})?", re.IGNORECASE)


def normal_zone(zone: str, countries: tuple[str, ...] = ()) -> tuple[str | None, bool]:
    """(IANA name or "+hh:mm" offset or "UTC", ambiguous?) for a zone as printed; (None, False) if unknown.

    An abbreviation with several meanings takes the one used in the first of `countries` that
    uses it; with none of them, its first meaning, and the second value says it was a guess."""
    zone = zone.strip("() ")
    upper = zone.upper()
    if upper in ambiguous_abbreviations():
        meanings = ambiguous_abbreviations()[upper]
        for country in countries:
            for meaning in meanings:
                if country in meaning["countries"]:
                    return meaning["zone"], False
        return meanings[0]["zone"], True
    spec = zone_abbreviations().get(upper, zone)
    offset = _OFFSET.fullmatch(spec)
    if offset:
        sign, hours, minutes = offset.groups()
        if int(hours) > 14 or int(minutes or 0) > 59:
            return None, False
        return ("UTC" if int(hours) == int(minutes or 0) == 0 else f"{sign}{int(hours):02d}:{minutes or '00'}"), False
    if spec.upper() == "UTC":
        return "UTC", False
    try:
        ZoneInfo(spec)
    except (ZoneInfoNotFoundError, ValueError):
        return None, False
    return spec, False


def tzinfo_for(zone: str) -> dt.tzinfo | None:
    """A tzinfo for an abbreviation, an offset ("+05:30", "GMT+9") or an IANA name; None if unknown."""
    spec, _ = normal_zone(zone)
    if spec is None:
        return None
    if spec == "UTC":
        return dt.timezone.utc
    offset = _OFFSET.fullmatch(spec)
    if offset:
        sign, hours, minutes = offset.groups()
        delta = dt.timedelta(hours=int(hours), minutes=int(minutes or 0))
        return dt.timezone(-delta if sign == "-" else delta)
    return ZoneInfo(spec)


def _parse_time(text: str | None) -> tuple[dt.time | None, str]:
    if not text:
        return None, "day"
    clean = text.lower().replace(" ", "")
    clean = re.sub(r"^(\d{1,2})\.(\d{2})", r"\1:\2", clean).replace(".", "")
    match = re.fullmatch(r"(\d{1,2})(?::(\d{2})(?::(\d{2})\d*)?)?([ap]m)?", clean)
    if not match or (match.group(2) is None and not match.group(4)):
        return None, "day"
    hour, minute, second, half = match.groups()
    hour = int(hour)
    if half and not 1 <= hour <= 12:
        return None, "day"
    if half == "pm" and hour < 12:
        hour += 12
    if half == "am" and hour == 12:
        hour = 0
    if hour > 23 or int(minute or 0) > 59 or int(second or 0) > 59:
        return None, "day"
    return dt.time(hour, int(minute or 0), int(second or 0)), "second" if second else "minute"


def _parse_date(match: re.Match, suffix: str = "", month_first_order: bool | None = None) -> dt.date | None:
    group = lambda name: match.group(name + suffix)  # noqa: E731
    try:
        if group("iso"):
            return dt.date.fromisoformat(group("iso"))
        if group("ymd"):
            year, month, day = re.split(r"[./]", group("ymd"))
            return dt.date(int(year), int(month), int(day))
        if group("num"):
            first, second, year = (int(x) for x in re.split(r"[./]", group("num")))
            if first > 12 or (second <= 12 and not month_first_order):
                return dt.date(year, second, first)
            return dt.date(year, first, second)
        return _named_month_date(group("mdy") or group("dmy"))
    except (ValueError, OverflowError):
        return None


_MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_NAMED_PARTS = re.compile(r"(\d{1,4})|([A-Za-z]{3,})")
_WEEKDAY_WORD = re.compile(WEEKDAY.rstrip(".,?") + "?", re.IGNORECASE)


def _named_month_date(text: str) -> dt.date | None:
    """ "March 3, 2025", "3rd Oct. 2024", "Tue Jan 14 2025": a month by name, a day and a year."""
    numbers, month = [], None
    for number, word in _NAMED_PARTS.findall(text):
        if number:
            numbers.append(int(number))
        elif month is None and word[:3].lower() in _MONTHS and not _WEEKDAY_WORD.fullmatch(word):
            month = _MONTHS[word[:3].lower()]
    if month is None or len(numbers) != 2:
        return None
    day, year = (numbers[0], numbers[1]) if numbers[1] > 31 else (numbers[1], numbers[0])
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _label(before: str) -> str | None:
    """The kind of the label nearest the end of `before` (the text between stamps)."""
    best, where = None, -1
    for kind, pattern in LABELS:              # on a tie the longer label, listed first, wins
        for found in pattern.finditer(before):
            if found.end() > where:
                best, where = kind, found.end()
    return best


def find_stamps(line: str, month_first_order: bool | None = None) -> list[tuple[re.Match, Stamp]]:
    """Every date in a line (with time and zone when given), each with the label printed before it."""
    found, previous_end = [], 0
    for match in STAMP.finditer(line):
        suffix = "2" if match.group("time2") else ""
        zone = match.group("zone" + suffix)
        order = month_first_order
        if order is None and zone:
            order = month_first([], [zone])
        day = _parse_date(match, suffix, order)
        if day is None:
            continue
        time, precision = _parse_time(match.group("time" + suffix))
        local = dt.datetime.combine(day, time or dt.time())
        zone = zone.strip("() ") if zone and time and normal_zone(zone)[0] else None
        label = _label(line[previous_end:match.start()])
        found.append((match, Stamp(local=local, zone=zone, precision=precision, label=label)))
        previous_end = match.end()
    return found


def parse_iso(text: str) -> dt.datetime | None:
    """An ISO 8601 date-time ("2025-03-12T13:20:05Z", "...+09:00", or without a zone), or None."""
    try:
        return dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def metadata_stamp(value) -> Stamp | None:
    """A publication time from a page's metadata or a feed field: "2025-03-12T13:20:05+0000" keeps its
    second and offset; "2025-03-12" (or midnight without an offset, how a bare day comes back from
    HTML metadata) is a day; anything else is read like a stamp line."""
    if not isinstance(value, str) or not value.strip():
        return None
    moment = parse_iso(value)
    if moment is None:
        return find_stamp(value)
    day_only = len(value.strip()) == 10 or moment.tzinfo is None and moment.time() == dt.time()
    zone = None
    if moment.tzinfo is not None and not day_only:
        offset = moment.strftime("%z")
        zone = f"{offset[:3]}:{offset[3:]}"
    precision = "day" if day_only else "second" if moment.second or moment.microsecond else "minute"
    return Stamp(moment.replace(tzinfo=None), zone, precision, "published")


def find_stamp(line: str, month_first_order: bool | None = None) -> Stamp | None:
    """The first date in a line (with time and zone when given)."""
    stamps = find_stamps(line, month_first_order)
    return stamps[0][1] if stamps else None


# A time with no date ("Updated 4:35 p.m. ET"): a stamp line that gives no instant.
TIME_ONLY_LINE = re.compile(
    r"^(?:(?:first\s+|last\s+)?(?:published|updated|posted|modified|issued)(?:\s+(?:on|at))?\s*[:\-]?\s*)?"
    + _TIME.replace("(?P<time>", "(?:") + r"(?:\s*" + _ZONE.replace("(?P<zone>", "(?:") + r")?\.?$", re.IGNORECASE)
LABEL_BEFORE = re.compile(r"\b(?:published|updated|posted|modified|issued)(?:\s+(?:on|at))?\s*[:\-]?\s*$", re.IGNORECASE)


def stamp_leftover(line: str, relative: re.Pattern | None = None) -> tuple[list[Stamp], str, bool]:
    """The stamps of a line, what the line says beside them and their labels (for the caller to
    judge), and whether a stamp stands right after its label ("... / Updated: Mar 12, 2025")."""
    if len(line.split()) > STAMP_LINE_MAX_WORDS:
        return [], line, False
    stamps = find_stamps(line)
    if not stamps:
        return [], line, False
    rest, last, labelled = [], 0, False
    for match, _ in stamps:
        rest.append(line[last:match.start()])
        labelled = labelled or bool(LABEL_BEFORE.search(line[last:match.start()]))
        last = match.end()
    rest.append(line[last:])
    leftover = " ".join(rest)
    if relative is not None:
        leftover = relative.sub(" ", leftover)
    leftover = STAMP_LABELS.sub(" ", BARE_TIME.sub(" ", leftover))
    return [s for _, s in stamps], " ".join(leftover.split()), labelled


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
    probe = _named_month_date(f"{match['month']} {match['day']} 2000")
    if probe is None:
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


def settle(stamp: Stamp, fallback_zones: list[tuple[str, str]], countries: tuple[str, ...] = ()) -> Instant:
    """Give a stamp its zone: as stated (an ambiguous abbreviation read by `countries`, the
    publisher's, wire's or dateline's), else the first known fallback (zone, basis), else UTC."""
    candidates: list[tuple[str, str]] = []
    if stamp.zone:
        spec, guessed = normal_zone(stamp.zone, countries)
        if spec:
            candidates.append((spec, "ambiguous zone" if guessed else "stated"))
    candidates += fallback_zones + [("UTC", "assumed UTC")]
    for zone, basis in candidates:
        tz = tzinfo_for(zone) if zone else None
        if tz is None:
            continue
        spec, _ = normal_zone(zone)
        aware = stamp.local.replace(tzinfo=tz)
        offset = aware.utcoffset() or dt.timedelta()
        return Instant(utc=aware.astimezone(dt.timezone.utc), zone=spec or zone, basis=basis,
                       offset_minutes=int(offset.total_seconds() // 60), precision=stamp.precision,
                       zone_as_written=stamp.zone, label=stamp.label)
    raise AssertionError("UTC is always a known zone")
