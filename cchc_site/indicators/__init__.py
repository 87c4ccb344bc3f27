"""Figures of a report: the catalogue that declares them, reading, checking, rows and rates."""

from .catalogue import Catalogue, national
from .figures import FigureSet
from .values import APPROX, SCOPE_KINDS, FigureRow, Rate, describe_scope, figure_rows, scope_kind

__all__ = [
    "APPROX",
    "SCOPE_KINDS",
    "Catalogue",
    "FigureRow",
    "FigureSet",
    "Rate",
    "describe_scope",
    "figure_rows",
    "national",
    "scope_kind",
]
