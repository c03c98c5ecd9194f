"""Bytes to text: encodings are detected, non-text is refused with a reason."""
from __future__ import annotations

import codecs

import pytest

from flows.parse.decoding import NotText, decode

TEXT = "Kim Jong-un met Vladimir Putin — “a new chapter,” said the Kremlin. Café owners in Zürich agreed."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_encodings_round_trip(encoding):
    assert decode(TEXT.encode(encoding)).text == TEXT


def test_latin1():
    text = "Les habitants de la région ont célébré la fête nationale à Genève, où les cafés étaient pleins."
    assert decode(text.encode("latin-1")).text == text


def test_nul_bytes_and_crlf_are_cleaned():
    decoded = decode(b"Line one of the story.\r\nLine\x00 two of the story.\r\n")
    assert decoded.text == "Line one of the story.\nLine two of the story.\n"


def test_invalid_utf8_is_decoded_not_raised():
    decoded = decode(b"Seoul officials said \xff\xfe the talks went well and would continue next week.")
    assert "officials said" in decoded.text


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty"),
    (b"   \n\t ", "empty"),
    (b"%PDF-1.7\n...", "binary"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary"),
    (bytes(range(256)) * 20, "binary"),
])
def test_not_text(data, reason):
    with pytest.raises(NotText, match=reason):
        decode(data)


def test_bom_is_not_part_of_the_text():
    assert not decode(codecs.BOM_UTF8 + b"Hello world").text.startswith("\ufeff")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(encoding):
    assert decode(TEXT.encode(encoding)).text == TEXT
