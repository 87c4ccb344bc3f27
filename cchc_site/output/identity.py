"""The site's name and description, from the commune's profile (``content/xa.yaml``).

``mkdocs.yml`` names no commune: the hooks set ``site_name`` and ``site_description`` from here,
so one configuration serves every commune.
"""

from __future__ import annotations

from ..core.models import Xa
from ..core.units import BODY  # written «UBND» in the site's name, as the commune's own documents do

TOPIC = "Cải cách hành chính"


def site_name(xa: Xa) -> str:
    """«UBND xã Phượng Kỳ – Cải cách hành chính» («UBND phường …»): the title every page ends with."""
    if xa.co_quan.casefold().startswith(BODY.casefold()):
        short = "UBND" + xa.co_quan[len(BODY) :]
    else:
        short = f"UBND {xa.don_vi}"
    return f"{short} – {TOPIC}"


def site_description(xa: Xa) -> str:
    """The pages' ``<meta name="description">``."""
    return f"Báo cáo cải cách hành chính và danh mục thủ tục hành chính của {xa.co_quan}."


def identity(xa: Xa) -> tuple[str, str]:
    """(site name, description), as the build stores them with its output."""
    return site_name(xa), site_description(xa)
