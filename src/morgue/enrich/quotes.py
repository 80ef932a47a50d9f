"""What was said in an article, and who said it: direct quotations and indirect attributions.

Direct quotations are the stretches between quotation marks — curly or
straight, split around "he said", running over paragraphs (a paragraph
that opens a quotation and does not close it continues into the next one
that opens with a mark), or a few words inside a sentence ("asked Mr.
Medvedev to 'reconsider this irresponsible decision'"). A quotation of
fewer than three words with no speech verb beside it is a title or a
scare quote, not a quotation.

The speaker is found from the cue beside the quotation, in the order a
reader looks: the clause after it (", Mr. Peskov said", ", said Caddell",
" Figueroa told USA Today"), the clause before it ("He said:", "Trump says
he is making"), a paragraph that ends with "X said:" before it, and for a
quotation that goes on from the one before it, that one's speaker. A
pronoun stands for the latest person named before it; a short form
("Mr. Hu") for its full form (``entities.resolve``). What is left is
"unattributed".

Indirect attributions ("Mr. Volk said such a decision would …") are the
sentences in which a named person or a pronoun is the subject of a speech
verb with no quotation mark; marked ``direct=False``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from morgue.enrich.entities import ORGANISATION, PERSON, Mention

SPEECH_VERBS = (
    "said", "says", "say", "told", "tells", "tell", "added", "adds", "asked", "asks", "explained", "explains",
    "continued", "continues", "wrote", "writes", "stated", "states", "declared", "declares", "argued", "argues",
    "insisted", "insists", "noted", "notes", "warned", "warns", "claimed", "claims", "reported", "reports",
    "replied", "replies", "responded", "responds", "tweeted", "tweets", "announced", "announces",
    "acknowledged", "acknowledges", "admitted", "admits", "recalled", "recalls", "remarked", "suggested",
    "suggests", "concluded", "conceded", "quipped", "joked", "shouted", "yelled", "urged", "urges", "added",
    "complained", "complains", "predicted", "predicts", "promised", "promises", "vowed", "vows", "boasted",
    "observed", "pointed out", "went on", "goes on", "confirmed", "confirms", "denied", "denies", "repeated",
    "emphasized", "emphasised", "stressed", "stresses", "maintained", "cautioned", "agreed", "agrees",
    "countered", "counters", "recounted", "described", "describes", "mused", "sang", "sings", "began", "begins",
    "wondered", "chanted", "demanded", "demands", "commented", "comments", "yells", "scolded", "quoted", "announced", "informed", "testified", "texted", "posted", "wrote in", "told reporters",
)
_VERB = r"(?:" + "|".join(sorted({re.escape(v) for v in SPEECH_VERBS}, key=len, reverse=True)) + r")"
_PRONOUNS = {"he": "he", "she": "she", "they": "they", "him": "he", "her": "she", "it": "it", "we": "we", "i": "i"}
# A speaker phrase: a name, a pronoun, or a short noun phrase ("the president's spokeswoman", "a source").
_NP = r"(?:[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|bin|of|the))*|he|she|they|it|we|I|He|She|They|It|We|(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Mm]y|[Oo]ur|[Aa]nother|[Oo]ne)\s+[\w'’-]+(?:\s+[\w'’-]+){0,4}|[Ss]ources|[Oo]fficials|[Aa]nalysts|[Ee]xperts|[Ww]itnesses|[Ss]upporters|[Rr]esidents|[Cc]ritics)"
_ADVERB_WORDS = ("also", "later", "then", "once", "recently", "previously", "earlier", "again", "simply", "flatly",
                 "quietly", "repeatedly", "famously", "bluntly", "often", "further", "frequently", "always",
                 "reportedly", "publicly", "privately")
_ADVERB = r"(?:\s+(?:" + "|".join(_ADVERB_WORDS) + r"))?"
_INDIRECT = re.compile(r"(?P<np>" + _NP + r")" + _ADVERB + r"\s+(?P<verb>" + _VERB + r")\s+(?:that\s+)?(?P<clause>[^.!?\"“”]{12,})")

_OPEN, _CLOSE = "“", "”"
MIN_WORDS = 3  # fewer words between marks, with no speech verb beside them, is a title or a scare quote


@dataclass(frozen=True)
class Quote:
    """One quotation (or indirect attribution) in ``paragraphs[paragraph][start:end]``; a long one runs on to
    ``end_paragraph``."""

    paragraph: int
    start: int
    end: int
    text: str
    speaker: str = ""  # the speaker's full name in this article, or "" for unattributed
    speaker_kind: str = ""  # person / organisation / "" (a phrase such as "a source")
    cue: str = ""  # "said", "told reporters", "according to"
    direct: bool = True
    speaker_span: tuple[int, int, int] | None = None  # (paragraph, start, end) of the words naming the speaker
    end_paragraph: int | None = None

    def as_dict(self) -> dict:
        return {
            "paragraph": self.paragraph, "start": self.start, "end": self.end, "text": self.text,
            "speaker": self.speaker or None, "speaker_kind": self.speaker_kind or None, "cue": self.cue,
            "direct": self.direct, "end_paragraph": self.end_paragraph if self.end_paragraph is not None else self.paragraph,
        }


@dataclass
class _Stretch:
    paragraph: int
    start: int  # the opening mark
    end: int  # after the closing mark (or the paragraph's end)
    closed: bool


def _stretches(paragraph: int, text: str) -> list[_Stretch]:
    """The quoted stretches of one paragraph, marks included."""
    out: list[_Stretch] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == _OPEN or (ch == '"' and (i == 0 or not text[i - 1].isalnum())):
            # A quotation opened one way is often closed the other ("Oz has a huge bully pulpit,” said …):
            # the nearer closing mark that can close it ends it.
            closer = _CLOSE if ch == _OPEN else '"'
            j = text.find(closer, i + 1)
            other_close = text.find('"' if ch == _OPEN else _CLOSE, i + 1)
            if other_close != -1 and (j == -1 or other_close < j) and _closes(text, other_close):
                j = other_close
            if ch == _OPEN:
                other = text.find(_OPEN, i + 1)
                if other != -1 and (j == -1 or other < j):
                    j = -1 if j == -1 else j  # an unclosed quotation reopened: read to the next close
            if j == -1:
                out.append(_Stretch(paragraph, i, n, False))
                break
            out.append(_Stretch(paragraph, i, j + 1, True))
            i = j + 1
        elif ch == "‘" and (i == 0 or not text[i - 1].isalnum()) and '"' not in text and _OPEN not in text:
            j = text.find("’", i + 1)
            while j != -1 and j + 1 < n and text[j + 1].isalpha():
                j = text.find("’", j + 1)  # an apostrophe (don’t), not the close
            if j == -1:
                break
            out.append(_Stretch(paragraph, i, j + 1, True))
            i = j + 1
        else:
            i += 1
    return out


def _closes(text: str, at: int) -> bool:
    """Return True if the quotation mark at ``at`` can close a quotation: after the quoted words, not before."""
    after = text[at + 1: at + 2]
    return at > 0 and not text[at - 1].isspace() and (not after or not after.isalnum())


def _title_case(text: str) -> bool:
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    return bool(words) and all(w[0].isupper() for w in words)


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


@dataclass(frozen=True)
class _Cue:
    speaker: str
    kind: str
    span: tuple[int, int, int]
    verb: str


# "The letter reads", "the article read": a text quoted by what it says (not in SPEECH_VERBS: "he read that…"
# is no reported speech).
_VERB_RE = re.compile(r"\b(?P<verb>" + _VERB + r"|[Aa]ccording to|[Ss]aid|saying|asking|telling|adding|writing|tweeting|"
                      r"chanting|singing|shouting|reads|read)\b")
# Between an inverted "said" and the name, a short description: "said 9/11 widow Terry Strada".
_DESCRIPTION = re.compile(r"^(?:by\s+)?(?:[\w/'’-]+\s+){0,4}$")
_NAME_RUN = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,4}")
_DASH = re.compile(r"^\s*[―—–]+\s*")
_PHRASE_BEFORE = re.compile(r"(?P<np>" + _NP + r")" + _ADVERB + r"\s*$")
_PHRASE_AFTER = re.compile(r"^\s*(?:by\s+)?(?P<np>" + _NP + r")")
_SENTENCE_END = re.compile(r"(?<![A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bJr)(?<!\bSr)(?<!\bRep)(?<!\bSen)"
                           r"(?<!\bGov)(?<!\bGen)(?<!\bMrs)[.!?](?=\s+[A-Z“\"])")


def _named(mentions: Sequence[Mention], lo: int, hi: int) -> list[Mention]:
    return [m for m in mentions if lo <= m.start and m.end <= hi and m.kind in (PERSON, ORGANISATION)]


def _nearest(candidates: Sequence[Mention], to: int) -> Mention | None:
    people = [m for m in candidates if m.kind == PERSON] or list(candidates)
    return min(people, key=lambda m: min(abs(m.end - to), abs(m.start - to))) if people else None


def _from_mention(m: Mention, paragraph: int, verb: str) -> _Cue:
    return _Cue(m.name or m.text, m.kind, (paragraph, m.start, m.end), verb)


def _from_phrase(match: re.Match, offset: int, paragraph: int, verb: str) -> _Cue:
    phrase = match.group("np")
    words = phrase.split()
    while len(words) > 1 and words[-1].lower() in _ADVERB_WORDS:  # "my father often" said: "my father"
        words.pop()
    if len(words) < len(phrase.split()):
        phrase = phrase[: phrase.rindex(words[-1]) + len(words[-1])]
    start = match.start("np") + offset
    return _Cue(phrase, "", (paragraph, start, start + len(phrase)), verb)


def _cue_after(text: str, lo: int, hi: int, paragraph: int, mentions: Sequence[Mention]) -> _Cue | None:
    """The speaker named in the clause after a quotation: ", Mr. Peskov said", ", said Caddell", " ― Jorge Falcon"."""
    window = text[lo:hi]
    stop = _SENTENCE_END.search(window)
    if stop:
        window = window[: stop.start()]
    dash = _DASH.match(window)
    if dash:
        named = _named(mentions, lo, lo + len(window))
        if named:
            return _from_mention(named[0], paragraph, "")
        name = _NAME_RUN.match(window, dash.end())
        if name:
            return _Cue(name.group(0), PERSON, (paragraph, lo + name.start(), lo + name.end()), "")
    verb = _VERB_RE.search(window[:110])
    if not verb:
        return None
    at = lo + verb.start()
    named = _named(mentions, lo, at)
    if named:
        return _from_mention(_nearest(named, at), paragraph, verb.group("verb"))
    phrase = _PHRASE_BEFORE.search(window[: verb.start()])
    if phrase and len(phrase.group("np").split()) <= 6 and window[: phrase.start()].strip(" ,—–-") == "":
        named = _named(mentions, lo + phrase.start("np"), lo + phrase.end("np"))
        return _from_mention(named[0], paragraph, verb.group("verb")) if named else _from_phrase(phrase, lo, paragraph, verb.group("verb"))
    rest_at = lo + verb.end()
    named = _named(mentions, rest_at, rest_at + 80)
    if named and _DESCRIPTION.match(text[rest_at: named[0].start].strip(" ,") + " ") \
            and window[: verb.start()].strip(" ,—–-") == "":
        return _from_mention(named[0], paragraph, verb.group("verb"))
    phrase = _PHRASE_AFTER.match(window[verb.end():])
    if phrase and window[: verb.start()].strip(" ,—–-") == "":
        return _from_phrase(phrase, rest_at, paragraph, verb.group("verb"))
    return None


def _cue_before(text: str, lo: int, hi: int, paragraph: int, mentions: Sequence[Mention]) -> _Cue | None:
    """The speaker named in the clause before a quotation: "He said:", "Mr. Brinkley recalled, …"."""
    window = text[lo:hi]
    ends = list(_SENTENCE_END.finditer(window))
    base = lo + (ends[-1].end() if ends else 0)
    window = text[base:hi]
    verbs = list(_VERB_RE.finditer(window))
    if not verbs:
        return None
    verb = verbs[-1]
    at = base + verb.start()
    if verb.group("verb") in ("according to", "According to", "Said"):  # "According to Limbaugh, “…", "Said Ellis: “…"
        named = _named(mentions, base + verb.end(), hi)
        if named:
            return _from_mention(named[0], paragraph, verb.group("verb").lower())
    named = _named(mentions, base, at)
    if named:
        return _from_mention(_nearest(named, at), paragraph, verb.group("verb"))
    phrase = _PHRASE_BEFORE.search(window[: verb.start()])
    if phrase:
        return _from_phrase(phrase, base, paragraph, verb.group("verb"))
    return None


def find_quotes(paragraphs: Sequence[str], mentions: Sequence[Mention]) -> list[Quote]:
    """Return the article's quotations and indirect attributions, in reading order, with their speakers."""
    by_paragraph: dict[int, list[Mention]] = {}
    for m in mentions:
        by_paragraph.setdefault(m.paragraph, []).append(m)
    quotes: list[Quote] = []
    pending: _Stretch | None = None  # a quotation still open at the end of the previous paragraph
    for index, text in enumerate(paragraphs):
        stretches = _stretches(index, text)
        here = by_paragraph.get(index, [])
        previous_speaker: Quote | None = None
        was_open, pending = pending is not None, (stretches[-1] if stretches and not stretches[-1].closed else None)
        for s_index, stretch in enumerate(stretches):
            inner = text[stretch.start + 1: stretch.end - (1 if stretch.closed else 0)]
            continuing = quotes[-1] if was_open and s_index == 0 and stretch.start == 0 and quotes else None
            next_start = stretches[s_index + 1].start if s_index + 1 < len(stretches) else len(text)
            prev_end = stretches[s_index - 1].end if s_index else 0
            cue = (_cue_after(text, stretch.end, min(next_start, stretch.end + 200), index, here)
                   or _cue_before(text, max(prev_end, stretch.start - 200), stretch.start, index, here))
            if cue is None and index > 0 and stretch.start == 0 and continuing is None:
                lead = paragraphs[index - 1].rstrip()
                if lead.endswith(":"):
                    cue = _cue_before(lead, max(0, len(lead) - 200), len(lead), index - 1, by_paragraph.get(index - 1, []))
            if _words(inner) < MIN_WORDS and (cue is None or _title_case(inner)):
                continue  # a title ("American Skin") or a scare quote
            if cue is None:
                source = previous_speaker or continuing
                if source is not None and source.speaker_span is not None:
                    cue = _Cue(source.speaker, source.speaker_kind, source.speaker_span, source.cue)
            speaker, kind, span, verb = (cue.speaker, cue.kind, cue.span, cue.verb) if cue else ("", "", None, "")
            if span is not None and speaker.lower() in _PRONOUNS:
                resolved = _latest_person(mentions, span)
                speaker, kind = (resolved.name or resolved.text, PERSON) if resolved is not None else ("", "")
            quote = Quote(index, stretch.start, stretch.end, text[stretch.start: stretch.end], speaker, kind, verb,
                          True, span)
            quotes.append(quote)
            if speaker:
                previous_speaker = quote
        quotes.extend(_indirect(index, text, stretches, here, mentions))
    return sorted(quotes, key=lambda q: (q.paragraph, q.start))


def _latest_person(mentions: Sequence[Mention], span: tuple[int, int, int]) -> Mention | None:
    paragraph, start, _ = span
    best = None
    for m in mentions:
        if m.kind != PERSON:
            continue
        if (m.paragraph, m.start) < (paragraph, start):
            best = m
        else:
            break
    return best


def _indirect(index: int, text: str, stretches: Sequence[_Stretch], here: Sequence[Mention],
              mentions: Sequence[Mention]) -> list[Quote]:
    if stretches:
        return []
    out = []
    for m in _INDIRECT.finditer(text):
        named = _named(here, m.start("np"), m.end("np"))
        if named:
            speaker, kind, span = named[-1].name or named[-1].text, named[-1].kind, (index, named[-1].start, named[-1].end)
        else:
            speaker, kind, span = m.group("np"), "", (index, m.start("np"), m.end("np"))
        if kind != PERSON and speaker.lower() not in _PRONOUNS:
            continue
        if speaker.lower() in _PRONOUNS:
            resolved = _latest_person(mentions, span)
            if resolved is None:
                continue
            speaker, kind = resolved.name or resolved.text, PERSON
        out.append(Quote(index, m.start("clause"), m.end("clause"), m.group("clause"), speaker, kind,
                         m.group("verb"), False, span))
    return out
