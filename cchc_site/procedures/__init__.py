"""Procedure lists in: a province's spreadsheet read (``table``), its rows matched to the list
(``matching``), deadline and fee cells read (``deadlines_fees``), the plan written back (``importer``)."""
