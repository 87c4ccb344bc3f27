"""Content files in and out: raw text checked before parsing, YAML with the line of every value,
pydantic's errors in Vietnamese, the staff's Markdown pages, and the one writer of the YAML drafts
staff fill in."""
