"""A province's communes in one repository: finding them, the CI matrix, the overview site.

Layout: ``xa/<xã>/content/`` (the commune's data) and ``xa/<xã>/mkdocs.yml`` inheriting the
shared ``mkdocs.base.yml``. The overview is built from each commune's validated data, never
from its HTML, so it needs no MkDocs and a commune with broken data cannot stop the others.
"""
