"""Reports as Word files (.docx): the export laid out per Decree 30/2020, and the import of signed copies.

Nothing is imported here: each module loads only when its command or the build uses it.
"""
