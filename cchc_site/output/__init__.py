"""The validated site → what is published: pages (Jinja2 templates), open data and the feed, the
verification record, charts, the history, the data-entry guide. Nothing here reads content files
or checks a rule: it renders ``site_data``."""
