"""Main content found, not whitelisted: pages copied as text, their chrome, and what must stay.

Short excerpts in the shapes of the development corpora (a browser copy of a news page, a German
municipal page, a Reuters results wire) and invented pages in other scripts.
"""
from __future__ import annotations

import pytest

from flows.parse.content import main_content, wrap_width
from flows.parse.plain_text import parse_article

NAV = ["Home", "News", "Politics", "Business", "Sport", "Sign in"]
FOOTER = ["Terms of Service", "Privacy Policy", "Contact us", "© 2025 Example Media"]
STORY = [
    "The city council approved a new budget on Tuesday after a debate that ran late into the night, officials said.",
    "The plan raises spending on buses and trains by a tenth and freezes the fees that residents pay for parking.",
    "Opponents said the council had not explained where the money would come from in the years ahead.",
]


def _kept(lines: list[str], language: str | None = "en") -> list[str]:
    return [lines[i] for i in main_content(lines, language)]


def test_a_story_between_navigation_and_footer_is_kept_and_the_chrome_is_not():
    assert _kept(NAV + STORY + FOOTER) == STORY


def test_a_clean_paste_is_kept_whole_with_its_results_table():
    """A wire's results list (reuters-train shape): no chrome around it, so nothing is cut."""
    results = ["Leading results in the 100 metres on Friday:", "1. Donovan Bailey (Canada) 9.84",
               "2. Frankie Fredericks (Namibia) 9.89", "3. Ato Boldon (Trinidad) 9.90"]
    assert _kept(results) == results


def test_a_table_inside_a_page_is_part_of_the_article():
    table = ["Team\tPlayed\tPoints", "Ajax\t4\t12", "PSV\t4\t10", "Feyenoord\t4\t7"]
    assert _kept(NAV + STORY[:2] + table + STORY[2:] + FOOTER) == STORY[:2] + table + STORY[2:]


def test_german_prose_is_found_with_the_german_stop_words():
    """A municipal page (page-copies shape): menus, then the text, then contact lines."""
    text = ["Die Stadt hat am Montag mit dem Bau der neuen Brücke über den Fluss begonnen, die im Herbst "
            "fertig sein soll.", "Nach Angaben der Verwaltung werden die Arbeiten rund zwei Millionen Euro "
            "kosten und den Verkehr nur wenig stören."]
    assert _kept(["Startseite", "Rathaus", "Bürgerservice", "Kontakt"] + text + ["Impressum", "Datenschutz"],
                 None) == text


def test_japanese_lines_without_stop_words_are_kept_by_their_sentence_marks():
    story = ["気象庁は28日、東京都心で桜が満開になったと発表しました。平年より5日早く、去年より3日早い満開となりました。",
             "都内の公園では、朝早くから多くの人が花見を楽しんでいました。"]
    assert _kept(["ホーム", "ニュース", "政治", "経済"] + story + ["利用規約", "プライバシーポリシー"], None) == story


def test_a_page_of_menus_alone_has_no_article():
    assert main_content(NAV + FOOTER, "en") == []


def test_hard_wrapped_text_is_recognised_by_its_width():
    wrapped = ["LONDON -- Stocks in Europe rose sharply on Tuesday after figures",
               "showed that inflation in the United States had cooled more than",
               "economists had expected, raising hopes that interest rates have",
               "peaked on both sides of the Atlantic and that the worst is over."]
    assert wrap_width(wrapped) is not None
    assert wrap_width(NAV + STORY) is None


@pytest.mark.parametrize("box", ["Related articles", "More on this topic", "Read more"])
def test_a_link_box_inside_the_story_goes_and_the_story_resumes(box):
    """Daily Mail and Straits Times shapes: a box of links between two paragraphs of the story."""
    page = "\n".join(["Council passes budget", "By Jane Doe"] + STORY[:2] + [box, "Mayor opens new library",
                     "Bus fares to rise in May"] + STORY[2:] + FOOTER)
    body = parse_article(page).body
    assert all(p in body for p in STORY)
    assert "Mayor opens new library" not in body and box not in body


def test_a_link_box_above_the_story_is_navigation_and_the_headline_below_it_stands():
    """WSJ shape: "Latest Headlines" in the page's menu, the headline further down."""
    page = "\n".join(["Latest Headlines", "More", "BUSINESS", "Home Insurers Are Quietly Leaving Mountain Towns",
                      "By Rachel Stein", "Aug. 12, 2024 5:30 am ET"] + STORY)
    article = parse_article(page)
    assert article.headline == "Home Insurers Are Quietly Leaving Mountain Towns"
    assert article.body.startswith(STORY[0])


def test_a_comment_form_ends_the_article():
    page = "\n".join(["Council passes budget"] + STORY + ["Leave a Reply", "Your email address will not be published.",
                                                          "Comment", "Name", "Email"])
    assert parse_article(page).body.endswith(STORY[-1])


def test_a_line_the_story_repeats_stays_and_a_caption_printed_twice_goes():
    """Schedules and recipes repeat their own lines; a page prints a photo's caption twice."""
    page = "\n".join(["Council sets winter opening hours for pools", "By Jane Doe", STORY[0],
                      "North pool:", "Monday: closed", "Tuesday to Friday: 7am to 9pm",
                      "South pool:", "Monday: closed", "Tuesday to Friday: 8am to 8pm",
                      "Swimmers at the north pool on a winter morning, before the new hours begin.",
                      "Swimmers at the north pool on a winter morning, before the new hours begin.", STORY[1]])
    article = parse_article(page)
    assert article.body.count("Monday: closed") == 2
    assert "Swimmers at the north pool" not in article.body
    assert article.captions == ["Swimmers at the north pool on a winter morning, before the new hours begin."]


@pytest.mark.parametrize("text", [
    "Quake hits Chile\nSANTIAGO 1996-08-22\nA magnitude 5.8 earthquake shook central Chile on Thursday.",
    "SOCCER - DUTCH RESULTS.\nAMSTERDAM 1996-08-22\nResults of Dutch league matches on Thursday:\n"
    "Ajax 2 PSV 1\nFeyenoord 0 Vitesse 0\nTwente 3 NAC 1",
])
def test_a_brief_and_a_results_table_are_articles(text):
    """reuters-train shapes: a one-sentence brief and a list of scores, whole."""
    body = parse_article(text).body
    assert body and all(line in body for line in text.split("\n")[2:])
