"""``verify``: an auditor's check of an archived copy of the site.

``download`` reads the copy (a folder, or an address over HTTP within limits of time, size and
origin); ``consistency`` checks that the copy agrees with its own verification record (values,
readable texts, seals, data files, pages); ``compare`` sets the record against today's data;
``reading`` writes what was found, in Vietnamese. The command is ``commands/verify.py``.
"""
