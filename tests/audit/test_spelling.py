"""Misspellings against the archive's vocabulary, and languages without a dictionary."""

import pytest

from morgue.audit import AuditContext, Vocabulary, find_defects

from .helpers import article, of_kind, span


@pytest.mark.parametrize("text, word, suggestion", [
    ("Ministers said the goverment in Moscow would respond.", "goverment", "government"),
    ("Officials said teh agreement was signed.", "teh", "the"),
    ("Ministers in Britian said the agreement was signed.", "Britian", "Britain"),
])
def test_misspelling_found_with_suggestion(context, text, word, suggestion):
    art = article(text)
    [defect] = of_kind(find_defects(art, context), "misspelling")
    assert (span(art, defect), defect.suggestion, defect.severity) == (word, suggestion, "low")
    assert not defect.is_safe_fix


def test_names_the_archive_knows_are_not_misspellings(context):
    art = article("Kremlin spokesman Dmitry Peskov said the talks in Dushanbe ended.")
    assert of_kind(find_defects(art, context), "misspelling") == []


def test_name_unknown_to_archive_but_far_from_any_word_is_not_flagged(context):
    art = article("The envoy Zhumabekov met officials in Khujand on Monday.")
    assert of_kind(find_defects(art, context), "misspelling") == []


def test_repeated_unknown_word_is_the_writers_choice(context):
    art = article("The goverment said so.", "The goverment denied it.")
    assert of_kind(find_defects(art, context), "misspelling") == []


def test_british_spellings_are_not_misspellings(context):
    art = article("The organisation said the colour of the centre was a defence of the programme.")
    assert of_kind(find_defects(art, context), "misspelling") == []


def test_a_word_common_in_the_archive_is_its_own():
    vocabulary = Vocabulary.from_texts([["Revenue rose 5 mln dlrs, the company said."]] * 10)
    art = article("Revenue rose 7 mln dlrs in the year.")
    assert of_kind(find_defects(art, AuditContext(vocabulary=vocabulary)), "misspelling") == []


def test_vocabulary_merge_and_round_trip(vocabulary):
    merged = vocabulary.merge(Vocabulary.from_texts([["Peskov spoke."]]))
    assert merged.count("peskov") == vocabulary.count("Peskov") + 1
    assert merged.articles == vocabulary.articles + 1
    assert Vocabulary.from_dict(merged.to_dict()).to_dict() == merged.to_dict()
    assert vocabulary.is_name("Dushanbe") and not vocabulary.is_name("government")


@pytest.mark.parametrize("body, headline", [
    ("Песков заявил, что переговоры в Душанбе завершились во вторник. Правительство ответит.", "Переговоры"),
    ("克里姆林宫发言人佩斯科夫说，杜尚别的会谈于周二结束。", "会谈结束"),
    ("قال المتحدث باسم الكرملين إن المحادثات في دوشانبي انتهت يوم الثلاثاء.", "انتهاء المحادثات"),
    ("Le porte-parole du Kremlin a dit que les négociations de Douchanbé sont terminées et que le gouvernement "
     "va répondre à la question de la Russie.", "Les négociations"),
])
def test_other_languages_get_info_instead_of_misspellings(context, body, headline):
    defects = find_defects(article(body, headline=headline), context)
    assert of_kind(defects, "misspelling") == []
    [info] = of_kind(defects, "spelling-not-checked")
    assert (info.severity, info.explanation) == ("info", "no dictionary for this language")


def test_declared_language_is_believed(context):
    defects = find_defects(article("Die goverment hat gesagt.", language="de"), context)
    assert of_kind(defects, "misspelling") == [] and of_kind(defects, "spelling-not-checked")


def test_english_text_is_checked_without_info(context):
    assert of_kind(find_defects(article("The talks in Dushanbe ended."), context), "spelling-not-checked") == []


# An archive of a savings bank's news: "institution" is an ordinary word it
# also writes in names ("Pamir Savings Institution"); "order" is in every
# other story; "learnt" is rare.
_BANK_NEWS = (
    [["The institution said the order for new branches was placed on Monday."]] * 12
    + [["Pamir Savings Institution said the order was filled."]] * 6
    + [["Shareholders of Pamir Savings Institution approved the order."]] * 3
    + [["Dushanbe Mutual said profits rose after the results were published."]] * 50
    + [["The chairman learnt of the results on Monday."]] * 1
)


@pytest.fixture
def bank():
    return AuditContext(vocabulary=Vocabulary.from_texts(_BANK_NEWS))


@pytest.mark.parametrize("text, word, suggestion", [
    # a doubled letter before a plain "s" derives nothing: "talkss" is "talks" mistyped
    ("Shareholders said the talkss on the results ended.", "talkss", "talks"),
    # a long capitalised word with a letter too many or too few, corrected to an ordinary word
    ("Shareholders of Pamir Savings Instiitution said profits rose.", "Instiitution", "Institution"),
    ("Shareholders of Pamir Savings Intitution said profits rose.", "Intitution", "Institution"),
    # a short word that lost a letter, corrected to a word the archive uses in every other story
    ("The chairman said the ordr was placed.", "ordr", "order"),
])
def test_misspelling_by_a_letter_too_many_or_too_few(bank, text, word, suggestion):
    art = article(text)
    [defect] = of_kind(find_defects(art, bank), "misspelling")
    assert (span(art, defect), defect.suggestion) == (word, suggestion)


@pytest.mark.parametrize("text", [
    "The fund is run by Banca Pamir Institutiona of Milan.",  # a name in another language: one letter at the end
    "The chairman leant on the results.",  # "learnt" is too rare in this archive to be what a short word lost
    "The results were planned and published.",  # "planned" doubles its consonant by rule
])
def test_words_a_letter_away_that_are_not_misspellings(bank, text):
    assert of_kind(find_defects(article(text), bank), "misspelling") == []


def test_doubled_consonants_follow_the_english_rule():
    from morgue.audit.dictionary import english_lexicon

    lexicon = english_lexicon()
    assert lexicon.derives("stopping") and lexicon.derives("travelled")
    assert not lexicon.derives("reachhed") and not lexicon.derives("franccs") and not lexicon.derives("housess")


def test_the_second_half_of_a_hyphenated_compound_is_not_a_word_of_its_own(bank):
    assert of_kind(find_defects(article("The chairman pre-empted the results of the order."), bank), "misspelling") == []
    [defect] = of_kind(find_defects(article("The chairman said the ordr was pre-paid."), bank), "misspelling")
    assert defect.suggestion == "order"


def test_an_ending_derives_a_word_only_as_english_forms_it():
    from morgue.audit.dictionary import english_lexicon

    lexicon = english_lexicon()
    for derived in ("baked", "hoped", "making", "completely", "loves", "rebranding"):
        assert lexicon.derives(derived), derived
    # "-d" follows an e; "-s", "-d", "-ly" never drop one: these are slips, not derivations.
    for slip in ("backd", "guidd", "continus", "aford"):
        assert not lexicon.derives(slip), slip


def test_a_name_that_is_also_an_ordinary_word_corrects_a_lower_case_slip():
    texts = ([["Delegates at the United Nations met in New York, officials said."]] * 40
             + [["Leaders of several nations agreed to meet again next year."]] * 25
             + [["The German minister said the talks went well."]] * 40)
    context = AuditContext(vocabulary=Vocabulary.from_texts(texts))
    slip = article("Leaders of the nayions agreed to talk again.")
    found = of_kind(find_defects(slip, context), "misspelling")
    assert [d.suggestion for d in found] == ["nations"]
    # A name the archive writes only with a capital is no correction for a lower-case word.
    assert of_kind(find_defects(article("The berman said the talks went well."), context), "misspelling") == []


def test_stated_english_is_checked_even_in_a_table_of_figures(bank):
    table = article("Shr 22 cts vs 19 cts\nNet 1.2 mln vs 900,000\nRevs 31.4 mln vs 31.6 mln\n"
                    "Avg shrs 5,254,000 vs 3,821,000\nNOTE: 1986 reuslts include a gain of 145,000 dlrs", language="en")
    assert [d.suggestion for d in of_kind(find_defects(table, bank), "misspelling")] == ["results"]
    unstated = article("Shr 22 cts vs 19 cts\nNet 1.2 mln vs 900,000\nRevs 31.4 mln vs 31.6 mln\n"
                       "Avg shrs 5,254,000 vs 3,821,000\nNOTE: 1986 reuslts include a gain of 145,000 dlrs")
    assert of_kind(find_defects(unstated, bank), "spelling-not-checked")  # a table, and nobody said English


def test_a_list_of_names_and_a_tables_labels_are_not_corrected(bank):
    deporting = AuditContext(vocabulary=Vocabulary.from_texts(list(_BANK_NEWS) + [["They will deport him, officials said."]] * 8))
    sheet = article("Ireland named the side on Tuesday.\n\nDelport; Pieters, Rasmussen, Lombard, O'Leary.", language="en")
    assert of_kind(find_defects(sheet, deporting), "misspelling") == []
    opening = article("Ireland named the side on Tuesday.\n\nDelport him, officials said on Monday.", language="en")
    assert [d.suggestion for d in of_kind(find_defects(opening, deporting), "misspelling")] == ["Deport"]
    labels = article("Matched sales..............4,920 vs......3,788 Including sales with cust..4,369", language="en")
    assert of_kind(find_defects(labels, bank), "misspelling") == []


# A wire desk's archive: "result", "board", "shares" and "Commission" in story after story; a rare long word
# ("unintentional"); a typo the wire repeated in a few stories ("baord"); its own "-isation" spellings.
_WIRE_NEWS = (
    [["The board said the result of the sale of shares was announced, officials said."]] * 350
    + [["Officials of the European Commission said the sale was unintentional."]] * 40
    + [["The baord said the sale would go ahead."]] * 3
    + [["The securitisation of loans rose, officials said."]] * 6
    + [["The clamping of the board was cited in a grassroots campaign."]] * 1
)


@pytest.fixture
def wire():
    return AuditContext(vocabulary=Vocabulary.from_texts(_WIRE_NEWS))


@pytest.mark.parametrize("text, word, suggestion", [
    # two letters swapped into what reads as a prefix and a stem ("re" + "slut"): "result" is the archive's word
    ("Officials said the reslut of the sale was announced.", "reslut", "result"),
    # a long word a letter from a real word, however rare that word in English and in the archive
    ("Officials said the error was unintentionsl.", "unintentionsl", "unintentional"),
    ("Officials criticised the clamipng of the board.", "clamipng", "clamping"),
    # a slip the wire repeated in a few stories is still a slip beside a word printed a hundred times as often
    ("The baord said the sale was announced.", "baord", "board"),
    # a letter typed twice in a name
    ("Officials of the European Commmission said the sale was announced.", "Commmission", "Commission"),
])
def test_slips_a_wire_archive_makes(wire, text, word, suggestion):
    art = article(text)
    [defect] = of_kind(find_defects(art, wire), "misspelling")
    assert (span(art, defect), defect.suggestion) == (word, suggestion)


@pytest.mark.parametrize("text", [
    "The securitization of loans rose, officials said.",  # the American spelling of the archive's word
    "Officials said the grassroot campaign of the board was announced.",  # two words written as one
    "The flautist said the result was announced.",  # a real word one letter from another: no letter typed twice
])
def test_long_words_that_are_no_slips(wire, text):
    assert of_kind(find_defects(article(text), wire), "misspelling") == []


def test_a_stem_names_the_word_a_derivation_comes_from():
    from morgue.audit.dictionary import english_lexicon

    lexicon = english_lexicon()
    assert (lexicon.stem_of("rebranding"), lexicon.stem_of("planned"), lexicon.stem_of("baked")) == ("brand", "plan", "bake")
    assert lexicon.stem_of("backd") is None and lexicon.stem_of("returnd") is None
