"""Archive-level findings over plain rows."""

from morgue.audit import one_article_many_urls, same_url_different_articles, section_size_jumps


def test_same_url_different_articles():
    rows = [
        ("https://paper.example/2004/talks", "a1", "f1"),
        ("http://www.paper.example/2004/talks/?utm_source=x", "a2", "f2"),
        ("https://paper.example/2004/other", "a3", "f3"),
        ("https://paper.example/2004/other", "a4", "f3"),
    ]
    [finding] = same_url_different_articles(rows)
    assert finding.key == "https://paper.example/2004/talks" and finding.members == ("a1", "a2")


def test_one_article_many_urls():
    rows = [("https://p.example/a", "a1", "f1"), ("https://p.example/b", "a2", "f1"), ("https://p.example/a/", "a3", "f2"),
            ("https://p.example/a#top", "a3", "f2")]
    [finding] = one_article_many_urls(rows)
    assert finding.members == ("https://p.example/a", "https://p.example/b")


def test_section_size_jumps():
    counts = [("sport", 2001, 400), ("sport", 2002, 420), ("sport", 2003, 1500), ("arts", 2001, 12), ("arts", 2002, 3),
              ("business", 2001, 300), ("business", 2003, 310)]
    findings = section_size_jumps(counts)
    assert [f.key for f in findings] == ["business 2002", "business 2003", "sport 2003"]


def test_ordinary_growth_is_not_a_jump():
    assert section_size_jumps([("news", y, 1000 + 300 * i) for i, y in enumerate(range(1990, 2000))]) == []
