"""Functions and industries, and the words that say a posting or a profile belongs to one.

Canonical names are what the shortlist prints ("same function (operations)"); a profile may use
any alias ("supply chain", "logistics") and is mapped onto the same names.
"""

from __future__ import annotations

import re

FUNCTIONS: dict[str, list[str]] = {
    "operations": [
        "operations",
        "operational",
        "operating officer",
        "ops",
        "plant",
        "site manager",
        "general operations",
        "betrieb",
        "opérations",
        "operaciones",
        "bedrijfsvoering",
        "continuous improvement",
        "lean",
    ],
    "supply_chain": [
        "supply chain",
        "logistics",
        "warehouse",
        "warehousing",
        "distribution",
        "fulfillment",
        "fulfilment",
        "transportation",
        "fleet",
        "inventory",
        "dispatch",
        "freight",
        "shipping",
        "logistik",
        "lager",
        "logistique",
        "entrepôt",
        "almacén",
        "logística",
        "magazijn",
        "3pl",
    ],
    "procurement": [
        "procurement",
        "purchasing",
        "buyer",
        "sourcing",
        "vendor management",
        "category manager",
        "einkauf",
        "achats",
        "compras",
        "inkoop",
    ],
    "sales": [
        "sales",
        "account executive",
        "account manager",
        "business development",
        "territory",
        "key account",
        "inside sales",
        "revenue",
        "vertrieb",
        "commercial",
        "ventas",
        "verkoop",
    ],
    "marketing": [
        "marketing",
        "brand",
        "growth",
        "demand generation",
        "communications",
        "content",
        "seo",
        "public relations",
        "social media",
    ],
    "finance": [
        "finance",
        "financial",
        "accounting",
        "accountant",
        "controller",
        "controlling",
        "fp&a",
        "treasury",
        "audit",
        "tax",
        "payroll",
        "bookkeep",
        "finanzen",
        "comptab",
        "contabilidad",
        "cfo",
    ],
    "hr": [
        "human resources",
        "hr",
        "people operations",
        "talent",
        "recruit",
        "recruiting",
        "learning and development",
        "compensation and benefits",
        "hrbp",
        "personal",
        "ressources humaines",
        "recursos humanos",
    ],
    "it": [
        "information technology",
        "it",
        "infrastructure",
        "service desk",
        "help desk",
        "helpdesk",
        "network",
        "systems administrator",
        "sysadmin",
        "cio",
        "it operations",
        "cybersecurity",
        "security operations",
        "erp",
        "desktop support",
        "cloud infrastructure",
    ],
    "engineering": [
        "software",
        "engineering",
        "developer",
        "devops",
        "backend",
        "frontend",
        "full stack",
        "platform",
        "sre",
        "machine learning",
        "data engineer",
        "cto",
        "programmer",
        "entwickler",
    ],
    "data": ["data analyst", "analytics", "business intelligence", "data science", "data scientist", "bi "],
    "product": ["product manager", "product management", "product owner", "head of product"],
    "project_management": [
        "project manager",
        "program manager",
        "pmo",
        "project management",
        "programme",
        "projektleiter",
        "chef de projet",
        "project delivery",
        "program management",
        "programme management",
    ],
    "customer_service": [
        "customer service",
        "customer support",
        "customer success",
        "call center",
        "contact center",
        "client services",
        "customer experience",
        "kundenservice",
        "service client",
        "atención al cliente",
        "member services",
        "support team",
        "support lead",
    ],
    "retail": [
        "store",
        "retail",
        "shop",
        "merchandis",
        "district manager",
        "boutique",
        "cashier",
        "sales floor",
        "filiale",
        "magasin",
        "tienda",
        "winkel",
    ],
    "healthcare_admin": [
        "clinic",
        "clinical operations",
        "practice manager",
        "health services",
        "patient",
        "hospital",
        "nursing",
        "medical office",
        "healthcare administration",
        "revenue cycle",
        "medical billing",
        "health information management",
    ],
    "manufacturing": [
        "manufacturing",
        "production",
        "plant manager",
        "assembly",
        "quality assurance",
        "quality control",
        "maintenance",
        "machinist",
        "fertigung",
        "produktion",
        "fabrication",
    ],
    "facilities": [
        "facilities",
        "facility",
        "building services",
        "property management",
        "maintenance manager",
        "real estate",
        "workplace services",
    ],
    "legal": ["legal", "counsel", "attorney", "paralegal", "compliance", "lawyer"],
    "administration": ["administrative", "office manager", "executive assistant", "receptionist", "clerk"],
    "hospitality": ["hotel", "restaurant", "food and beverage", "front desk", "guest", "housekeeping", "chef"],
    "education": ["teacher", "school", "curriculum", "instruction", "principal", "academic", "university"],
}

INDUSTRIES: dict[str, list[str]] = {
    "logistics": [
        "logistics",
        "freight",
        "3pl",
        "trucking",
        "shipping",
        "warehouse",
        "distribution center",
        "courier",
        "parcel",
        "transportation",
        "supply chain solutions",
        "logistik",
        "fulfillment",
    ],
    "retail": [
        "retail",
        "store",
        "stores",
        "shopper",
        "e-commerce",
        "ecommerce",
        "merchandise",
        "grocery",
        "supermarket",
        "department store",
        "apparel",
        "einzelhandel",
        "commerce de détail",
    ],
    "healthcare": [
        "healthcare",
        "health care",
        "hospital",
        "clinic",
        "patient",
        "medical",
        "pharma",
        "health system",
        "nursing",
        "biotech",
        "life sciences",
        "dental",
    ],
    "manufacturing": [
        "manufacturing",
        "manufacturer",
        "factory",
        "plant",
        "industrial",
        "production facility",
        "automotive",
        "aerospace",
        "chemicals",
        "fabrication",
    ],
    "software": [
        "software",
        "saas",
        "cloud",
        "platform",
        "technology company",
        "tech company",
        "startup",
        "start-up",
        "ai ",
        "developer tools",
        "cybersecurity",
    ],
    "financial_services": [
        "bank",
        "banking",
        "financial services",
        "insurance",
        "fintech",
        "asset management",
        "credit union",
        "investment",
        "lending",
        "payments",
        "wealth management",
    ],
    "hospitality": ["hotel", "hospitality", "resort", "restaurant", "food service", "travel", "casino", "guest"],
    "education": ["school", "university", "college", "education", "edtech", "academic", "students"],
    "public_sector": [
        "government",
        "public sector",
        "municipal",
        "county",
        "state agency",
        "federal",
        "city of",
        "non-profit",
        "nonprofit",
        "public administration",
    ],
    "energy": ["energy", "utility", "utilities", "oil", "gas", "renewable", "solar", "wind", "power generation"],
    "consumer_goods": [
        "consumer goods",
        "cpg",
        "fmcg",
        "consumer products",
        "food and beverage",
        "beverage",
        "packaged goods",
        "household products",
        "cosmetics",
    ],
    "construction": [
        "construction",
        "contractor",
        "building",
        "real estate",
        "engineering firm",
        "infrastructure projects",
    ],
    "professional_services": [
        "consulting",
        "consultancy",
        "professional services",
        "agency",
        "staffing",
        "accounting firm",
        "law firm",
        "advisory",
    ],
}


COMPANY_WORDS: dict[str, list[str]] = {
    "logistics": [
        "distribution",
        "forwarding",
        "cold chain",
        "freight",
        "freightworks",
        "logística",
        "logistique",
        "transport",
        "transportation",
        "trucking",
        "3pl",
        "fulfillment",
        "shipping",
        "express",
    ],
    "manufacturing": [
        "plastics",
        "packaging",
        "components",
        "glassworks",
        "fabrication",
        "motor parts",
        "steel",
        "stahlwerk",
        "metals",
        "industries",
        "works",
        "chemicals",
        "machinery",
    ],
    "consumer_goods": ["coffee", "roasters", "beverages", "foods", "brewing", "bakery", "home care products"],
    "financial_services": ["wealth", "bank", "bancorp", "credit union", "insurance", "mutual", "capital", "payments"],
    "hospitality": ["inn", "inns", "hotel", "hotels", "resort", "resorts", "restaurants", "kitchen"],
    "healthcare": [
        "health",
        "healthcare",
        "medical",
        "clinic",
        "hospital",
        "diagnostics",
        "senior living",
        "behavioral health",
        "pharma",
    ],
    "energy": ["energy", "energie", "renewables", "solar", "power cooperative", "electric", "utilities"],
    "public_sector": ["city of", "county", "state of", "water reclamation", "workforce board", "transit authority"],
    "education": ["university", "college", "school district", "school", "academy"],
    "retail": ["stores", "outfitters", "grocers", "home goods", "sporting goods", "books", "hardware", "mart"],
    "software": ["software", "technologies", "analytics", "saas"],
}
"""Words that say an employer's industry when they are in its name ("Harborview Distribution",
"Heliotrope Plastics"): whole words only, and read in the company name only, where they are a
strong cue ("distribution" in a description says much less)."""


def _compile(table: dict[str, list[str]]) -> dict[str, re.Pattern[str]]:
    return {
        name: re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w.strip()) for w in words) + r")", re.IGNORECASE)
        for name, words in table.items()
    }


FUNCTION_PATTERNS = _compile(FUNCTIONS)
INDUSTRY_PATTERNS = _compile(INDUSTRIES)
COMPANY_PATTERNS = {
    name: re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.IGNORECASE)
    for name, words in COMPANY_WORDS.items()
}


def _lower_case_twin(words: list[str], whole_words: bool) -> re.Pattern[str]:
    r"""The pattern of ``words`` for lower-cased text (:mod:`screener.normalize.caseless`), each word
    starting with its first letter and the word boundary checked just after it (``p(?<!\wp)&l``
    for ``(?<!\w)p&l``), so the engine jumps between the letters a word can start with."""
    alternatives = []
    for word in words:
        word = word.strip().lower()
        first = re.escape(word[0])
        alternatives.append(f"{first}(?<!\\w{first}){re.escape(word[1:])}")
    return re.compile("(?:" + "|".join(alternatives) + ")" + (r"(?!\w)" if whole_words else ""))


def _needles(table: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    """Each category's words lower-cased: a lower-cased text holding none of them has no match."""
    return {name: tuple(dict.fromkeys(w.strip().lower() for w in words)) for name, words in table.items()}


FUNCTION_NEEDLES = _needles(FUNCTIONS)
INDUSTRY_NEEDLES = _needles(INDUSTRIES)
FUNCTION_TWINS = {name: _lower_case_twin(words, False) for name, words in FUNCTIONS.items()}
INDUSTRY_TWINS = {name: _lower_case_twin(words, False) for name, words in INDUSTRIES.items()}
COMPANY_TWINS = {name: _lower_case_twin(words, True) for name, words in COMPANY_WORDS.items()}
"""The patterns above for lower-cased text: the same matches, 5-10x faster (tests/test_enrich_fast_paths.py)."""


def canonical(names: list[str], patterns: dict[str, re.Pattern[str]]) -> list[str]:
    """Profile words ("supply chain", "Logistics", "ops") to canonical names, order kept."""
    found: list[str] = []
    for name in names:
        key = name.strip().lower().replace(" ", "_")
        if key in patterns:
            found.append(key)
            continue
        for canon, pattern in patterns.items():
            if pattern.search(name):
                found.append(canon)
                break
    return list(dict.fromkeys(found))
