"""Locations as boards write them ("Chicago, IL", "Remote - US", "Berlin, Germany (Hybrid)") to
city / region / country, and the remote mode from whatever states it.

No library covers this for free text without a network geocoder; the tables below cover the US,
Canada and the countries our users name most, and anything else is kept raw in ``location``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

US_STATES = {
    "AL": "alabama",
    "AK": "alaska",
    "AZ": "arizona",
    "AR": "arkansas",
    "CA": "california",
    "CO": "colorado",
    "CT": "connecticut",
    "DE": "delaware",
    "FL": "florida",
    "GA": "georgia",
    "HI": "hawaii",
    "ID": "idaho",
    "IL": "illinois",
    "IN": "indiana",
    "IA": "iowa",
    "KS": "kansas",
    "KY": "kentucky",
    "LA": "louisiana",
    "ME": "maine",
    "MD": "maryland",
    "MA": "massachusetts",
    "MI": "michigan",
    "MN": "minnesota",
    "MS": "mississippi",
    "MO": "missouri",
    "MT": "montana",
    "NE": "nebraska",
    "NV": "nevada",
    "NH": "new hampshire",
    "NJ": "new jersey",
    "NM": "new mexico",
    "NY": "new york",
    "NC": "north carolina",
    "ND": "north dakota",
    "OH": "ohio",
    "OK": "oklahoma",
    "OR": "oregon",
    "PA": "pennsylvania",
    "RI": "rhode island",
    "SC": "south carolina",
    "SD": "south dakota",
    "TN": "tennessee",
    "TX": "texas",
    "UT": "utah",
    "VT": "vermont",
    "VA": "virginia",
    "WA": "washington",
    "WV": "west virginia",
    "WI": "wisconsin",
    "WY": "wyoming",
    "DC": "district of columbia",
    "PR": "puerto rico",
}
CA_PROVINCES = {
    "AB": "alberta",
    "BC": "british columbia",
    "MB": "manitoba",
    "NB": "new brunswick",
    "NL": "newfoundland and labrador",
    "NS": "nova scotia",
    "ON": "ontario",
    "PE": "prince edward island",
    "QC": "quebec",
    "SK": "saskatchewan",
}
COUNTRIES = {
    "united states": "US",
    "usa": "US",
    "us": "US",
    "u.s.": "US",
    "u.s.a.": "US",
    "america": "US",
    "united states of america": "US",
    "canada": "CA",
    "united kingdom": "GB",
    "uk": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "great britain": "GB",
    "gb": "GB",
    "ireland": "IE",
    "germany": "DE",
    "deutschland": "DE",
    "france": "FR",
    "spain": "ES",
    "españa": "ES",
    "italy": "IT",
    "netherlands": "NL",
    "the netherlands": "NL",
    "nederland": "NL",
    "belgium": "BE",
    "switzerland": "CH",
    "austria": "AT",
    "österreich": "AT",
    "sweden": "SE",
    "norway": "NO",
    "denmark": "DK",
    "finland": "FI",
    "poland": "PL",
    "portugal": "PT",
    "czech republic": "CZ",
    "czechia": "CZ",
    "israel": "IL",
    "india": "IN",
    "singapore": "SG",
    "australia": "AU",
    "new zealand": "NZ",
    "japan": "JP",
    "china": "CN",
    "hong kong": "HK",
    "brazil": "BR",
    "mexico": "MX",
    "méxico": "MX",
    "argentina": "AR",
    "colombia": "CO",
    "south africa": "ZA",
    "united arab emirates": "AE",
    "uae": "AE",
    "philippines": "PH",
    "romania": "RO",
    "greece": "GR",
    "hungary": "HU",
    "turkey": "TR",
    "estonia": "EE",
    "lithuania": "LT",
    "latvia": "LV",
    "luxembourg": "LU",
    "chile": "CL",
    "peru": "PE",
}
_COUNTRY_CODES = set(COUNTRIES.values())
_STATE_NAMES = {name: code for code, name in US_STATES.items()}
_PROVINCE_NAMES = {name: code for code, name in CA_PROVINCES.items()}

_REMOTE = re.compile(
    r"\b(?:fully\s+remote|100%\s+remote|remote[- ]first|remote|work from home|wfh|telecommut\w*|"
    r"home[- ]?office|homeoffice|télétravail|teletrabajo|en remoto|thuiswerk\w*|anywhere)\b",
    re.IGNORECASE,
)
_HYBRID = re.compile(
    r"\bhybrid\w*|\bhybride?\b|\bflexible working\b|\b\d days? (?:in|at) (?:the )?office\b", re.IGNORECASE
)
_ONSITE = re.compile(
    r"\bon[- ]?site\b|\bin[- ]office\b|\bin[- ]person\b|\bvor ort\b|\bpresencial\b|\bsur site\b", re.IGNORECASE
)
_NOISE = re.compile(r"\(([^)]*)\)|\b(?:remote|hybrid|on[- ]?site|in[- ]office)\b\s*[-–:/]?\s*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Place:
    city: str | None
    region: str | None
    country: str | None


def parse_location(text: str) -> Place:
    """Split a one-line location into city, region (state or province code) and ISO country."""
    cleaned = _NOISE.sub(" ", text or "")
    first = re.split(r"\s*(?:;|\||/|\bor\b|\+\d+ more)\s*", cleaned, maxsplit=1)[0]
    parts = [p.strip(" .-–") for p in first.split(",") if p.strip(" .-–")]
    if not parts:
        return Place(None, None, None)
    city = region = country = None
    last = parts[-1].lower()
    if last in COUNTRIES:
        country = COUNTRIES[last]
        parts = parts[:-1]
    elif (
        len(parts) > 1
        and parts[-1].upper() in _COUNTRY_CODES
        and parts[-1].isupper()
        and len(parts[-1]) == 2
        and parts[-1].upper() not in US_STATES
        and parts[-1].upper() not in CA_PROVINCES
    ):
        country = parts[-1].upper()
        parts = parts[:-1]
    if parts:
        region_code = _region_code(parts[-1], country)
        if region_code:
            region, country_of_region = region_code
            country = country or country_of_region
            parts = parts[:-1]
    if parts:
        candidate = parts[0]
        if candidate.lower() in COUNTRIES and country is None:
            country = COUNTRIES[candidate.lower()]
        elif candidate.lower() not in ("anywhere", "worldwide", "global", "multiple locations"):
            city = candidate[:80]
    return Place(city, region, country)


def _region_code(part: str, country: str | None) -> tuple[str, str] | None:
    token = part.strip()
    # "IL 60601": a state code followed by a ZIP code
    token = re.sub(r"\s+\d{5}(?:-\d{4})?$", "", token)
    upper, lower = token.upper(), token.lower()
    if country in (None, "US") and ((upper in US_STATES and len(token) == 2) or lower in _STATE_NAMES):
        return (upper if upper in US_STATES else _STATE_NAMES[lower]), "US"
    if country in (None, "CA") and ((upper in CA_PROVINCES and len(token) == 2) or lower in _PROVINCE_NAMES):
        return (upper if upper in CA_PROVINCES else _PROVINCE_NAMES[lower]), "CA"
    return None


_REMOTE_VALUES = {
    "remote": "remote",
    "fully_remote": "remote",
    "telecommute": "remote",
    "true": "remote",
    "hybrid": "hybrid",
    "onsite": "onsite",
    "on_site": "onsite",
    "on-site": "onsite",
    "in_office": "onsite",
    "office": "onsite",
    "false": "onsite",
    "unknown": "unknown",
}


def remote_mode(explicit: object, *texts: str | None) -> str:
    """onsite / hybrid / remote / unknown, from an explicit field first, then location or title text.

    The description is not read here: "remote" in a description ("remote monitoring", "our remote
    teams") says too little about the job itself.
    """
    if isinstance(explicit, bool):
        return "remote" if explicit else "unknown"
    if isinstance(explicit, str):
        key = explicit.strip().lower().replace(" ", "_")
        if key in _REMOTE_VALUES and _REMOTE_VALUES[key] != "unknown":
            return _REMOTE_VALUES[key]
    for text in texts:
        if not text:
            continue
        if _HYBRID.search(text):
            return "hybrid"
        if _REMOTE.search(text):
            return "remote"
        if _ONSITE.search(text):
            return "onsite"
    return "unknown"
