"""Hostile input and faults: every file accounted for, nothing half-loaded.

One inbox holds every kind of bad input beside a few good articles; a single run must load the
good ones correctly and refuse each bad one with a reason a person understands.
"""
from __future__ import annotations

import gzip
import hashlib
import io
import os
import random
import shutil
import subprocess
import sys
import textwrap
import zipfile

import duckdb
import pytest
from conftest import ROOT, SEEDS, query

from flows.load import warehouse
from flows.run import loop

pytestmark = pytest.mark.e2e   # real DuckDB files, GX, spaCy, worker processes
GOOD = (SEEDS / "000_16e73fbc7140bb2c.txt").read_text()
ARTICLE = ("Harbour reopens after storm\nBy Ana Souza\nLISBON (Reuters) - The port of Lisbon reopened on Tuesday "
           "after a storm forced the authorities to close it for two days, the harbour master said.\n"
           "Ships waiting outside the port began to enter in the afternoon, officials said.\n")
HTML = """<!doctype html><html><head><title>Bridge opens to traffic | Riverside Times</title>
<meta property="og:site_name" content="Riverside Times"><meta name="author" content="Tom Reed"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>Bridge opens to traffic</h1>
<p>The new bridge over the river opened to traffic on Monday after three years of construction work, the city said.</p>
<p>"It will cut the commute for thousands of people," said Mayor Lisa Grant at the opening ceremony.</p>
</article><footer>Copyright 2024 Riverside Times. All rights reserved.</footer></body></html>"""


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def build_hostile_inbox(inbox, outside) -> dict[str, str]:
    """Write every hostile input; return {source_file: expected outcome or reason fragment}."""
    rng = random.Random(1)
    files = {
        "good.txt": (GOOD.encode(), "loaded"),
        "empty.txt": (b"", "empty file"),
        "image.png": (b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(2000)), "binary"),
        "paper.pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "binary"),
        "noise.bin": (bytes(rng.randrange(256) for _ in range(5000)), "binary"),
        "nul bytes.txt": (ARTICLE.replace("storm", "st\x00orm", 1).encode(), "loaded"),
        "invalid-utf8.txt": (ARTICLE.encode() + b"\xff\xfe broken tail bytes here.\n", "loaded"),
        "latin1.txt": (ARTICLE.replace("Lisbon", "Lisboa, the café capital,").encode("latin-1"), "loaded"),
        "cp1252.txt": (ARTICLE.replace("said.", "said \u201cwe are ready\u201d.").encode("cp1252"), "loaded"),
        "utf16.txt": (ARTICLE.encode("utf-16"), "loaded"),
        "mojibake.txt": (ARTICLE.replace("harbour master", "harbour master\u2019s office").encode("utf-8")
                         .decode("cp1252", errors="replace").encode("utf-8"), "loaded"),
        "one-long-line.txt": (b"word " * (1_100_000 // 5 * 5), "longer than any article"),
        "page.txt": (HTML.encode(), "loaded"),
        "furniture.txt": (b"Skip to content\nShare this article\nLeave a Reply\n", "no article text"),
        "same content a.txt": (ARTICLE.replace("Tuesday", "Friday").encode(), "loaded"),
        "same content b.txt": (ARTICLE.replace("Tuesday", "Friday").encode(), "duplicate"),
        "name with\nnewline.txt": (ARTICLE.replace("Tuesday", "Sunday").encode(), "loaded"),
        "日本語 記事.txt": (ARTICLE.replace("Tuesday", "Monday").encode(), "loaded"),
        "story.txt.gz": (gzip.compress(ARTICLE.replace("Tuesday", "Thursday").encode()), "loaded"),
        "bomb.txt.gz": (gzip.compress(b"\0" * (30 * 2**20)), "bomb"),
        "bundle.zip": (_zip({"one.txt": ARTICLE.replace("Tuesday", "Saturday").encode(),
                             "nested/two.txt": ARTICLE.replace("Lisbon", "Porto").encode()}), None),
        "evil.zip": (_zip({"../escape.txt": ARTICLE.encode(), "zeros.txt": b"\0" * (30 * 2**20)}), None),
    }
    expected = {}
    for name, (data, outcome) in files.items():
        (inbox / name).write_bytes(data)
        if outcome:
            expected[name] = outcome
    with (inbox / "huge.txt").open("wb") as handle:     # 50 MB, sparse on disk
        handle.write(ARTICLE.encode())
        handle.truncate(50 * 2**20)
    expected["huge.txt"] = "over the 20 MB limit"
    expected.update({"bundle.zip!/one.txt": "loaded", "bundle.zip!/nested/two.txt": "loaded",
                     "evil.zip!/../escape.txt": "leaves the archive", "evil.zip!/zeros.txt": "bomb"})
    (outside / "secret.txt").write_text(ARTICLE)
    os.symlink(outside / "secret.txt", inbox / "link-outside.txt")
    os.symlink(inbox / "loop-b", inbox / "loop-a")
    os.symlink(inbox / "loop-a", inbox / "loop-b")
    os.symlink(inbox / "missing.txt", inbox / "dangling.txt")
    expected.update({"link-outside.txt": "outside the inbox", "loop-a": "loop", "loop-b": "loop",
                     "dangling.txt": "unreadable"})
    return expected


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    inbox, outside = root / "inbox", root / "outside"
    inbox.mkdir()
    outside.mkdir()
    expected = build_hostile_inbox(inbox, outside)
    path = root / "warehouse" / "wirehouse.duckdb"
    return loop.run(inbox, path), expected, path, inbox



def test_every_file_is_accounted_for(hostile_run):
    summary, expected, path, _ = hostile_run
    assert summary.ok
    assert summary.files_seen == len(expected)
    assert summary.files_seen == summary.files_loaded + summary.files_skipped + summary.files_quarantined
    run = query(path, "select files_seen, files_loaded, files_skipped, files_quarantined from etl_run")[0]
    assert run == (summary.files_seen, summary.files_loaded, summary.files_skipped, summary.files_quarantined)


def test_each_bad_input_is_quarantined_with_its_reason(hostile_run):
    _, expected, path, _ = hostile_run
    reasons = {}
    for source_file, reason in query(path, "select source_file, reason from quarantine"):
        reasons.setdefault(source_file, []).append(reason)
    for name, outcome in expected.items():
        if outcome in ("loaded", "duplicate"):
            assert name not in reasons, (name, reasons.get(name))
        else:
            assert any(outcome in r for r in reasons.get(name, [])), (name, reasons.get(name))


def test_good_files_load_correctly(hostile_run):
    _, expected, path, _ = hostile_run
    loaded = dict(query(path, "select source_file, body from fact_article"))
    assert {n for n, o in expected.items() if o == "loaded"} == set(loaded)
    assert "storm" in loaded["nul bytes.txt"] and "\x00" not in loaded["nul bytes.txt"]
    assert "Lisboa, the café capital," in loaded["latin1.txt"]
    assert "\u201cwe are ready\u201d" in loaded["cp1252.txt"]
    assert "harbour master\u2019s office" in loaded["mojibake.txt"]
    assert "Porto" in loaded["bundle.zip!/nested/two.txt"]
    headline, publisher = query(path, """select a.headline, s.source_name from fact_article a
                                          left join dim_source s using (source_key)
                                          where source_file = 'page.txt'""")[0]
    assert (headline, publisher) == ("Bridge opens to traffic", "Riverside Times")
    assert "Home" not in loaded["page.txt"] and "Copyright" not in loaded["page.txt"]


def test_same_name_with_new_content_is_a_new_version(hostile_run):
    summary, _, path, inbox = hostile_run
    (inbox / "good.txt").write_text(GOOD + "\nThe talks were to continue on Thursday, officials said.\n")
    second = loop.run(inbox, path)
    assert second.files_loaded == 1
    assert second.files_seen == second.files_loaded + second.files_skipped + second.files_quarantined
    assert query(path, "select article_version, is_latest from fact_article where source_file = 'good.txt' "
                        "order by 1") == [(1, False), (2, True)]


def test_sql_from_file_names_is_bound_never_interpolated(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "x'); DROP TABLE fact_article; --.txt").write_text(ARTICLE)
    path = tmp_path / "w" / "w.duckdb"
    loop.run(inbox, path)
    assert query(path, "select source_file from fact_article") == [("x'); DROP TABLE fact_article; --.txt",)]


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_run_killed_mid_load_leaves_the_warehouse_whole(tmp_path):
    path = tmp_path / "w" / "wirehouse.duckdb"
    inbox = tmp_path / "inbox"
    shutil.copytree(SEEDS, inbox)
    loop.run(inbox, path)
    before = _digest(path)
    script = textwrap.dedent(f"""
        import os, signal, sys
        sys.path.insert(0, {str(ROOT)!r})
        from pathlib import Path
        from flows.load import warehouse
        with warehouse.replacing(Path({str(path)!r})) as con:
            con.execute("DELETE FROM fact_article")
            con.execute("COMMIT")          # the draft on disk holds the damage: then the process dies
            con.execute("CHECKPOINT")
            os.kill(os.getpid(), signal.SIGKILL)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True)
    assert result.returncode == -9
    assert _digest(path) == before
    (inbox / "new.txt").write_text(ARTICLE)
    summary = loop.run(inbox, path)
    assert summary.ok and summary.files_loaded == 1
    assert query(path, "select count(*) from fact_article") == [(6,)]
    assert not list(path.parent.glob(".*.next*"))


@pytest.fixture
def small_mount(tmp_path):
    target = tmp_path / "mnt"
    target.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(target)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    yield target
    subprocess.run(["umount", str(target)], capture_output=True)


def test_a_full_disk_fails_the_run_cleanly(small_mount, tmp_path):
    inbox = tmp_path / "inbox"
    shutil.copytree(SEEDS, inbox)
    (small_mount / "filler").write_bytes(b"\0" * (3 * 2**20 - 200_000))
    path = small_mount / "wirehouse.duckdb"
    with pytest.raises((OSError, RuntimeError, duckdb.Error)):
        loop.run(inbox, path)
    assert not path.exists() and not list(small_mount.glob(".*.next*"))


def test_a_read_only_warehouse_folder_fails_the_run_cleanly(small_mount, tmp_path):
    inbox = tmp_path / "inbox"
    shutil.copytree(SEEDS, inbox)
    subprocess.run(["mount", "-o", "remount,ro", str(small_mount)], check=True)
    with pytest.raises((OSError, RuntimeError, duckdb.Error)):
        loop.run(inbox, small_mount / "wirehouse.duckdb")


def test_two_runs_never_write_at_once(tmp_path):
    path = tmp_path / "w" / "wirehouse.duckdb"
    with warehouse.write_lock(path):
        result = subprocess.run([sys.executable, "-m", "flows.cli", "run", "--inbox", str(SEEDS),
                                 "--warehouse", str(path)], capture_output=True, text=True, cwd=ROOT,
                                env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 3 and "another run is writing" in result.stderr
