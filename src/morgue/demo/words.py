"""Word lists for the demo archive: fictional people, places, organisations.

Everything here is invented. A few accented names and typographic apostrophes
are there on purpose: without non-ASCII text, mojibake could not be planted.
Real big cities appear only as places a story can mention.
"""

from __future__ import annotations

FIRST_NAMES = (
    "Alice", "Tom", "Priya", "Marcus", "Elena", "David", "Sofia", "James", "Amara",
    "Henrik", "Grace", "Omar", "Lucy", "Daniel", "Mei", "Patrick", "Hannah", "Samuel",
    "Fatima", "George", "Isla", "Victor", "Nadia", "Peter", "Chloé", "Rafael", "Ingrid",
    "Kwame", "Ruth", "Stefan", "Zoë", "Arthur", "Leila", "Brendan", "Yuki", "Carmen",
    "Walter", "Aoife", "Dmitri", "Helen", "José", "Margaret", "Tariq", "Beatrice",
    "Emil", "Renée", "Harold", "Siobhan", "Luis", "Agnes", "Søren", "Diana", "Felix",
    "Imogen", "Kofi", "Rosa", "Leonard", "Freya", "Ahmed", "Nora", "Björn", "Edith",
    "Gabriel", "Maeve", "Ravi", "Clara", "Hugo", "Wanjiru", "Oscar", "Siân", "Frank",
    "Teresa", "Jonah", "Ada", "Malik", "Vera", "Cormac", "Lena", "Bernard", "Ines",
)

SURNAMES = (
    "Brandt", "Okafor", "Natarajan", "Whitlock", "Ferreira", "Holloway", "Lindqvist",
    "Mbeki", "Castellano", "Pryce", "Donnelly", "Haddad", "Vance", "Kowalski", "Achebe",
    "Thornbury", "Nakamura", "O’Brien", "Delacroix", "Ashworth", "Mendel", "Quinlan",
    "Szabo", "Ellery", "Rahman", "Fairbanks", "Müller", "Oyelaran", "Greaves", "Marchetti",
    "Halvorsen", "Cavendish", "Petrakis", "Duval", "Kincaid", "Amadi", "Wexford",
    "Lindgren", "Barros", "Strand", "McAllister", "Iyer", "Novak", "Treadwell", "Zhou",
    "Galloway", "Sandoval", "Hartigan", "Björk", "Oduya", "Pemberton", "Rossi",
    "Abernathy", "Dunmore", "Kaur", "Renwick", "Fontaine", "Tierney", "Osei", "Calloway",
    "Verhoeven", "Marsh", "Ibáñez", "Crowther", "Adeyemi", "Lachance", "Sutcliffe",
    "D’Angelo", "Hale", "Moreau", "Bellamy", "Nyström", "Okonkwo", "Radcliffe", "Soto",
    "Winslow", "Farrukh", "Gallagher", "Ekström", "Maddox",
)

# Fictional towns of the three papers' regions; capitals are what a dateline shows.
TOWNS = (
    "Northfield", "Harbour Point", "Ashby Vale", "Kestrel Bay", "Millbrook", "Stonebridge",
    "Eastwick Falls", "Larchmont", "Greyhaven", "Oldcastle", "Brierley", "Fenwick",
    "Port Alder", "Ravensmoor", "Whitmore", "Copperton", "Elmstead", "Saltmarsh",
    "Thornhill", "Willowdene", "Cedar Crossing", "Marlow Heath", "Dunmere", "Hollins",
)
CITIES = ("London", "New York", "Paris", "Tokyo", "Berlin", "Chicago", "Toronto",
          "Sydney", "Madrid", "Rome", "Nairobi", "Mumbai", "São Paulo", "Stockholm")
STREETS = ("Mill Lane", "High Street", "Quay Road", "Station Road", "Orchard Way",
           "Church Street", "Bridge Street", "Harbour Road", "Elm Avenue", "Market Square",
           "Kingsway", "Foundry Row", "Canal Street", "Victoria Road", "Park Crescent")

COMPANIES = (
    "Hale & Sons", "Marks & Dunmore", "Kestrel Foods", "Northgate Logistics", "Alder Steel",
    "Brightwater Energy", "Copperton Mining", "Fenwick Textiles", "Vale Motors",
    "Greyhaven Shipping", "Stonebridge Bank", "Larch & Pryce", "Orbis Telecom",
    "Meridian Paper", "Thornhill Brewing", "Saltmarsh Salt Co.", "Elmstead Pharmaceuticals",
    "Ravensmoor Glass", "Willow & Finch", "Harbour Point Ferries", "Dunmere Dairies",
    "Castellano Construction", "Oldcastle Insurance", "Whitmore Electronics",
)
COUNCILS = ("the town council", "the county council", "the harbour board",
            "the planning committee", "the transport authority", "the school board")
PARTIES = ("the Civic Party", "the Progressive Alliance", "the Rural League",
           "the Harbour Democrats", "the Reform Union", "the Liberty Coalition")
UNIVERSITIES = ("Northfield University", "the Kestrel Institute of Technology",
                "Greyhaven College", "the University of Ashby Vale",
                "the Thornhill Marine Laboratory", "the Oldcastle Observatory",
                "the Royal Institute of Stonebridge")
JOURNALS = ("the Journal of Applied Ecology", "Northern Science Review",
            "the Annals of Coastal Research", "Physical Letters Quarterly",
            "the Medical Bulletin", "Earth and Climate")
TEAMS = (
    "Northfield Rovers", "Harbour Point Athletic", "Ashby Vale Town", "Kestrel Bay United",
    "Millbrook Wanderers", "Stonebridge City", "Greyhaven Albion", "Oldcastle Rangers",
    "Fenwick Harriers", "Port Alder Mariners", "Ravensmoor Hawks", "Copperton Miners",
)
VENUES = ("Riverside Park", "the Quayside Ground", "Mill Road", "the Vale Stadium",
          "Castle Meadow", "the Memorial Ground", "Harbour Field", "the Arena")
GALLERIES = ("the Harbour Arts Centre", "the Northfield Playhouse", "the Larchmont Gallery",
             "the Old Corn Exchange", "the Kestrel Bay Museum", "the Civic Theatre",
             "the Willowdene Festival Hall", "the Bellamy Concert Rooms")
CHARITIES = ("the Harbour Food Bank", "the Vale Hospice", "Friends of the Moor",
             "the Northfield Lifeboat Trust", "the Millbrook Youth Club",
             "the Ashby Vale Historical Society")
HOSPITALS = ("Northfield General Hospital", "St Agnes Infirmary", "the Vale Medical Centre",
             "Harbour Point Community Hospital")

# Titles placed before a name ("Mayor Alice Brandt") by section.
TITLES = {
    "news": ("Police Chief", "Inspector", "Fire Chief", "Sergeant", "Dr.", "Headteacher"),
    "politics": ("Mayor", "Councillor", "Senator", "Minister", "Deputy Mayor", "Governor"),
    "business": ("Chief Executive", "Chairman", "Chairwoman", "Finance Director"),
    "sport": ("Coach", "Captain", "Manager"),
    "culture": ("Director", "Curator", "Conductor"),
    "science": ("Dr.", "Professor"),
    "opinion": ("Councillor", "Dr.", "Professor", "Reverend"),
    "obituaries": ("Reverend", "Dr.", "Councillor"),
}

# The papers' own writers, by site, and the agencies that supplied copy.
ROLES = {
    "news": ("Staff Writer", "Staff Reporter", "Chief Reporter", "Crime Correspondent"),
    "politics": ("Political Correspondent", "Political Editor", "Staff Writer"),
    "business": ("Business Editor", "Business Reporter", "Staff Writer"),
    "sport": ("Sports Correspondent", "Sports Editor", "Football Writer"),
    "culture": ("Arts Critic", "Arts Editor", "Staff Writer"),
    "science": ("Science Writer", "Science Correspondent", "Staff Writer"),
    "opinion": ("Columnist", "Contributing Writer"),
    "obituaries": ("Staff Writer", "Obituaries Editor"),
}
AGENCIES = ("Meridian Press Agency", "Continental Wire", "Coastal News Service")

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven", "twelve", "fifteen", "twenty")
