"""A small invented archive for the search tests: dates, sections, accents, hostile markup."""

from datetime import date

from morgue.search import IndexedArticle


def _a(id, headline, section, published, body, byline="", dateline="NORTHFIELD"):
    return IndexedArticle(id=id, headline=headline, byline=byline, dateline=dateline,
                          section=section, body=body, published=published,
                          url=f"https://courier.example/{id}")


ARTICLES = [
    _a(1, "Council approves harbour bridge repairs", "News", date(2008, 8, 15),
       "The town council voted on Tuesday to repair the harbour bridge before winter. "
       "Engineers said the bridge was safe for now.", "Jane Roe, Staff Writer"),
    _a(2, "Elections: a close count in Northfield", "Politics", date(2008, 8, 2),
       "The elections ended with a recount. The mayor thanked the volunteers who counted "
       "every ballot through the night.", "John Smith"),
    _a(3, "Café Müller reopens on Quay Street", "Local news", date(2008, 9, 1),
       "The café, closed since the flood, reopened with a new façade and the same "
       "crème brûlée. Its owner, Zoë Brandt, said the naïve mural would stay.", "Ana Ruiz"),
    _a(4, "School roof collapses after storm", "News", date(1999, 3, 2),
       "No one was hurt when the roof of the primary school fell in during the storm. "
       "Pupils will be taught in the church hall.", "Jane Roe", "PORTSEA"),
    _a(5, "Harbour master retires after forty years", "Obituaries", date(1998, 3, 20),
       "Tom Hale, harbour master since 1958, has retired. He watched the harbour fill with "
       "yachts where trawlers once moored.", "Mary Lee"),
    _a(6, "Football club wins the county cup", "Sport", date(2001, 5, 12),
       "Northfield Rovers won the county cup with a late goal. The manager called the "
       "victory the best day of his career.", "Sam Okafor"),
    _a(7, "Rovers lose the derby", "Sport", date(2001, 11, 3),
       "A rainy derby ended in defeat for the Rovers, whose keeper was sent off.",
       "Sam Okafor", "PORTSEA"),
    _a(8, "Budget cuts hit the library", "Politics", date(2000, 1, 1),
       "The council budget for 2000 cuts the library's opening hours. Readers protested "
       "outside the town hall.", "John Smith"),
    _a(9, "Web page shows raw markup", "Technology", date(2010, 6, 30),
       "Readers saw <script>alert('x')</script> and <b>bold</b> tags printed in an article "
       "after the election results page broke. The script tag did nothing.", "Web desk"),
    _a(10, "Flood warning for the valley", "News", date(1999, 12, 31),
       "The river is expected to flood the valley road tonight. Residents were told to "
       "move cars from the quay.", "Jane Roe"),
    _a(11, "Millennium party on the quay", "Local news", date(2000, 1, 2),
       "Thousands gathered on the quay to see in the millennium. Fireworks lit the "
       "harbour until dawn.", "Ana Ruiz"),
    _a(12, "Town hall clock stops", "Local news", None,
       "The town hall clock stopped at twenty past four. No date survives on this clipping.",
       "", ""),
    _a(13, "Election recount ordered", "Politics", date(1998, 5, 7),
       "A judge ordered a recount of the election in the east ward after ballots were "
       "found in a cupboard.", "John Smith"),
    _a(14, "Electricity restored after storm", "News", date(1999, 3, 4),
       "Power came back to the valley three days after the storm brought down the lines.",
       "Jane Roe"),
    _a(15, "Bakery wins national prize", "Business", date(2005, 7, 19),
       "A family bakery on Mill Lane won a national prize for its sourdough. The baker "
       "credited her grandmother's recipe.", "Priya Nair"),
    _a(16, "Shipyard to close", "Business", date(1998, 3, 1),
       "The shipyard will close in the spring with the loss of four hundred jobs, the "
       "owners said. The harbour will lose its last builder of ships.", "Priya Nair"),
    _a(17, "Letters: the bridge debate", "Opinion", date(2008, 8, 20),
       "Sir, the harbour bridge has been repaired three times in ten years. Build a new one.",
       "A reader"),
    _a(18, "Crossword winners", "Puzzles", date(2003, 2, 14),
       "This week's winners solved every clue, including the fiendish seven across.", ""),
    _a(19, "Mayor opens new library", "Local news", date(2012, 4, 2),
       "The mayor opened the new library on Quay Street. Its café faces the harbour.",
       "Ana Ruiz"),
    _a(20, "Hospital night services cut", "News", date(2011, 10, 10),
       "The hospital will cut night services from January, the health board said.",
       "Jane Roe"),
    _a(21, "Chess champion aged twelve", "Local news", date(1987, 6, 6),
       "A twelve-year-old won the county chess championship in Portsea town hall.",
       "Mary Lee", "PORTSEA"),
    _a(22, "Storm damages church spire", "News", date(1987, 10, 16),
       "The great storm brought down the spire of St Mary's church and hundreds of trees.",
       "Mary Lee"),
    _a(23, "Rugby club celebrates centenary", "Sport", date(1995, 9, 9),
       "The rugby club marked a hundred years with a match against old boys.", "Sam Okafor"),
    _a(24, "Museum finds Roman coins", "Culture", date(2015, 3, 3),
       "Volunteers digging near the quay found Roman coins. The museum will show them.",
       "Priya Nair"),
    _a(25, "Théâtre Royal restores its curtain", "Culture", date(2016, 11, 11),
       "The Théâtre Royal has restored its velvet curtain, first hung in 1890.", "Ana Ruiz"),
    _a(26, "Fishing quotas anger trawlermen", "Business", date(2019, 2, 2),
       "Trawlermen in the harbour said new quotas would end their trade.", "Priya Nair"),
    _a(27, "Council tax to rise", "Politics", date(2019, 3, 1),
       "The council will raise its tax by three per cent. The mayor said services depend on it.",
       "John Smith"),
    _a(28, "Obituary: Zoë Brandt", "Obituaries", date(2021, 1, 15),
       "Zoë Brandt, who ran the café on Quay Street for thirty years, has died aged 81.",
       "Mary Lee"),
    _a(29, "Heatwave closes schools", "News", date(2022, 7, 19),
       "Schools closed early as the heatwave pushed temperatures past forty degrees.",
       "Jane Roe"),
    _a(30, "Election night live", "Politics", date(2024, 7, 4),
       "Polls closed at ten. Counting of the general election ballots began at once.",
       "John Smith"),
    _a(31, "Bridge reopens to traffic", "News", date(2009, 2, 27),
       "The harbour bridge reopened to cars after six months of repairs.", "Jane Roe"),
    _a(32, "Undated: lifeboat rescue", "News", None,
       "The lifeboat rescued two sailors off the point. The clipping carries no date.",
       "", ""),
    _a(33, "Review: the new harbour restaurant", "Culture", date(2008, 8, 30),
       "Fresh fish, a view of the harbour and a careful wine list. Book ahead.",
       "Ana Ruiz"),
    _a(34, "Electoral roll closes Friday", "Politics", date(2008, 8, 1),
       "Residents who want to vote must register on the electoral roll by Friday.",
       "John Smith"),
    _a(35, "Protesters march on town hall", "News", date(2008, 8, 31),
       "Protesters marched from the quay to the town hall against the bridge tolls.",
       "Jane Roe"),
    _a(36, "Harbour harbour harbour", "News", date(2008, 8, 31),
       "The word harbour is repeated here to test ranking: harbour, harbour, harbour.",
       "Jane Roe"),
]

BY_ID = {a.id: a for a in ARTICLES}
