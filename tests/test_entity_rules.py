"""The entity layer's rules, one table per kind, on short excerpts (from the Reuters development
corpus, the layouts set and invented copy) with the model's proposals written by hand: no model runs.
"""
from __future__ import annotations

import pytest

from flows.entities.gazetteer import load_gazetteer
from flows.entities.identity import canonicalize, resolve_in_article
from flows.entities.lines import read_body, tokenize
from flows.entities.mentions import article_mentions, propagate


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def proposals(body: str, *spans: tuple[str, str]) -> list[tuple[int, int, str]]:
    """(start, end, label) of each (text, label), at the text's first occurrence in the body."""
    out = []
    for text, label in spans:
        start = body.index(text)
        out.append((start, start + len(text), label))
    return out


def mentions(gaz, body: str, *spans: tuple[str, str]) -> list[tuple[str, str]]:
    """(surface form, type) of one body's mentions, resolved within the article."""
    found = article_mentions(body, proposals(body, *spans), gaz)
    resolve_in_article(found, gaz)
    return [(body[m.start:m.end], m.type) for m in found]


# --- lines ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "kind"), [
    ("Bahia 2 Atletico Paranaense 0", "score"),
    ("Celtic 4 3 1 0 9 2 10", "standings"),
    ("1. Michael Johnson (U.S.) 19.32", "ranked"),
    ("Michael Chang (U.S.) beat Sergi Bruguera (Spain) 6-3 6-2", "pairs"),
    ("W L PCT GB", "caps"),
    ("-- London Newsroom +44 171 542 7658", "furniture"),
    ("The company said profits rose 12 percent in the first half.", "prose"),
    # a paragraph that happens to hold "Name (Country)" is prose, not a results line
    ("Kim said his trip is a clear manifestation of the ties, the North's Korean Central News Agency "
     "(KCNA) said on Wednesday, adding that he had been welcomed by senior officials at the border.", "prose"),
])
def test_a_line_gets_its_kind_from_its_shape(gaz, line, kind):
    assert read_body(line, gaz).lines[0].kind == kind


@pytest.mark.parametrize(("text", "words"), [
    ("Moody's Investors Service", ["Moody", "Investors", "Service"]),     # the possessive is cut off
    ("the Seoul-based group", ["the", "Seoul", "group"]),                 # "-based" makes an adjective
    ("Kim Jong-un arrived.", ["Kim", "Jong-un", "arrived"]),
    ("(Spain) 6-3", ["Spain", "6-3"]),
])
def test_tokens_are_words_without_their_punctuation(gaz, text, words):
    assert [t.text for t in tokenize(text, 0, gaz.adjective_suffix)] == words


def test_a_token_after_a_full_stop_starts_a_sentence():
    tokens = tokenize("He left. Multiple United Nations resolutions", 0)
    assert [t.text for t in tokens if t.starts_sentence] == ["He", "Multiple"]


def test_many_match_words_in_a_short_story_make_it_sports_but_not_in_a_long_news_story(gaz):
    assert read_body("Ajax beat PSV in the league match and the coach was happy.", gaz).sports
    news = "The talks were set to resume, officials said. " + "The ministry gave no details of the plan. " * 100
    assert not read_body(news + "The title of the round and the stage were set.", gaz).sports


# --- extents ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("body", "spans", "expected"), [
    # numbers and "v" split a span into teams
    ("Detroit 7 Chicago 4", [("Detroit 7 Chicago", "GPE")], [("Detroit", "ORG"), ("Chicago", "ORG")]),
    # leading articles, titles and sentence-opening roles are no part of a name
    ("Striker Ally McCoist scored twice.", [("Striker Ally McCoist", "PERSON")], [("Ally McCoist", "PERSON")]),
    ("They met President Bill Clinton.", [("President Bill Clinton", "PERSON")], [("Bill Clinton", "PERSON")]),
    ("Multiple European Union resolutions ban it.", [("Multiple European Union", "ORG")], [("European Union", "ORG")]),
    # a lower-case word ends a name
    ("The figures came from Xinhua news agency.", [("Xinhua news agency", "ORG")], [("Xinhua", "ORG")]),
    # a possessive splits a name only after a place ("Moody's Investors Service" stays whole)
    ("Councillors from Auckland's North Shore met.", [("Auckland's North Shore", "ORG")],
     [("Auckland", "LOC"), ("North Shore", "LOC")]),
    ("A report by Moody's Investors Service said.", [("Moody's Investors Service", "ORG")],
     [("Moody's Investors Service", "ORG")]),
    # an initial the model left out joins the person
    ("D. Cork took three wickets.", [("Cork", "PERSON")], [("D. Cork", "PERSON")]),
    # a person the data knows takes the name the model cut short
    ("President Yoon Suk Yeol spoke.", [("Yoon Suk", "PERSON")], [("Yoon Suk Yeol", "PERSON")]),
    # a person named after their organization, which the data knows
    ("Managing Director of the International Monetary Fund Kristalina Georgieva spoke.",
     [("the International Monetary Fund Kristalina Georgieva", "ORG")],
     [("International Monetary Fund", "ORG"), ("Kristalina Georgieva", "PERSON")]),
    # an organization the data knows is not split when a longer name goes on
    ("the United Nations General Assembly voted.", [("the United Nations General Assembly", "ORG")],
     [("United Nations General Assembly", "ORG")]),
    # "Mr." stays in the surface form
    ("Mr. Lim said no.", [("Lim", "PERSON")], [("Mr. Lim", "PERSON")]),
    # in a results line a name is the whole capitalised run the model cut into
    ("1. Per Nyman (Sweden) 19.32\n2. Jon Drummond (U.S.) 19.80", [("Nyman", "PERSON"), ("Jon Drummond", "PERSON")],
     [("Per Nyman", "PERSON"), ("Sweden", "LOC"), ("Jon Drummond", "PERSON"), ("U.S.", "LOC")]),
    ("Widzew Lodz 2 Legia Warsaw 1", [("Lodz", "GPE"), ("Legia Warsaw", "ORG")],
     [("Widzew Lodz", "ORG"), ("Legia Warsaw", "ORG")]),
    # ... but the role opening a sentence is no part of the name (Jakarta Post layout; "(Indef)" reads as a pair)
    ("Economist Rina Wulandari of the Institute (Indef) said investors could grow more cautious.",
     [("Rina Wulandari", "PERSON")], [("Rina Wulandari", "PERSON")]),
])
def test_extents(gaz, body, spans, expected):
    assert mentions(gaz, body, *spans) == expected


# --- names the model missed -------------------------------------------------------------------

@pytest.mark.parametrize(("body", "spans", "expected"), [
    ("Ajax 2 PSV Eindhoven 1", [], [("Ajax", "ORG"), ("PSV Eindhoven", "ORG")]),              # a score line
    ("The train crossed the Razdolnaya River in Khabarovsk Krai.", [("Razdolnaya River", "LOC")],
     [("Razdolnaya River", "LOC"), ("Khabarovsk Krai", "LOC")]),                               # an admin unit
    ("Spanish world No. 3 Lucia Benitez, who won the event last year, welcomed it.", [],
     [("Lucia Benitez", "PERSON")]),                                                          # ", who"
    ("PSV Eindhoven, who won the league, sold him.", [], []),                                  # a club
    ("Marcus Webb studies birds. Webb says females listen.", [("Marcus Webb", "PERSON")],
     [("Marcus Webb", "PERSON"), ("Webb", "PERSON")]),                                        # a lone surname
    ("Marcus Webb studies birds on Webb Street.", [("Marcus Webb", "PERSON")], [("Marcus Webb", "PERSON")]),
])
def test_names_the_model_missed(gaz, body, spans, expected):
    assert mentions(gaz, body, *spans) == expected


def test_sign_off_lines_give_no_names(gaz):
    assert mentions(gaz, "-- London Newsroom +44 171 542 7658", ("London Newsroom", "ORG")) == []


# --- types ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("body", "spans", "expected"), [
    # the gazetteer: a country is a place whatever the model says
    ("Britain won the vote.", [("Britain", "PERSON")], [("Britain", "LOC")]),
    # a name and the minute of a goal is a scorer, whatever the model says of it
    ("Scorers: Ilie Lazar (32nd), Becanovic 79th", [("Ilie Lazar", "ORG"), ("Becanovic", "LOC")],
     [("Ilie Lazar", "PERSON"), ("Becanovic", "PERSON")]),
    # a numbered leaderboard row holds a player: no team's place in a standings row outvotes the model
    ("280 Tom Watson 70 70 68 72\n281 Nick Price 71 70 70 70", [("Tom Watson", "PERSON"), ("Nick Price", "PERSON")],
     [("Tom Watson", "PERSON"), ("Nick Price", "PERSON")]),
    # in a sports story a city is its club, unless after "in"
    ("Chicago beat Boston in the league match and the coach said the goals came late.",
     [("Chicago", "GPE"), ("Boston", "GPE")], [("Chicago", "ORG"), ("Boston", "ORG")]),
    ("The match in Chicago was a draw, the coach said of the league goals.", [("Chicago", "GPE")],
     [("Chicago", "LOC")]),
    ("Demonstrators marched in Chicago on Monday.", [("Chicago", "GPE")], [("Chicago", "LOC")]),
    # people: initials, "Name (Country)", "Name, role", "Name, age,"
    ("J. Murray won the final.", [("J. Murray", "ORG")], [("J. Murray", "PERSON")]),
    ("Sergi Bruguera (Spain) lost in the first round.", [("Sergi Bruguera", "ORG")],
     [("Sergi Bruguera", "PERSON"), ("Spain", "LOC")]),
    ("Pak Thae Song, chairman of the committee, attended.", [("Pak Thae Song", "ORG")],
     [("Pak Thae Song", "PERSON")]),
    ("Marcus Bell, 62, sat with his grandchildren.", [("Marcus Bell", "ORG")], [("Marcus Bell", "PERSON")]),
    # organizations: suffix, prefix, word before, acronym
    ("Shares in Deutsche Bank AG fell.", [("Deutsche Bank AG", "PERSON")], [("Deutsche Bank AG", "ORG")]),
    ("He joined Real Madrid last year.", [("Real Madrid", "PERSON")], [("Real Madrid", "ORG")]),
    ("The newspaper Hurriyet reported it.", [("Hurriyet", "GPE")], [("Hurriyet", "ORG")]),
    # places: suffix, "X region", "the city of X"
    ("The rocket lifted off from Baikonur Cosmodrome.", [("Baikonur Cosmodrome", "ORG")],
     [("Baikonur Cosmodrome", "LOC")]),
    ("Troops entered the Kursk region.", [("Kursk", "PERSON")], [("Kursk", "LOC")]),
    ("The Kurdish region voted.", [("Kurdish", "NORP")], []),                         # an adjective
    ("The ship docked in the port city of Tartus.", [("Tartus", "ORG")], [("Tartus", "LOC")]),
    # what the data knows
    ("The DPRK fired a missile.", [("DPRK", "ORG")], [("DPRK", "LOC")]),
    # competitions and nationalities are names, of no stored type
    ("He won the Australian Open.", [("the Australian Open", "EVENT")], []),
    ("Hindu groups protested.", [("Hindu", "NORP")], []),
    # words that are never names
    ("Attendance 12,000", [("Attendance", "ORG")], []),
])
def test_types(gaz, body, spans, expected):
    assert mentions(gaz, body, *spans) == expected


# --- identity within an article ---------------------------------------------------------------

def test_a_lone_surname_is_the_person_named_in_full(gaz):
    body = "Marcello Cuttitta scored twice. Cuttitta said he was happy."
    found = article_mentions(body, proposals(body, ("Marcello Cuttitta", "PERSON"), ("Cuttitta", "ORG")), gaz)
    resolve_in_article(found, gaz)
    assert [(m.name, m.type, m.ref) for m in found] == [
        ("Marcello Cuttitta", "PERSON", None), ("Cuttitta", "PERSON", "Marcello Cuttitta")]


def test_a_surname_written_with_an_honorific_makes_the_full_name_a_person(gaz):
    body = "Amicus curiae Meera Sethi disputed the figures. Ms. Sethi told the Bench."
    assert ("Meera Sethi", "PERSON") in mentions(gaz, body, ("Meera Sethi", "ORG"), ("Ms. Sethi", "PERSON"))


def test_mentions_of_one_name_agree_unless_their_own_evidence_says_otherwise(gaz):
    # a team in a score line, a place after "in": each keeps its own type
    body = "Baltimore 5 Seattle 3\nThe game in Baltimore drew 40,000 fans, the coach said of the league match."
    found = mentions(gaz, body, ("Baltimore", "GPE"), ("Seattle", "GPE"), ("Baltimore drew", "GPE"))
    assert ("Baltimore", "ORG") in found and ("Baltimore", "LOC") in found


def test_an_acronym_points_at_the_name_it_abbreviates(gaz):
    body = ("The Azerbaijan National Agency for Mine Action issued a warning. ANAMA said its teams would "
            "clear the area.")
    found = article_mentions(body, proposals(body, ("Azerbaijan National Agency for Mine Action", "ORG"),
                                             ("ANAMA", "ORG")), gaz)
    resolve_in_article(found, gaz)
    assert found[-1].ref == "Azerbaijan National Agency for Mine Action"


# --- across a batch ---------------------------------------------------------------------------

def test_a_name_found_in_one_article_is_found_again_in_another(gaz):
    bodies = ["Chinese developers met at the Zhongguancun Science Park on Wednesday.",
              "The fair took place at Zhongguancun Science Park, north of the city."]
    per = [article_mentions(bodies[0], proposals(bodies[0], ("the Zhongguancun Science Park", "FAC")), gaz),
           article_mentions(bodies[1], [], gaz)]
    propagate(list(zip(bodies, per)), gaz)
    assert [(m.name, m.type) for m in per[1]] == [("Zhongguancun Science Park", "LOC")]


def test_canonicalize_keeps_a_type_a_mention_has_its_own_evidence_for(gaz):
    """The batch votes for the place, but the team in a score line stays a club."""
    news = ["Demonstrators marched in Baltimore on Monday.", "Police in Baltimore said.", "Baltimore's mayor spoke."]
    sports = "Baltimore 5 Seattle 3"
    per = [article_mentions(b, proposals(b, ("Baltimore", "GPE")), gaz) for b in news]
    per.append(article_mentions(sports, proposals(sports, ("Baltimore", "GPE"), ("Seattle", "GPE")), gaz))
    for found in per:
        resolve_in_article(found, gaz)
    entities = canonicalize(per, gaz)
    assert {(e.canonical_name, e.entity_type) for e in entities} >= {("Baltimore", "LOC"), ("Baltimore", "ORG")}
    assert per[-1][0].type == "ORG" and per[0][0].type == "LOC"


def test_canonicalize_keeps_the_identity_an_earlier_run_gave(gaz):
    body = "Shoigu, the Russian defense minister, visited Pyongyang in July."
    found = article_mentions(body, proposals(body, ("Shoigu", "PERSON"), ("Pyongyang", "GPE")), gaz)
    resolve_in_article(found, gaz)
    canonicalize([found], gaz, existing=[("Sergei Shoigu", "PERSON", 3)])
    assert (found[0].canonical, found[0].type) == ("Sergei Shoigu", "PERSON")


def test_places_carry_coordinates(gaz):
    body = "Kim arrived in Vladivostok."
    found = article_mentions(body, proposals(body, ("Vladivostok", "GPE")), gaz)
    resolve_in_article(found, gaz)
    (place,) = canonicalize([found], gaz)
    assert place.country_code == "RU" and 43 < place.latitude < 44


def test_mentions_never_overlap_when_an_honorific_reaches_back_over_a_proposal():
    """page-copies shape: the model proposes "Dr." and "Oetker Gelatine"; the honorific of the second
    reaches back over the first. Two mentions at one offset once refused a whole batch."""
    body = "Wir haben Gelatine von Dr. Oetker Gelatine gekauft, sagte die Bäckerin."
    start = body.index("Dr.")
    spans = [(start, start + 3, "PERSON"), (start + 4, start + 19, "ORG")]
    found = article_mentions(body, spans, load_gazetteer())
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


@pytest.mark.parametrize(("body", "spans", "expected"), [
    # the pronoun that takes the name up says what it is
    ("Shipping group A.P. Moller-Maersk said it had rerouted two vessels to Antwerp.",
     [("A.P. Moller-Maersk", "PERSON"), ("Antwerp", "GPE")], ("A.P. Moller-Maersk", "ORG")),
    ("Growers shipped more bulbs, and chairman Pieter Bakker said he expected more.",
     [("Pieter Bakker", "ORG")], ("Pieter Bakker", "PERSON")),
    # a facility noun after the name, even with a word between: a place
    ("Loading stopped at the Maasvlakte container terminals on Wednesday.",
     [("Maasvlakte", "ORG")], ("Maasvlakte", "LOC")),
])
def test_context_types_a_name(gaz, body, spans, expected):
    assert expected in mentions(gaz, body, *spans)


def test_a_common_word_opening_a_sentence_is_no_name(gaz):
    """BBC shape: "Cranes stood idle ..." where the same story writes "remote-controlled cranes"."""
    body = "Cranes stood idle at the port on Wednesday.\nThe union says remote-controlled cranes threaten jobs."
    assert "Cranes" not in [s for s, t in mentions(gaz, body, ("Cranes", "ORG")) if t in ("PERSON", "ORG", "LOC")]


def test_an_organisation_acronym_is_found_again_across_the_batch(gaz):
    """Three reports of one strike: the model saw "FNV" in one of them only."""
    first, second = "The FNV union said the strike would last two days.", "The FNV trade union called the stoppage."
    found = [article_mentions(first, proposals(first, ("FNV", "ORG")), gaz), article_mentions(second, [], gaz)]
    propagate([(first, found[0]), (second, found[1])], gaz)
    assert [(second[m.start:m.end], m.type) for m in found[1]] == [("FNV", "ORG")]


# --- competitions and table headings ----------------------------------------------------------

@pytest.mark.parametrize(("body", "spans", "absent", "present"), [
    # in a sports story a league is a competition, whatever the model and its "League" suffix say
    ("Baltimore beat Seattle 5-3 to move within five games of the American League lead. Bonilla "
     "scored twice and the Orioles won their seventh game in nine.\nNew York 5 Boston 3\nTexas 4 Oakland 2\n",
     [("the American League", "ORG"), ("Bonilla", "PERSON")], "American League", ("Bonilla", "PERSON")),
    ("Results of games played on Wednesday:\nNATIONAL LEAGUE\nAtlanta 5 Montreal 3\nHouston 4 Chicago 2\n",
     [("NATIONAL LEAGUE", "ORG")], "NATIONAL LEAGUE", None),
    # outside sports a league is a party
    ("The Awami League of Sheikh Hasina called a general strike in Dhaka on Sunday.\n",
     [("The Awami League", "ORG"), ("Sheikh Hasina", "PERSON")], None, ("Awami League", "ORG")),
    # a table's heading of words that are never names is no name; in prose such words keep theirs
    ("EASTERN DIVISION\nW L PCT GB\nNEW YORK 72 53 .576 -\nBALTIMORE 67 58 .536 5\n",
     [("W L PCT GB", "ORG")], "W L PCT GB", None),
    ("Six months to July 31 (in thousands)\nNet Income 821 512 565 301\nEarnings Per Share 0.31 0.34 0.19 0.20\n",
     [("Net Income", "ORG")], "Net Income", None),
    ("Estimates (Dfl): EPS P / E Dividend\n1996 5.83 13.8 2.75\n", [("EPS", "ORG")], "EPS", None),
    ("Sweden's Per Nyman won the stage on Sunday.\n", [("Per Nyman", "PERSON")], None, ("Per Nyman", "PERSON")),
])
def test_competitions_and_table_headings_are_no_organisations(gaz, body, spans, absent, present):
    found = mentions(gaz, body, *spans)
    assert absent is None or absent not in [surface for surface, _ in found]
    assert present is None or present in found


# --- business figures ---------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "kind"), [
    ("Net Income 821 512 565 301", "money"),
    ("Shr (H.K. cents) 65.61 vs 63.87", "money"),
    ("Jul 31, Jul 31, Jul 31, Jul 31,", "table"),               # a heading of dates is no score line
    ("Celtic 4 3 1 0 9 2 10", "standings"),
    ("Pete Sampras (U.S.) vs. Adrian Voinea (Romania)", "pairs"),   # "vs" between names is no money
])
def test_figures_of_business_copy_are_money_lines(gaz, line, kind):
    assert read_body(line, gaz).lines[0].kind == kind


def test_a_table_of_figures_makes_no_sports_story(gaz):
    body = ("Six months ended July 31 (in thousands)\nSoftware Revenue 2,383 1,558 1,086 1,074\n"
            "Net Income 821 512 565 301\nEarnings Per Share 0.31 0.34 0.19 0.20")
    assert not read_body(body, gaz).sports


@pytest.mark.parametrize(("body", "spans", "expected"), [
    # a market's index row names its city, not a club
    ("Key indices:\nLONDON 3,907.5 +16.4 3,907.5 3,632.3\nPARIS 2,020.82 +3.06 2,146.79 1,897.85",
     [("LONDON", "GPE"), ("PARIS", "GPE")], [("LONDON", "LOC"), ("PARIS", "LOC")]),
    # a row of trading figures opens with the company
    ("Direct trades on the Prague Stock Exchange:\nSKODA PLZEN 1,440.00 1,460.00 2,100 3024.000\n"
     "KOMERCNI BANKA 2320.00 2370.00 7000 16408.700", [("Prague Stock Exchange", "ORG")],
     [("Prague Stock Exchange", "ORG"), ("SKODA PLZEN", "ORG"), ("KOMERCNI BANKA", "ORG")]),
])
def test_rows_of_business_figures(gaz, body, spans, expected):
    assert mentions(gaz, body, *spans) == expected
