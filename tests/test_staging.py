"""Staging: hashes, outcomes and the content-addressed store; the inbox is never changed."""
from __future__ import annotations

import hashlib
import os

import polars as pl
import pytest

from flows.stage.inbox import classify_files, scan_inbox
from flows.stage.raw_store import keep_raw_copies, raw_path


def _snapshot(folder):
    return {p: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_scan_hashes_every_file(inbox, tmp_path):
    staged = scan_inbox(inbox, tmp_path / "raw")
    assert staged.height == 5
    first = staged.row(0, named=True)
    assert first["content_sha256"] == hashlib.sha256((inbox / first["source_file"]).read_bytes()).hexdigest()
    assert staged["problem"].null_count() == 5


def test_nested_paths_are_relative_and_hidden_files_skipped(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "story one.txt").write_text("x")
    (tmp_path / ".DS_Store").write_text("junk")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "x.txt").write_text("junk")
    assert scan_inbox(tmp_path, tmp_path / "raw")["source_file"].to_list() == ["a/b/story one.txt"]


def test_outcomes(tmp_path):
    (tmp_path / "a.txt").write_text("same words")
    (tmp_path / "b.txt").write_text("same words")
    (tmp_path / "c.txt").write_text("already here")
    loaded = {hashlib.sha256(b"already here").hexdigest()}
    staged = classify_files(scan_inbox(tmp_path, tmp_path / "raw"), loaded)
    outcomes = dict(staged.select("source_file", "outcome").iter_rows())
    assert outcomes == {"a.txt": "new", "b.txt": "duplicate", "c.txt": "already loaded"}


def test_symlink_outside_inbox_and_loop_are_problems(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (tmp_path / "secret.txt").write_text("outside")
    os.symlink(tmp_path / "secret.txt", inbox / "escape.txt")
    os.symlink(inbox / "loop2", inbox / "loop1")
    os.symlink(inbox / "loop1", inbox / "loop2")
    problems = dict(scan_inbox(inbox, tmp_path / "raw").select("source_file", "problem").iter_rows())
    assert problems["escape.txt"] == "symbolic link to a file outside the inbox"
    assert problems["loop1"] == problems["loop2"] == "symbolic link loop"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file_is_a_problem(tmp_path):
    (tmp_path / "locked.txt").write_text("x")
    (tmp_path / "locked.txt").chmod(0)
    assert scan_inbox(tmp_path, tmp_path / "raw")["problem"][0].startswith("unreadable")


def test_raw_copies_are_content_addressed_and_inbox_untouched(inbox, tmp_path):
    before = _snapshot(inbox)
    staged = classify_files(scan_inbox(inbox, tmp_path / "raw"), set())
    raw = tmp_path / "raw"
    assert keep_raw_copies(staged, inbox, raw) == 5
    assert keep_raw_copies(staged, inbox, raw) == 0
    for source_file, sha in staged.select("source_file", "content_sha256").iter_rows():
        assert raw_path(raw, sha).read_bytes() == (inbox / source_file).read_bytes()
    assert _snapshot(inbox) == before


def test_missing_inbox_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        scan_inbox(tmp_path / "nope", tmp_path / "raw")


def test_empty_inbox(tmp_path):
    staged = classify_files(scan_inbox(tmp_path, tmp_path / "raw"), set())
    assert staged.height == 0 and "outcome" in staged.columns
    assert staged.schema["content_sha256"] == pl.String


def test_a_file_with_the_size_and_time_it_had_when_hashed_keeps_that_hash_unread(tmp_path):
    (tmp_path / "same.txt").write_text("first words")
    (tmp_path / "touched.txt").write_text("first words")
    stats = {name: (tmp_path / name).stat() for name in ("same.txt", "touched.txt")}
    remembered = {name: (s.st_size, s.st_mtime_ns, "remembered-hash") for name, s in stats.items()}
    os.utime(tmp_path / "touched.txt", ns=(stats["touched.txt"].st_atime_ns, stats["touched.txt"].st_mtime_ns + 10**9))
    hashes = dict(scan_inbox(tmp_path, tmp_path / "raw", remembered).select("source_file", "content_sha256").iter_rows())
    assert hashes == {"same.txt": "remembered-hash",
                      "touched.txt": hashlib.sha256(b"first words").hexdigest()}


def test_a_symlink_to_a_folder_is_accounted_for_not_followed(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.txt").write_text("words")
    os.symlink(tmp_path / "real", tmp_path / "linked")
    problems = dict(scan_inbox(tmp_path, tmp_path / "raw").select("source_file", "problem").iter_rows())
    assert problems == {"linked": "not a regular file", "real/a.txt": None}
