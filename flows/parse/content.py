"""Main-content extraction from page text copied out of a browser (no HTML available).

    main_content(lines, language=None) -> indices of the lines that hold the article, in order
                                          ([] = the page holds no article text)

The page is cut into blocks (one per line; a hard-wrapped paragraph is one block). Every block gets
features (words, stop-word density for the page's language, sentence punctuation, digits, tabs,
bullets, image placeholders, whether it repeats elsewhere on the page) and from them a class and a
weight: prose counts its words, furniture costs. The article is the densest contiguous run of blocks
(maximum-sum segment), plus further runs weighing at least 30% of it (an article cut in two by
a gallery or a teaser box). Inside it, link boxes, repeated lines and "Read more: <headline>" lines
are dropped. A paste with no furniture at all (no navigation run, no placeholder, no repeated line)
is kept whole. Korean, Japanese, Chinese, Thai: sentence punctuation stands in for stop words.
Each rule was kept only where it raised the body-snippet F1 on real page copies (docs: DEVELOPERS.md).
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import justext

from flows.parse.text import continues, wrap_width

# ============================================================================ named data
# --- block classes (jusText's thresholds, which are stated in characters and stop-word density)
LENGTH_LOW = 70            # shorter blocks are "short" unless they are sentences
LENGTH_HIGH = 200          # longer blocks with enough stop words are prose even without a full stop
STOP_DENSITY = 0.30        # jusText's stopwords_low: share of stop words in prose
NEAR_DENSITY = STOP_DENSITY / 2   # a long sentence with at least this density is near-prose (below: bad)
DATA_MAX_WORDS = 12        # a line with figures and at most this many words is a data row
DATA_NUM_SHARE = 0.3       # ... or one with 3+ figures making up this share of its words (results)

# --- weights, in words (a block's words are what it contributes as prose)
BLOCK_COST = 3.0           # every block costs this much: the text analogue of a tag
NEAR_GAIN = 0.5            # gain per word of near-prose (long, stop words, no sentence end)
BAD_COST = 0.5             # extra cost per word of long text without stop words (keyword lists)
IMAGE_COST = 1.0           # an image placeholder line
CHROME_COST = 5.0          # a repeated line or a copyright / credit / "a | b | c" line
TABLE_ROW = 0.5            # a data row inside a table (TABLE_MIN+ rows); single data rows weigh 0
TABLE_MIN = 3
TABLE_HEAD_WORDS = 6       # a heading between data rows has at most this many words
RUN_FREE, RUN_COST = 1, 3.0    # in a run of furniture blocks each one after the first costs RUN_COST more
TEASER_WORDS, TEASER_GAIN = 40, 0.5   # a short paragraph with no paragraph beside it counts half
SIDE_SHARE = 0.3           # a further run is kept when it weighs at least this share of the main one
SIDE_DEPTH = 3             # ... searched this many levels deep on either side
LINK_RUN = 3               # a run of this many furniture blocks inside the article is a link box

# --- a paste that is already clean (kept whole)
MENU_WORDS, MENU_RUN = 2, 3    # navigation: MENU_RUN lines in a row of <= MENU_WORDS words, no digits
CLEAN_DUPS = 2                 # repeated lines (3+ words, no digits) tolerated in a clean paste

LANG_SAMPLE = 1000         # characters of the wordiest blocks given to language identification

# --- patterns
BULLET_RE = re.compile(r"^\s*([•◦▪▫■□○●☆★►▸‣⁃·∙*]|[-–—](?=\s))\s*")
PLACEHOLDER_RE = re.compile(r"\[[^\[\]\n]{0,120}\]")         # [image], [logo], form fields [\t]
WORD_RE = re.compile(r"(?<!\S)(?=\S*?[^\W\d_])\S+")           # a token with a letter in it
NUM_RE = re.compile(r"\d+")
CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")  # scripts written without spaces
PUNCT = "\"'“”„‘’«»‹›()[]{}<>.,;:!?¡¿…–—-/\\|*•·#@%&+=~^_`"
SENT_END_RE = re.compile(r"[.!?…。！？।॥؟۔][\"'”’»)\]]*$")    # Latin, CJK, Indic danda, Arabic/Urdu
SENT_INNER_RE = re.compile(r"[.!?。！？।॥؟۔][\"'”’»)]*\s")
ITEM_RE = re.compile(r"^\s*(\d{1,3}[.)]\s|[a-z][.)]\s|.*[=;{}<>]|.*\w\(.*\))")  # numbered item, code
CHROME_MARK_RE = re.compile(r"©|\(c\)\s|\s\|\s")          # copyright, credits, "a | b | c" link rows
LABEL_LINK_RE = re.compile(r"^\W{0,3}[^\W\d_][^\s:]*(?:\s+[^\s:]+){0,3}\s*:\s+(?P<rest>\S.*)$")

# py3langid's codes -> jusText's stop-list names
ISO_TO_JUSTEXT = {
    "af": "Afrikaans", "sq": "Albanian", "ar": "Arabic", "an": "Aragonese", "hy": "Armenian", "az": "Azerbaijani",
    "eu": "Basque", "be": "Belarusian", "bn": "Bengali", "bs": "Bosnian", "br": "Breton", "bg": "Bulgarian",
    "ca": "Catalan", "cv": "Chuvash", "hr": "Croatian", "cs": "Czech", "da": "Danish", "nl": "Dutch",
    "en": "English", "eo": "Esperanto", "et": "Estonian", "fi": "Finnish", "fr": "French", "gl": "Galician",
    "ka": "Georgian", "de": "German", "el": "Greek", "gu": "Gujarati", "ht": "Haitian", "he": "Hebrew",
    "hi": "Hindi", "hu": "Hungarian", "is": "Icelandic", "io": "Ido", "ig": "Igbo", "id": "Indonesian",
    "ga": "Irish", "it": "Italian", "jv": "Javanese", "kn": "Kannada", "kk": "Kazakh", "ko": "Korean",
    "ku": "Kurdish", "ky": "Kyrgyz", "la": "Latin", "lv": "Latvian", "lt": "Lithuanian", "lb": "Luxembourgish",
    "mk": "Macedonian", "ms": "Malay", "ml": "Malayalam", "mt": "Maltese", "mr": "Marathi", "ne": "Nepali",
    "nb": "Norwegian_Bokmal", "no": "Norwegian_Bokmal", "nn": "Norwegian_Nynorsk", "oc": "Occitan",
    "fa": "Persian", "pl": "Polish", "pt": "Portuguese", "qu": "Quechua", "ro": "Romanian", "ru": "Russian",
    "sr": "Serbian", "sk": "Slovak", "sl": "Slovenian", "es": "Spanish", "sw": "Swahili", "sv": "Swedish",
    "tl": "Tagalog", "ta": "Tamil", "te": "Telugu", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu",
    "vi": "Vietnamese", "vo": "Volapuk", "wa": "Walloon", "cy": "Welsh", "fy": "West_Frisian", "yo": "Yoruba",
    "su": "Sundanese", "ceb": "Cebuano", "war": "Waray_Waray",
}

# Languages whose words carry their particles (Korean) or are not separated by spaces: jusText's
# list (Korean) or none (Japanese, Chinese) gives no stop-word density; sentence punctuation stands in.
NO_STOPLIST = {"ko", "korean", "ja", "zh", "yue", "wuu", "th", "lo", "km", "my"}

# ============================================================================ blocks and features
class Block:
    """Consecutive lines first..last (one line, or one hard-wrapped paragraph) and their features."""
    __slots__ = ("first", "last", "text", "bullet", "tabs", "images", "chars", "words", "nums", "tokens",
                 "sent_end", "sentences", "key", "dup", "density", "cls", "weight")

    def __init__(self, first: int, last: int, text: str):
        self.first, self.last, self.text = first, last, text


def segment(lines: list[str]) -> list[Block]:
    """One block per non-blank line, except that the lines of a hard-wrapped paragraph make one block."""
    width = wrap_width(lines)
    blocks: list[Block] = []
    joined = False
    for i, line in enumerate(lines):
        if not line.strip():
            joined = False
            continue
        if joined and not BULLET_RE.match(line):
            b = blocks[-1]
            b.last, b.text = i, b.text + " " + line.strip()
        else:
            blocks.append(Block(i, i, line))
        joined = continues(lines, i, width)
    return blocks


def features(b: Block) -> None:
    t = b.text
    m = BULLET_RE.match(t)
    b.bullet = bool(m)
    if m:
        t = t[m.end():]
    b.key = " ".join(t.split()).lower()  # what mark_duplicates compares
    if "[" in t:
        b.images = len(PLACEHOLDER_RE.findall(t))
        t = PLACEHOLDER_RE.sub(" ", t)
    else:
        b.images = 0
    t = t.strip()
    b.tabs = t.count("\t")
    b.chars = len(t)
    low = t.lower()
    if CJK_RE.search(t):  # no spaces between words: count two characters a word
        cjk = len(CJK_RE.findall(t))
        b.tokens = WORD_RE.findall(CJK_RE.sub(" ", low))
        b.words = len(b.tokens) + max(1, cjk // 2)
    else:
        b.tokens = WORD_RE.findall(low)
        b.words = len(b.tokens)
    b.nums = len(NUM_RE.findall(t)) if any(c.isdigit() for c in t) else 0
    b.sent_end = bool(SENT_END_RE.search(t))
    b.sentences = len(SENT_INNER_RE.findall(t)) + b.sent_end


def mark_duplicates(blocks: list[Block]) -> None:
    """A line whose text (bullet aside) occurs more than once on the page."""
    seen = Counter(b.key for b in blocks)
    for b in blocks:
        b.dup = len(b.key) > 1 and seen[b.key] > 1


@lru_cache(maxsize=None)
def stoplist(language: str | None) -> frozenset:
    """jusText's stop list for an ISO 639 code (or a jusText language name); empty when it has none
    or it is of no use (NO_STOPLIST)."""
    if not language or language.lower() in NO_STOPLIST:
        return frozenset()
    name = ISO_TO_JUSTEXT.get(language.lower(), language)
    try:
        return justext.get_stoplist(name)
    except (ValueError, KeyError):
        return frozenset()


def detect_language(blocks: list[Block]) -> str | None:
    """py3langid on the wordiest blocks (LANG_SAMPLE characters): the article, not the menus."""
    sample, n = [], 0
    for b in sorted(blocks, key=lambda b: -b.words):
        if n >= LANG_SAMPLE or not b.words:
            break
        sample.append(b.text)
        n += len(b.text)
    if n < 20:
        return None
    import py3langid
    return py3langid.classify("\n".join(sample))[0]


# ============================================================================ classes and weights
def is_prose(b: Block) -> bool:
    return b.density >= STOP_DENSITY and (b.sent_end or b.chars > LENGTH_HIGH) and b.words >= 2


def is_data(b: Block) -> bool:
    return bool(b.tabs or (b.nums and b.words <= DATA_MAX_WORDS)
                or (b.nums >= 3 and b.nums >= DATA_NUM_SHARE * b.words))


def is_marked(b: Block) -> bool:
    return CHROME_MARK_RE.search(b.text) is not None


# (test, class), first match wins
CLASSES = [
    (lambda b: b.chars == 0 and b.images > 0, "image"),         # only placeholders
    (lambda b: b.chars == 0, "bad"),                            # bullets or punctuation only
    (lambda b: b.dup or is_marked(b), "chrome"),                 # repeated line, ©, credits, a | b | c
    (is_prose, "good"),                                         # sentences with stop words
    (is_data, "data"),                                          # table cells, figures
    (lambda b: b.chars >= LENGTH_LOW and b.density >= STOP_DENSITY, "near"),
    (lambda b: b.chars >= LENGTH_LOW and b.sent_end
     and b.density >= NEAR_DENSITY, "near"),                  # a sentence with few stop words
    (lambda b: b.chars < LENGTH_LOW, "short"),                  # headings, menu items, buttons
    (lambda b: True, "bad"),                                    # long, few stop words: keyword lists
]

WEIGHTS = {
    "good": lambda b: b.words - BLOCK_COST,
    "near": lambda b: NEAR_GAIN * b.words - BLOCK_COST,
    "data": lambda b: 0.0,                                      # TABLE_ROW inside a table, see tables()
    "image": lambda b: -IMAGE_COST,
    "chrome": lambda b: -CHROME_COST,
    "short": lambda b: -BLOCK_COST,
    "bad": lambda b: -BLOCK_COST - BAD_COST * b.words,
}


def classify(b: Block, stops: frozenset) -> None:
    if stops:
        b.density = (sum(map(stops.__contains__, [w.strip(PUNCT) for w in b.tokens])) / b.words
                     if b.words else 0.0)
    else:  # no stop list for the language (Japanese, Chinese, ...): sentence punctuation stands in
        b.density = STOP_DENSITY if b.sentences else 0.0
    b.cls = next(c for test, c in CLASSES if test(b))
    b.weight = WEIGHTS[b.cls](b)


def tables(blocks: list[Block]) -> None:
    """Data rows weigh TABLE_ROW in a run of TABLE_MIN or more (a table, a list of figures). A short
    line between two data rows ("Men's singles", "CENTRAL DIVISION") is a heading inside the table:
    it weighs 0 and does not break the run, even when it repeats."""
    i, n = 0, len(blocks)
    while i < n:
        if blocks[i].cls != "data":
            i += 1
            continue
        j, rows, heads = i, 0, set()
        while j < n:
            b = blocks[j]
            if b.cls == "data":
                rows += 1
            elif b.words <= TABLE_HEAD_WORDS and not b.images and j + 1 < n and blocks[j + 1].cls == "data":
                heads.add(j)
            else:
                break
            j += 1
        if rows >= TABLE_MIN:
            for k in range(i, j):
                blocks[k].weight = 0.0 if k in heads else TABLE_ROW
        i = j


def run_penalty(blocks: list[Block]) -> None:
    """Furniture comes in runs (menus, footers, teaser lists); a single caption or ad line inside an
    article does not. Each furniture block after the first RUN_FREE of a run costs RUN_COST more."""
    run = 0
    for b in blocks:
        if b.weight <= 0:
            run += 1
            if run > RUN_FREE:
                b.weight -= RUN_COST
        else:
            run = 0


def teaser_discount(blocks: list[Block]) -> None:
    """A short paragraph with no paragraph on either side (a teaser's lead between its title and
    its date) counts TEASER_GAIN of its weight."""
    prose = [b.cls in ("good", "near") for b in blocks]
    for i, b in enumerate(blocks):
        if (prose[i] and b.weight > 0 and b.words < TEASER_WORDS
                and not (i and prose[i - 1]) and not (i + 1 < len(blocks) and prose[i + 1])):
            b.weight *= TEASER_GAIN


# ============================================================================ the article region
def best_run(weights: list[float]) -> tuple[int, int, float]:
    """Maximum-sum contiguous segment (Kadane): (first, last, sum); last < first when none is positive."""
    best, cur, start, lo, hi = 0.0, 0.0, 0, 0, -1
    for i, w in enumerate(weights):
        if cur <= 0:
            cur, start = w, i
        else:
            cur += w
        if cur > best:
            best, lo, hi = cur, start, i
    return lo, hi, best


def side_runs(blocks: list[Block], a0: int, a1: int, floor: float, depth: int) -> list[Block]:
    """Runs within blocks[a0:a1] weighing at least `floor`, found recursively on either side of the
    best one: the rest of an article cut by a large insert (gallery, product box, teaser box)."""
    if depth <= 0 or a1 <= a0:
        return []
    a, b, s = best_run([x.weight for x in blocks[a0:a1]])
    if b < a or s < floor:
        return []
    a, b = a0 + a, a0 + b
    return side_runs(blocks, a0, a, floor, depth - 1) + blocks[a:b + 1] + side_runs(blocks, b + 1, a1, floor, depth - 1)


def menu_like(b: Block) -> bool:
    return 0 < b.chars and b.words <= MENU_WORDS and not b.nums and not b.sent_end


def is_clean(blocks: list[Block]) -> bool:
    """No page furniture at all: no image placeholder, no run of MENU_RUN navigation-like lines, at
    most CLEAN_DUPS repeated lines of 3+ words. Such a paste is the article already."""
    if any(b.images for b in blocks):
        return False
    if sum(b.dup and b.words >= 3 and not b.nums for b in blocks) > CLEAN_DUPS:
        return False
    run = 0
    for b in blocks:
        run = run + 1 if menu_like(b) else 0
        if run >= MENU_RUN:
            return False
    return True


def drop_link_runs(region: list[Block]) -> list[Block]:
    """Inside the article, a run of LINK_RUN+ furniture blocks in a row that is neither a list (mostly
    bullets or numbered items) nor a table (mostly data rows) nor code is a link box, a share bar or
    a sign-up form: drop it."""
    out: list[Block] = []
    i, n = 0, len(region)
    while i < n:
        if region[i].weight > 0:
            out.append(region[i])
            i += 1
            continue
        j = i
        while j < n and region[j].weight <= 0:
            j += 1
        run = region[i:j]
        listy = 2 * sum(b.bullet or b.cls == "data" or bool(ITEM_RE.match(b.text)) for b in run) > len(run)
        if len(run) < LINK_RUN or listy:
            out += run
        i = j
    return out


def is_label_link(b: Block) -> bool:
    """'Read more: Some other headline' -- a label of up to 4 words, a colon, then a capitalised
    headline of 4+ words with no sentence punctuation and no figures."""
    m = LABEL_LINK_RE.match(b.text.strip())
    if not m:
        return False
    rest = m.group("rest")
    return (len(rest.split()) >= 4 and rest[0].isupper() and not SENT_END_RE.search(rest)
            and not SENT_INNER_RE.search(rest) and not NUM_RE.search(b.text))


# ============================================================================ entry point
def main_content(lines: list[str], language: str | None = None) -> list[int]:
    """Indices of the lines of `lines` that hold the article's main content, in order; [] when the page
    has no article text. `language`: ISO 639-1 code (or jusText name) if known; detected otherwise."""
    blocks = segment(lines)
    if not blocks:
        return []
    for b in blocks:
        features(b)
    if language is None:
        language = detect_language(blocks)
    stops = stoplist(language)
    mark_duplicates(blocks)
    for b in blocks:
        classify(b, stops)
    if is_clean(blocks):
        return [i for b in blocks if b.chars or b.images for i in range(b.first, b.last + 1)]
    tables(blocks)
    run_penalty(blocks)
    teaser_discount(blocks)

    lo, hi, score = best_run([b.weight for b in blocks])
    if hi < lo:
        return []
    region = blocks[lo:hi + 1]
    floor = SIDE_SHARE * score
    region = (side_runs(blocks, 0, lo, floor, SIDE_DEPTH) + region
              + side_runs(blocks, hi + 1, len(blocks), floor, SIDE_DEPTH))
    # a line the page repeats outside the article is chrome; one the article repeats (a schedule's
    # "Monday: closed", a recipe's step) is its own
    outside = Counter(b.key for b in blocks) - Counter(b.key for b in region)
    region = [b for b in drop_link_runs(region) if not (b.dup and outside[b.key]) and not is_label_link(b)]
    return [i for b in region for i in range(b.first, b.last + 1)]
