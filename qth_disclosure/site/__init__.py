"""The 重点领域信息公开专栏 as a static site: pages from Jinja2 templates, and the directory
they are written to.

`pages.build` turns a `core.publication.Publication` into the site's files (name → bytes),
the same bytes for the same ledger and day; `directory.write_site` puts them in a
directory that holds nothing else, so re-publishing replaces only what publish made.
"""
