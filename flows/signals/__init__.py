"""Signals: what GDELT's knowledge graph gives per article beside names and quotes.

tone.py (how positive or negative), themes.py (topics of flows/data/themes.toml), amounts.py
(counted quantities), each a pure function over text; stage.py runs them over a batch's articles
in the worker processes, cached by content; like.py finds articles like one; evaluation.py scores
themes against tests/signals_labels.csv.
"""
