"""The enrich stage: articles → predicted sections and topics, mis-filings, same-story clusters.

Pure: plain data in, plain data out; no Django, no database (DESIGN.md,
rule 1). The archive's `morgue classify` reads the articles, calls these
functions and stores what they return as suggestions and clusters.
"""
