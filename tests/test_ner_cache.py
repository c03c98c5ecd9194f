"""The model's proposals are cached by the body they were found in, not by the file."""
from __future__ import annotations

from flows.entities import ner


def test_a_new_body_from_the_same_file_is_proposed_again(tmp_path, monkeypatch):
    """After a parser change the same file gives another body: old offsets would point nowhere."""
    seen = []
    monkeypatch.setattr(ner, "propose", lambda bodies, model, processes: [seen.append(b) or [(0, 3, "GPE")]
                                                                       for b in bodies])
    monkeypatch.setattr(ner, "model_id", lambda model: "fake-model")
    cache = ner.SpanCache(tmp_path)
    ner.propose_cached([("file-sha", "Oslo is cold.")], cache)
    ner.propose_cached([("file-sha", "Oslo is cold.")], cache)
    assert seen == ["Oslo is cold."]                 # the second time from the cache
    ner.propose_cached([("file-sha", "Bergen is wet.")], cache)
    assert seen == ["Oslo is cold.", "Bergen is wet."]
