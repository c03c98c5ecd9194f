"""Quotations and their speakers, one row per shape of attribution, on short excerpts (from the
layouts set and the dev set, or invented) with the model's proposals written by hand: no model runs.
"""
from __future__ import annotations

import pytest

from flows.entities.gazetteer import load_gazetteer
from flows.entities.identity import canonicalize, resolve_in_article
from flows.entities.mentions import article_mentions
from flows.entities.quotes import find_quotes


def quotes(body: str, *names: tuple[str, str]) -> list[tuple[str, str | None]]:
    """(quote text, speaker's canonical name) for a body whose names the model proposed as given."""
    gaz = load_gazetteer()
    spans = []
    for text, label in names:
        start = body.index(text)
        spans.append((start, start + len(text), label))
    mentions = article_mentions(body, spans, gaz)
    resolve_in_article(mentions, gaz)
    canonicalize([mentions], gaz)
    return [(q.text, q.speaker.canonical if q.speaker else None) for q in find_quotes(body, mentions, gaz)]


SHAPES = [
    # the name before the verb, the quote first
    ("told reporters", '"We will win this election," Maria Lopez told reporters on Monday.',
     [("Maria Lopez", "PERSON")], "We will win this election,", "Maria Lopez"),
    # the name after the verb, a role before the name
    ("said crane driver", '"The wind picked up in seconds," said crane driver Peter de Vries.',
     [("Peter de Vries", "PERSON")], "The wind picked up in seconds,", "Peter de Vries"),
    # the name before the verb, the quote after a colon
    ("colon", "Speaking in Kent, Claire Dunmore told Sky News: \"That ends now.\"",
     [("Claire Dunmore", "PERSON"), ("Sky News", "ORG")], "That ends now.", "Claire Dunmore"),
    # a quotation resumed after its attribution keeps its speaker
    ("split quote", 'Anna Lindgren leads the team. "Every fraction of a degree matters," Lindgren said, '
     '"and we are losing them fast."', [("Anna Lindgren", "PERSON"), ("Lindgren said", "PERSON")],
     "and we are losing them fast.", "Anna Lindgren"),
    # a speaker named by role, then by name in the next sentence
    ("role then name", 'The housing minister said the towns would be "proper places, not just housing estates". '
     'Speaking in Kent, Claire Dunmore told Sky News that work would begin soon.',
     [("Claire Dunmore", "PERSON")], "proper places, not just housing estates", "Claire Dunmore"),
    # a role the article gave a person before
    ("role introduced",
     'Transport Minister Rebecca Lyons opened the line. "It will be built properly," the minister said.',
     [("Rebecca Lyons", "PERSON")], "It will be built properly,", "Rebecca Lyons"),
    # a pronoun: the person the previous sentence is about
    ("pronoun", 'Marcus Bell, 62, sat with his grandchildren. "I have never felt it like this," he said.',
     [("Marcus Bell", "PERSON")], "I have never felt it like this,", "Marcus Bell"),
    # British single quotes, apostrophes inside
    ("single quotes", "Prosecutor Alice Wren told the court: 'These are not plants you can buy. Kew's "
     "scientists took years.'", [("Alice Wren", "PERSON")],
     "These are not plants you can buy. Kew's scientists took years.", "Alice Wren"),
    ("single quotes in a sentence", "Simon Carr said his client had 'never intended to cause the harm he did'.",
     [("Simon Carr", "PERSON")], "never intended to cause the harm he did", "Simon Carr"),
    # "..., arguing that": the sentence's subject
    ("participle", 'Prosecutor Lim Shu Wen sought four years, arguing that Goh had "deliberately targeted '
     'clients whose trust was absolute".', [("Lim Shu Wen", "PERSON"), ("Goh", "PERSON")],
     "deliberately targeted clients whose trust was absolute", "Lim Shu Wen"),
    # an appositive name is the subject
    ("appositive", '"We are not asking for subsidies," one venue owner, Ciaran Walsh, told me.',
     [("Ciaran Walsh", "PERSON")], "We are not asking for subsidies,", "Ciaran Walsh"),
    # a named organization speaks
    ("the ministry", 'The Unification Ministry met on Monday. "North Korea has opened its border," the ministry said.',
     [("Unification Ministry", "ORG"), ("North Korea", "GPE")], "North Korea has opened its border,",
     "Unification Ministry"),
    ("a known organization", '"They will pay a price," the White House said.', [("White House", "ORG")],
     "They will pay a price,", "White House"),
    # unnamed speakers: an official, an aide, a court bench, a group, an unnamed resident
    ("an official of", 'An official of the Meteorological Agency said, "Please avoid unnecessary trips."',
     [("Meteorological Agency", "ORG")], "Please avoid unnecessary trips.", None),
    ("an aide", 'A House GOP aide said the chair "has no plans" to take it up.', [("GOP", "ORG")],
     "has no plans", None),
    ("the Bench", '"Orders are passed, reports are filed," the Bench observed.', [("Bench", "PERSON")],
     "Orders are passed, reports are filed,", None),
    ("the head of", 'The head of the Brotherhood of Locomotive Engineers said the deal "leaves out the most '
     'important measure."', [("the Brotherhood of Locomotive Engineers", "ORG")],
     "leaves out the most important measure.", None),
    ("a spokeswoman", '"It is not that we do not want the business," said a spokeswoman for one of the insurers.',
     [], "It is not that we do not want the business,", None),
    ("a man", 'A man in his 70s said, "I have to clear the roof twice a day."', [],
     "I have to clear the roof twice a day.", None),
    ("the group", 'Transparency International said the verdict was late. "The sentence is significant," the '
     'group said.', [("Transparency International", "ORG")], "The sentence is significant,", None),
]


@pytest.mark.parametrize(("body", "names", "text", "speaker"), [row[1:] for row in SHAPES],
                         ids=[row[0] for row in SHAPES])
def test_speaker_of_each_shape(body, names, text, speaker):
    assert (text, speaker) in quotes(body, *names)


@pytest.mark.parametrize("body", [
    "The players' union said it wasn't Kew's plan.",          # apostrophes only
    "The minister called the plan \"reckless\" on Monday.",   # a single quoted word: scare quotes
])
def test_no_quotation(body):
    assert quotes(body) == []


def test_a_quote_continued_in_the_next_paragraph_is_one_quotation():
    body = ('"The first part of the statement goes here.\n\n'
            '"And the second part follows in the next paragraph," Maria Lopez said.')
    found = quotes(body, ("Maria Lopez", "PERSON"))
    assert len(found) == 1 and found[0][1] == "Maria Lopez"
    assert "first part" in found[0][0] and "second part" in found[0][0]


def test_an_unclosed_quote_ends_with_its_paragraph():
    body = 'He said "this never closes\n\nA new paragraph with no quotes at all, officials said.\n\nAnother one.'
    assert [q for q, _ in quotes(body)] == ["this never closes"]
