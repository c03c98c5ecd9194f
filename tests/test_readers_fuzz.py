"""One bad file costs only itself: every container reader, and staging as a whole, on random,
truncated and bit-flipped bytes (hypothesis). Nothing raises; every input is accounted for."""
from __future__ import annotations

import gzip
import io
import json
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from flows.stage import archives
from flows.stage.inbox import scan_inbox

PAGE = b"<html><body><h1>Dam opens</h1><p>Engineers opened the dam on Thursday, officials said.</p></body></html>"


def _warc(records: int = 2) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    for n in range(records):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://example.org/{n}", "response",
                                                      payload=io.BytesIO(PAGE), http_headers=headers))
    return out.getvalue()


def _jsonl_gz() -> bytes:
    lines = [json.dumps({"title": "Dam opens", "maintext": "Engineers opened the dam.", "url": f"u{n}"}) for n in range(3)]
    return gzip.compress("\n".join(lines).encode())


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.txt", "Engineers opened the dam on Thursday.")
        archive.writestr("b.txt", "Officials said the river would rise.")
    return out.getvalue()


SAMPLES = {"crawl.warc": _warc(), "export.jsonl.gz": _jsonl_gz(), "page.txt.gz": gzip.compress(PAGE), "bundle.zip": _zip()}


@st.composite
def damaged(draw, sample: bytes) -> bytes:
    """The sample cut short, with bytes flipped, or replaced by noise."""
    how = draw(st.sampled_from(["truncate", "flip", "noise"]))
    if how == "noise":
        return draw(st.binary(max_size=2000))
    data = bytearray(sample)
    if how == "truncate":
        return bytes(data[:draw(st.integers(0, len(data)))])
    for position in draw(st.lists(st.integers(0, len(data) - 1), min_size=1, max_size=8)):
        data[position] ^= draw(st.integers(1, 255))
    return bytes(data)


def _accounted(members: list) -> bool:
    return all((data is None) != (problem is None) for _, data, problem, _ in members)


def test_the_samples_read_whole(tmp_path):
    for name, data in SAMPLES.items():
        (tmp_path / name).write_bytes(data)
        members = list(archives.members(tmp_path / name, name, len(data)))
        assert members and all(problem is None for _, _, problem, _ in members), name


def test_a_warc_record_cut_short_costs_itself_and_says_why(tmp_path):
    """A header that promises 99,999 bytes, then 7: once AttributeError from deep in warcio."""
    data = _warc(1) + b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nshort!!"
    (tmp_path / "cut.warc").write_bytes(data)
    members = list(archives.members(tmp_path / "cut.warc", "cut.warc", len(data)))
    assert members[0][1] is not None                     # the whole record before it still loads
    assert any(problem for _, _, problem, _ in members[1:])


@given(st.sampled_from(sorted(SAMPLES)).flatmap(lambda name: st.tuples(st.just(name), damaged(SAMPLES[name]))))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_every_reader_survives_damaged_bytes(tmp_path, case):
    name, data = case
    path = tmp_path / name
    path.write_bytes(data)
    assert _accounted(list(archives.members(path, name, len(data))))


@given(st.lists(st.tuples(st.sampled_from(sorted(SAMPLES)), st.data()), min_size=1, max_size=4))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_staging_accounts_for_every_file_of_a_damaged_inbox(tmp_path_factory, files):
    inbox = tmp_path_factory.mktemp("inbox")
    names = []
    for number, (name, data) in enumerate(files):
        target = f"{number}-{name}"
        Path(inbox, target).write_bytes(data.draw(damaged(SAMPLES[name])))
        names.append(target)
    staged = scan_inbox(inbox, tmp_path_factory.mktemp("raw"))
    seen = {row.split("!/")[0] for row in staged["source_file"]}
    assert seen == set(names)
    assert staged.filter(staged["content_sha256"].is_null() & staged["problem"].is_null()).height == 0
