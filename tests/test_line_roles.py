"""Each line role, decided by the line's own text (LINE_ROLES), one row per shape; lines are short
excerpts of the dev corpora's real layouts or invented in the same shape."""
from __future__ import annotations

import pytest

from flows.parse.lexicon import lexicon
from flows.parse.line_roles import Para, classify
from flows.parse.outlets import load_outlets
from flows.parse.text import fold

ROLES = [
    # sign-offs and editorial notes
    ("Additional reporting by Zoe Mak", "signoff"),
    ("— With assistance from Kenji Watanabe", "signoff"),
    ("—Lucy Tran contributed to this article.", "signoff"),
    ("Dana Kiel contributed to this report.", "signoff"),
    ("Casert reported from Luxembourg.", "signoff"),
    ("Reporting by Giulia Ferraro; Editing by Keith Weir", "signoff"),
    ("The firm said its shares contributed to the report.", None),         # a sentence, not a credit
    ("Reporting from Ottawa", "dateline place"),
    ("(Updates with analyst comment in seventh paragraph.)", "editorial"),
    ("(ATTN: RECASTS headline, lead; UPDATES with details, photo, minor edits)", "editorial"),
    # copyright, captions and credits
    ("©2025 Bloomberg L.P. All Rights Reserved", "copyright"),
    ("Copyright NHK (Japan Broadcasting Corporation). All rights reserved.", "copyright"),
    ("Image caption: Protesters gathered outside the court on Friday", "caption"),
    ("Photo: Dredgers wait at the mouth of the harbour on Monday afternoon.", "caption"),
    ("Photo: Jo Fenwick", "photo credit"),
    ("Delia Marsh/NPR", "photo credit"),
    ("Marc Lavoie/The Canadian Press", "photo credit"),
    ("Illustration: Rae Kim/Axios", "photo credit"),
    ("Data: BloombergNEF; Chart: Axios Visuals", "photo credit"),
    ("Credit...Jamie Brooks for The New York Times", "photo credit"),
    ("Offshore wind turbines near Aberdeen, Scotland. Photographer: Ingrid Solberg/Bloomberg", "caption"),
    ("Sen. Karen Walsh speaks to reporters at the Capitol on March 11, 2025. | Eliza Hart/POLITICO", "caption"),
    ("A worker installs solar panels on a rooftop in Lahore. — Reuters/File", "caption"),
    ("Wheat growing in an experimental plot, April 2, 2025. (Eitan Shalev/Flash90)", "caption"),
    ("Farmers drive tractors on the A7 motorway near Lyon, France, on November 19, 2024. © Olivier Martel, AFP",
     "caption"),
    ("Protesters run from tear gas in central Nairobi on Wednesday [Thomas Mukoya/Reuters]", "caption"),
    ("[1/2] A view shows the logo of an energy company in Rome. REUTERS/Remo Casilli/File Photo", "caption"),
    ("The speed limit is 120 km/h on most motorways (80 km/h in towns).", None),   # a slash is no credit
    # wire credits
    ("(Yonhap)", "credit"),
    ("Source: Reuters/fh", "credit"),
    ("(FRANCE 24 with AFP)", "credit"),
    ("-- AP", "credit"),
    # furniture and controls
    ("Skip to main content", "boilerplate"),
    ("Listen to this article · 6:12 min Learn more", "control"),
    ("Share full article", "control"),
    ("4:12", "control"),
    ("Why you can trust SCMP", "control"),
    ("Sign up to our free Culture newsletter for the latest arts news, reviews and more", "boilerplate"),
    ("Join ST's Telegram channel and get the latest breaking news delivered to you.", "promo"),
    # stamps and datelines
    ("LONDON 1996-08-22", "dateline line"),
    ("MANCHESTER, England 1996-08-29", "dateline line"),
    ("Updated - March 14, 2025 10:34 pm IST - NEW DELHI", "stamp"),
    ("Jakarta   ●   Tue, September 10, 2024", "stamp"),
    ("CBC News · Posted: Mar 14, 2025 3:12 PM PDT | Last Updated: 4 minutes ago", "stamp"),
    ("TOI News Desk / TIMESOFINDIA.COM / Updated: Mar 12, 2025, 16:41 IST", "stamp"),
    ("KYODO NEWS - Mar 12, 2025 - 18:32 | Japan, All", "stamp"),
    ("Updated about 2 hours ago", "stamp"),
    ("Updated 4:35 p.m. ET", "stamp"),
    ("12 March 2025 · 4 min read", "stamp"),
    ("Appeared in the August 13, 2024, print edition as 'Insurers Flee Colorado Mountain Towns'.", "boilerplate"),
    # bylines
    ("By Hannah Okafor and Marcus Lindqvist", "byline"),
    ("BY YUKI ARAKAWA, BLOOMBERG", "byline"),
    ("WRITER: Anchalee Thongdee", "byline"),
    ("Author: Olena Marchenko", "byline"),
    ("Write to Rachel Stein at rachel.stein@wsj.com and Omar Haddad at omar.haddad@wsj.com", "byline"),
    ("By the time the vote was called, most members had left.", None),
    ("Text by:", "label"),
    ("News provided by", "label"),
    ("Edited by: Tetiana Hrytsenko", "editor"),
    ("(3rd LD) Kim, Putin begin rare talks at Vostochny spaceport", "tagged"),
    ("UPDATE 2-Kim, Putin discuss military matters at Russian spaceport", "tagged"),
    ("이민지", "native byline"),
    # the site
    ("POLITICO", "outlet"),
    ("Sky News - back to home", "outlet"),
    ("Democracy Dies in Darkness", "outlet"),              # a tagline
    ("BBC News, The Hague", "outlet"),
    ("Writer's pictureThe San Juan Daily Star", "outlet"),   # glued image text
    ("Nusantara", None),                                     # ends in an outlet's name, but is a word
    ("Ferry service resumes after storm | The Korea Herald", "page title"),
    # plain lines
    ("Nordvik Energy Agrees to Buy Scottish Wind Developer for $2.1 Billion", None),
    ("Delia Marsh", None),                                   # a name: its role depends on where it stands
]


@pytest.mark.parametrize(("line", "role"), ROLES, ids=[r[0][:40] for r in ROLES])
def test_line_role(line, role):
    para = Para(line, fold(line), 0)
    classify(para, lexicon(), load_outlets())
    assert para.role == role


@pytest.mark.parametrize(("line", "names", "outlets", "place"), [
    ("By MARTIN GREAVES FOR MAILONLINE", ["Martin Greaves"], ["Daily Mail"], None),
    ("By Lucia Ferrante  with AP", ["Lucia Ferrante"], ["Associated Press"], None),
    ("By Kim Ji-yoon (jykim@heraldcorp.com)", ["Kim Ji-yoon"], [], None),
    ("By Jane Doe, Staff Writer", ["Jane Doe"], [], None),
    ("By Jane Doe | Senior Correspondent", ["Jane Doe"], [], None),
    ("By Jane Doe in Paris", ["Jane Doe"], [], "Paris"),
    ("Posted by Helen Okoro on March 3, 2025 at 10:15 am", ["Helen Okoro"], [], None),
])
def test_byline_parts(line, names, outlets, place):
    para = Para(line, fold(line), 0)
    classify(para, lexicon(), load_outlets())
    assert para.role == "byline"
    assert (para.value.names, [o.name for o in para.value.outlets], para.value.place) == (names, outlets, place)
