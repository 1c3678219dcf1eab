"""The 38 provinces (Kemendagri codes), their site ids and time zones.

Time zones come from the province, never from the machine: WIB is
Asia/Jakarta, WITA Asia/Makassar, WIT Asia/Jayapura.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Zone:
    abbreviation: str
    tz_name: str

    @property
    def tz(self) -> ZoneInfo:
        return _zoneinfo(self.tz_name)


WIB = Zone("WIB", "Asia/Jakarta")
WITA = Zone("WITA", "Asia/Makassar")
WIT = Zone("WIT", "Asia/Jayapura")


@dataclass(frozen=True)
class Province:
    code: str
    name: str
    site_id: str
    zone: Zone


_TABLE: tuple[tuple[str, str, str, Zone], ...] = (
    ("11", "Aceh", "aceh", WIB),
    ("12", "Sumatera Utara", "sumatera-utara", WIB),
    ("13", "Sumatera Barat", "sumatera-barat", WIB),
    ("14", "Riau", "riau", WIB),
    ("15", "Jambi", "jambi", WIB),
    ("16", "Sumatera Selatan", "sumatera-selatan", WIB),
    ("17", "Bengkulu", "bengkulu", WIB),
    ("18", "Lampung", "lampung", WIB),
    ("19", "Kepulauan Bangka Belitung", "bangka-belitung", WIB),
    ("21", "Kepulauan Riau", "kepulauan-riau", WIB),
    ("31", "DKI Jakarta", "dki-jakarta", WIB),
    ("32", "Jawa Barat", "jawa-barat", WIB),
    ("33", "Jawa Tengah", "jawa-tengah", WIB),
    ("34", "DI Yogyakarta", "di-yogyakarta", WIB),
    ("35", "Jawa Timur", "jawa-timur", WIB),
    ("36", "Banten", "banten", WIB),
    ("51", "Bali", "bali", WITA),
    ("52", "Nusa Tenggara Barat", "nusa-tenggara-barat", WITA),
    ("53", "Nusa Tenggara Timur", "nusa-tenggara-timur", WITA),
    ("61", "Kalimantan Barat", "kalimantan-barat", WIB),
    ("62", "Kalimantan Tengah", "kalimantan-tengah", WIB),
    ("63", "Kalimantan Selatan", "kalimantan-selatan", WITA),
    ("64", "Kalimantan Timur", "kalimantan-timur", WITA),
    ("65", "Kalimantan Utara", "kalimantan-utara", WITA),
    ("71", "Sulawesi Utara", "sulawesi-utara", WITA),
    ("72", "Sulawesi Tengah", "sulawesi-tengah", WITA),
    ("73", "Sulawesi Selatan", "sulawesi-selatan", WITA),
    ("74", "Sulawesi Tenggara", "sulawesi-tenggara", WITA),
    ("75", "Gorontalo", "gorontalo", WITA),
    ("76", "Sulawesi Barat", "sulawesi-barat", WITA),
    ("81", "Maluku", "maluku", WIT),
    ("82", "Maluku Utara", "maluku-utara", WIT),
    ("91", "Papua", "papua", WIT),
    ("92", "Papua Barat", "papua-barat", WIT),
    ("93", "Papua Selatan", "papua-selatan", WIT),
    ("94", "Papua Tengah", "papua-tengah", WIT),
    ("95", "Papua Pegunungan", "papua-pegunungan", WIT),
    ("96", "Papua Barat Daya", "papua-barat-daya", WIT),
)

PROVINCES: dict[str, Province] = {
    code: Province(code, name, site_id, zone) for code, name, site_id, zone in _TABLE
}

# Central offices (ministries, agencies) publish from Jakarta.
CENTRAL_ZONE = WIB


def zone_for(province_code: str | None) -> Zone:
    """The zone of a province code; central offices (no province) are WIB."""
    if province_code is None:
        return CENTRAL_ZONE
    return PROVINCES[province_code].zone


@cache
def _zoneinfo(name: str) -> ZoneInfo:
    return ZoneInfo(name)
