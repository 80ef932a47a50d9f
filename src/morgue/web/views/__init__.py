"""The reading site's views, one module per kind of page; errors become pages here, not 500s."""
