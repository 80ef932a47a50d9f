"""The desk's pages, one module per part: the defect queue, an article's corrections and history, lists, the dashboard."""
