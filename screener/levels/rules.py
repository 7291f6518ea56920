"""Title-structure rules: which rung a title names, how sure that is, and whether it manages people.

The rules read the normalised title (:func:`screener.levels.text.normalize_title`): lower case,
accents folded, abbreviations expanded. They are an ordered table: the first role that matches
wins ("Executive Assistant to the CEO" is an assistant, not a chief executive), then the words
just before the role word move it ("Assistant Store Manager" one rung down, "Senior Manager" one
up). Titles in German, French, Spanish, Portuguese, Italian, Dutch and Finnish are covered by the
same table (Leiter, Geschäftsführer, Responsable, Jefe, Gerente, Directeur, Teamleiter,
Praktikant, stagiaire, päällikkö ...).

Each title gets a :class:`TitleSignal`: a rung (0-8, ladder order), a confidence (0-1: how much
of the probability the rung keeps, the rest spreads to neighbouring rungs), a people-manager
probability and the name of the rule that fired (a feature for the model, and a reason a human
can read).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from screener.levels.gates import may_match, required_literals
from screener.levels.text import normalize_title

ENTRY, PROFESSIONAL, SENIOR, LEAD, MANAGER, SENIOR_MANAGER, DIRECTOR, VP, EXECUTIVE = range(9)


class TitleSignal(NamedTuple):
    rung: int
    confidence: float
    people_manager: float
    rule: str


class _Rule(NamedTuple):
    name: str
    pattern: re.Pattern[str]
    rung: int
    confidence: float
    people_manager: float
    kind: str  # "people" (a management role: modifiers move it), "ic", "entry" or "fixed"


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# Word lists reused by several rules (normalised spelling: lower case, no accents).
_SITE = (
    r"store|shop|restaurant|hotel|resort|dealership|branch|club|property|plant|location|unit|dining"
    r"|kitchen|bar|cafe|collision|service|parts|fleet|warehouse|depot|facility|site|clinic|pharmacy"
    r"|office|centre|center|salon|gym|casino|franchise|market|outlet|boutique|bakery|pub"
)
_IC_MANAGER = (
    r"account|accounts|key account|product|products|program|programme|project|projects|case|care"
    r"|relationship|portfolio|brand|category|content|community|social media|campaign|partner"
    r"|partnership|partnerships|channel|territory|client|customer success|success|engagement"
    r"|release|configuration|change|fund|asset|investment|wealth|vendor|event|events"
    r"|business development|technical program|technical product|solution|solutions|bid|proposal"
    r"|tender|crm|seo|ppc|implementation|onboarding|marketing programs?|growth marketing"
    r"|product marketing|demand generation|grants?|contract|contracts|pricing|trade marketing"
)
_IC_NOUN = (
    r"engineer|developer|scientist|designer|architect|analyst|researcher|consultant|accountant"
    r"|specialist|programmer|economist|statistician|software|data|machine learning|ml|ai|security"
    r"|product designer|writer|counsel|attorney|auditor|actuary|geologist|pharmacist|physicist"
)

# The rule table, in priority order. Modifier words before the role word are applied afterwards.
RULES: tuple[_Rule, ...] = (
    # Assistants *to* someone: the role word after "to" is their boss, not them.
    _Rule(
        "assistant_to",
        _rx(
            r"\bassistant "
            r"(?:to|for)\b|^(?:executive|personal|administrative|admin|office|board) assistant\b"
            r"|\b(?:executive|personal) assistant\b|\bsecretary to\b|\bassistent(?:in)? "
            r"(?:der|des)\b"
        ),
        PROFESSIONAL,
        0.5,
        0.03,
        "fixed",
    ),
    _Rule(
        "intern",
        _rx(
            r"\b(?:interns?|internships?|trainees?|apprentices?|apprenticeships?|werkstudent(?:in)?"
            r"|working student|student "
            r"(?:worker|assistant|employee|job|trainee|intern)|praktikant(?:in)?"
            r"|praktikum|pflichtpraktikum|stagiaire|stagiair|stagista|tirocinante|alternance|alternant(?:e)?"
            r"|apprenti(?:e)?|becari[oa]|practicas|practicante|pasante|estagiari[oa]|estagio|aprendiz"
            r"|\w*harjoittelij\w*|kesatyontekij\w*|opiskelij\w*|auszubildende?r?|azubi|ausbildung"
            r"|lehrling|co op|coop|summer associate|graduate (?:programme|program|scheme|trainee)"
            r"|in training|berufseinsteiger(?:in)?)\b|\bstudent$"
        ),
        ENTRY,
        0.8,
        0.02,
        "fixed",
    ),
    _Rule(
        "vp_assistant",
        _rx(r"\b(?:assistant|associate) vice president\b|\bavp\b"),
        SENIOR_MANAGER,
        0.45,
        0.6,
        "fixed",
    ),
    # A bank's VP grade on an individual role ("VP, Credit Analyst", "Product Manager, VP"): a grade
    # between associate and director, not an executive.
    _Rule(
        "vp_grade",
        _rx(
            r"^(?!.*\bchief (?:\w+ ){0,3}officer\b)(?!.*\bhead of\b)(?!.*\b(?:senior|executive|group) vice)"
            r"(?=.*\b(?:analyst|officer|engineer|developer|specialist|underwriter|banker|trader"
            r"|consultant|counsel|architect|scientist|auditor|advisor|adviser|strategist|actuary|accountant"
            r"|attorney|modeler|quant|product manager|relationship manager|portfolio manager|project manager"
            r"|program manager|risk manager)s?\b).*?\b(?:vice president|vp)\b"
        ),
        SENIOR_MANAGER,
        0.4,
        0.35,
        "fixed",
    ),
    _Rule(
        "vp_senior",
        _rx(r"\b(?:senior|executive|group|corporate) vice president\b|\b[se]vp\b"),
        VP,
        0.7,
        0.9,
        "fixed",
    ),
    _Rule(
        "vp",
        _rx(
            r"\bvice president\b|\bvp\b|\bvizeprasident(?:in)?\b|\bvice presidente?\b"
            r"|\bvicepresident[ea]?\b|\bvaratoimitusjohtaj\w*"
        ),
        VP,
        0.65,
        0.9,
        "fixed",
    ),
    _Rule("chief_of_staff", _rx(r"\bchief of staff\b"), DIRECTOR, 0.45, 0.5, "fixed"),
    _Rule(
        "c_suite",
        _rx(
            r"\bchief (?:\w+ "
            r"){0,3}officer\b|\b(?:ceo|cfo|coo|cto|cio|cmo|chro|ciso|cxo|cpo|csuite)\b"
            r"|\bc level\b"
        ),
        EXECUTIVE,
        0.8,
        0.95,
        "fixed",
    ),
    _Rule(
        "crew_chief",
        _rx(r"\b(?:crew|shift|section|station|watch) chief\b"),
        LEAD,
        0.5,
        0.8,
        "fixed",
    ),
    _Rule("chief", _rx(r"\bchief\b"), SENIOR_MANAGER, 0.3, 0.6, "fixed"),
    _Rule(
        "top_executive",
        _rx(
            r"\b(?:geschaftsfuhrer(?:in)?|geschaeftsfuehrer(?:in)?|managing "
            r"director|managing partner"
            r"|senior partner(?! (?:success|manager|marketing|sales|account|solutions?|engineer|enablement|program))"
            r"|equity partner|directeur general|directrice generale|director general"
            r"|directora general|gerente general|consejero delegado|president directeur general"
            r"|toimitusjohtaj\w*|algemeen directeur|amministratore delegato|direttore generale"
            r"|vorstand\w*|diretor geral|diretora geral)\b"
        ),
        EXECUTIVE,
        0.7,
        0.9,
        "fixed",
    ),
    _Rule(
        "president",
        _rx(r"(?<!vice )\b(?:president|presidente|prasident(?:in)?|presidentti)\b"),
        EXECUTIVE,
        0.7,
        0.9,
        "fixed",
    ),
    _Rule(
        "founder",
        _rx(r"\b(?:cofounder|founder|fondateur|fondatrice|grunder(?:in)?|fundador[a]?)\b"),
        EXECUTIVE,
        0.6,
        0.8,
        "fixed",
    ),
    _Rule(
        "business_owner",
        _rx(
            r"(?<!product )(?<!process )(?<!solution )(?<!service )(?<!business )(?<!system )"
            r"(?<!data )(?<!platform )(?<!technical )(?<!control )(?<!application )(?<!risk )"
            r"(?<!feature )(?<!budget )(?<!content )\bowner\b(?! operator)"
        ),
        EXECUTIVE,
        0.5,
        0.8,
        "fixed",
    ),
    _Rule("assistant_gm", _rx(r"\b(?:assistant|deputy) general manager\b"), LEAD, 0.45, 0.8, "fixed"),
    _Rule(
        "site_gm",
        _rx(rf"\b(?:{_SITE}) general manager\b|\bgeneral manager (?:of |at )?(?:the )?(?:{_SITE})\b"),
        MANAGER,
        0.55,
        0.9,
        "fixed",
    ),
    _Rule(
        "area_gm",
        _rx(r"\b(?:area|regional|district|region|multi unit|multi site) general manager\b"),
        SENIOR_MANAGER,
        0.45,
        0.9,
        "fixed",
    ),
    _Rule("general_manager", _rx(r"\bgeneral manager\b"), EXECUTIVE, 0.4, 0.9, "people"),
    _Rule("executive_director", _rx(r"\bexecutive director\b"), DIRECTOR, 0.45, 0.9, "fixed"),
    _Rule(
        "director_deputy",
        _rx(
            r"\b(?:associate|assistant|deputy|vice) director\b|\bdirect(?:eur|rice) adjoint(?:e)?\b"
            r"|\bdirector(?:a)? adjunt[oa]\b|\bstellvertretende?r? (?:\w+ "
            r")?(?:direktor|leiter)\w*\b"
            r"|\bapulaisjohtaj\w*|\bsubdirector(?:a)?\b|\bdirettore aggiunto\b|\badjunct "
            r"directeur\b"
        ),
        SENIOR_MANAGER,
        0.55,
        0.85,
        "fixed",
    ),
    _Rule(
        "art_director",
        _rx(r"\b(?:art|funeral|activities|activity|camp|music) director\b"),
        SENIOR,
        0.35,
        0.3,
        "fixed",
    ),
    _Rule(
        "store_director",
        _rx(
            r"\bdirect(?:eur|rice) (?:de |d "
            r")?(?:magasin|agence|restaurant|boutique|supermarche|hotel)\b"
        ),
        MANAGER,
        0.5,
        0.9,
        "fixed",
    ),
    _Rule(
        "director",
        _rx(
            r"\b(?:director(?:a|es)?|directeur|directrice|direktor(?:in)?|direttore|direttrice|diretor[a]?"
            r"|\w*johtaj(?:a|an|aa|aksi|ia|ien)|bestuurder)\b"
        ),
        DIRECTOR,
        0.6,
        0.85,
        "people",
    ),
    _Rule(
        "head_worker",
        _rx(
            r"\bhead (?:cashier|lifeguard|custodian|housekeeper|gardener|bartender|baker"
            r"|guard|waiter"
            r"|server|mechanic|cook|teller|groundskeeper|porter|barista)\b"
        ),
        LEAD,
        0.5,
        0.7,
        "fixed",
    ),
    _Rule(
        "head_chef",
        _rx(r"\b(?:head|executive) (?:chef|coach)\b|\bchef de cuisine\b|\bkuchenchef\b"),
        MANAGER,
        0.5,
        0.85,
        "fixed",
    ),
    _Rule("head_teacher", _rx(r"\bhead ?(?:teacher|master|mistress)\b"), DIRECTOR, 0.45, 0.85, "fixed"),
    _Rule(
        "head_of",
        _rx(r"\bhead of\b|^head\b|\bhead$|\bdepartment head\b|\bhoofd\b|\bleitung\b"),
        DIRECTOR,
        0.5,
        0.85,
        "people",
    ),
    # German -leiter compounds: the prefix says which kind of head.
    _Rule(
        "leiter_team",
        _rx(
            r"\b(?:team|gruppen|schicht|kolonnen|vorarbeiter|produktionsgruppen|bau)leiter(?:in)?\b"
            r"|\bteamleitung\b|\bschichtleitung\b"
        ),
        LEAD,
        0.6,
        0.85,
        "fixed",
    ),
    _Rule(
        "leiter_site",
        _rx(
            r"\b(?:filial|markt|betriebs|niederlassungs|standort|restaurant|shop|store|lager|kuchen|werk"
            r"|haus|heim|kita|pflegedienst|stations)leiter(?:in)?\b|\bfilialleitung\b"
        ),
        MANAGER,
        0.55,
        0.9,
        "fixed",
    ),
    _Rule(
        "leiter_project",
        _rx(r"\bprojektleiter(?:in)?\b|\bprojektleitung\b"),
        SENIOR,
        0.45,
        0.35,
        "fixed",
    ),
    _Rule(
        "leiter_department",
        _rx(r"\b(?:abteilungs|fachbereichs|referats|sachgebiets)leit(?:er|erin|ung)\b"),
        SENIOR_MANAGER,
        0.5,
        0.9,
        "fixed",
    ),
    _Rule(
        "leiter_division",
        _rx(r"\b(?:bereichs|hauptabteilungs|geschaftsbereichs|divisions)leit(?:er|erin|ung)\b"),
        DIRECTOR,
        0.55,
        0.9,
        "fixed",
    ),
    _Rule("leiter", _rx(r"\b\w*leiter(?:in)?\b"), SENIOR_MANAGER, 0.4, 0.85, "people"),
    _Rule(
        "partner",
        _rx(r"\b(?:audit|tax|advisory|law firm|salaried|associate) partner\b|^partner$"),
        DIRECTOR,
        0.45,
        0.7,
        "fixed",
    ),
    _Rule(
        "controller",
        _rx(r"(?<!traffic )\b(?:controller|comptroller)\b"),
        SENIOR_MANAGER,
        0.35,
        0.7,
        "people",
    ),
    _Rule("superintendent", _rx(r"\bsuperintendent\b"), MANAGER, 0.4, 0.85, "people"),
    _Rule(
        "school_principal",
        _rx(r"\b(?:school|high school|elementary school) principal\b|^principal$"),
        DIRECTOR,
        0.35,
        0.8,
        "fixed",
    ),
    _Rule(
        "assistant_senior",
        _rx(r"\bassistant (?:principal|treasurer|general counsel)\b"),
        SENIOR_MANAGER,
        0.4,
        0.6,
        "fixed",
    ),
    _Rule(
        "clinical_professional",
        _rx(
            r"\bphysician (?:assistant|associate)\b|\b(?:assistant|associate) "
            r"professor\b|\bnurse practitioner\b"
        ),
        PROFESSIONAL,
        0.45,
        0.05,
        "fixed",
    ),
    # First-line leads (before "manager": a shift manager is a first-line lead).
    _Rule(
        "supervisor",
        _rx(
            r"\b(?:supervisor[a]?|supervisors|superviseur|superviseuse|supervisore|foreman|forewoman"
            r"|foreperson|forelady|charge nurse|team ?lead(?:er)?|teamleider|ploegleider|voorman"
            r"|vorarbeiter(?:in)?|polier|\w*meister(?:in)?|contremaitre|chef d equipe|chef "
            r"de (?:quart|partie|rang)"
            r"|sous chef|jef[ea] de "
            r"(?:equipo|turno|grupo|linea|cuadrilla|sala)|encargad[oa]|capataz"
            r"|esim(?:ies|ieh)\w*|esihenkilo\w*|tiiminvetaj\w*|vuoropaallik\w*|shift "
            r"(?:lead|leader|manager)|crew (?:lead|leader)"
            r"|leidinggevende|capo ?turno|capo ?squadra)\b"
        ),
        LEAD,
        0.6,
        0.85,
        "fixed",
    ),
    # Senior managers: several teams or sites.
    _Rule(
        "area_manager",
        _rx(
            r"\b(?:area|regional|district|zone|division|divisional|multi unit|multi "
            r"site|group|country"
            r"|general|plant)(?: \w+)? manager\b|\bmanager of managers\b|\bafdelingshoofd\b"
            r"|\bosastopaallik\w*|\bjef[ea] de (?:departamento|area|division)\b"
        ),
        SENIOR_MANAGER,
        0.45,
        0.9,
        "people",
    ),
    _Rule(
        "assistant_manager",
        _rx(
            rf"\b(?:assistant|asst|deputy|associate|sub|junior|trainee)(?: (?:{_SITE}))? manager\b"
            r"|\bsubgerente\b|\bstellvertretende?r? \w*manager\b"
        ),
        LEAD,
        0.5,
        0.7,
        "fixed",
    ),
    _Rule(
        "ic_manager",
        _rx(
            rf"\b(?:{_IC_MANAGER}) (?:\w+ )?manager\b|\b(?:project|account|product|key "
            rf"account|program|projekt"
            r"|produkt|category|kategorie)manager(?:in)?\b|\b(?:tuote|projekti|asiakkuus)paallik\w*"
            r"|\bchef de (?:projet|produit)\b|\bjef[ea] de (?:proyecto|producto)\b|\bproject "
            r"leider\b"
            r"|\bprojectleider\b|\bproduct owner\b|\bscrum master\b"
        ),
        SENIOR,
        0.45,
        0.15,
        "ic_manager",
    ),
    _Rule(
        "site_manager",
        _rx(
            rf"\b(?:{_SITE}) "
            rf"manager\b|\b(?:vestigings|filiaal|filial|restaurant|winkel|store|shop)manager\b"
            r"|\bbedrijfsleider\b|\bgerant(?:e)?\b|\b(?:ravintola|myymala)paallik\w*"
            r"|\bgerente de (?:tienda|sucursal|restaurante|loja|hotel)\b"
        ),
        MANAGER,
        0.6,
        0.9,
        "people",
    ),
    _Rule(
        "manager",
        _rx(
            r"\b(?:manager(?:in)?|managers|gerente|responsable|responsabile|gestor[a]?|\w+manager(?:in)?"
            r"|\w*paallik\w*|jef[ea]|chef de (?:service|departement|rayon|secteur|bureau)|capo)\b"
        ),
        MANAGER,
        0.5,
        0.75,
        "people",
    ),
    _Rule(
        "lead_generation",
        _rx(r"\blead(?:s)? (?:generation|gen|generator|qualification)\b"),
        PROFESSIONAL,
        0.4,
        0.03,
        "ic",
    ),
    _Rule(
        "tech_lead",
        _rx(r"\b(?:tech|technical|engineering|development|dev|squad|group) lead\b"),
        LEAD,
        0.5,
        0.6,
        "fixed",
    ),
    _Rule(
        "lead",
        _rx(r"\blead(?:er)?\b|\bleiding\b|\bresponsable d equipe\b"),
        LEAD,
        0.35,
        0.45,
        "fixed",
    ),
    # Individual contributors.
    _Rule(
        "staff_ic_generic",
        _rx(
            r"\bstaff (?:accountant|nurse|rn|pharmacist|physician|attorney|auditor|writer"
            r"|assistant|member"
            r"|therapist|technologist|technician|psychologist|counselor|sergeant|physical)\b"
        ),
        PROFESSIONAL,
        0.5,
        0.03,
        "ic",
    ),
    _Rule("distinguished", _rx(r"\b(?:distinguished|fellow)\b"), SENIOR, 0.45, 0.2, "fixed"),
    _Rule("principal_ic", _rx(r"\bprincipal\b"), SENIOR, 0.55, 0.15, "fixed"),
    _Rule(
        "senior_ic",
        _rx(
            rf"\bsenior\b(?! "
            rf"(?:living|care|citizens?|center|centre|services?|housing|community|home))"
            rf"|\bstaff (?:\w+ ){{0,2}}(?:{_IC_NOUN})"
            r"|\b(?:expert|experte|experienced|ervaren|confirme|experimente"
            r"|erfahrene?r?|kokenut|vanhempi|ylempi)\b|\b(?:iii|iv)\b|\b(?:level|tier|grade) "
            r"[3-5]\b"
        ),
        SENIOR,
        0.55,
        0.08,
        "ic",
    ),
    _Rule(
        "associate_ic",
        _rx(
            r"\b(?:sales|store|retail|warehouse|team|crew|customer service|guest|front "
            r"desk|stock|cashier"
            r"|merchandise|fulfillment|production|distribution|service|shift|floor|pharmacy|bank|ramp)"
            r" associates?\b"
        ),
        ENTRY,
        0.5,
        0.02,
        "ic",
    ),
    _Rule(
        "junior",
        _rx(
            r"\b(?:junior|entry level|entry|graduate|grad|new "
            r"grad|aide|helper|clerk|cashier|crew member"
            r"|team member|dishwasher|porter|laborer|labourer|busser|runner|stocker|package handler"
            r"|receptionist|assistant|assistante|asistente|auxiliar|ayudante|aushilfe|hilfskraft|helfer(?:in)?"
            r"|assistent(?:in)?|assistenz|assistente|apprendista|i|level 1|tier 1)\b"
        ),
        ENTRY,
        0.5,
        0.02,
        "ic",
    ),
    _Rule("associate", _rx(r"\bassociates?\b"), PROFESSIONAL, 0.35, 0.03, "ic"),
    _Rule("level_two", _rx(r"\bii\b|\b(?:level|tier|grade) 2\b"), PROFESSIONAL, 0.5, 0.03, "ic"),
)

_DEFAULT = TitleSignal(PROFESSIONAL, 0.3, 0.05, "default")
_EMPTY = TitleSignal(PROFESSIONAL, 0.1, 0.1, "empty")

RULE_NAMES: tuple[str, ...] = (*(rule.name for rule in RULES), _DEFAULT.rule, _EMPTY.rule)
"""Every rule a title can end in: the model one-hot encodes these."""

_SENIOR_BEFORE = re.compile(r"\b(?:senior|principal|group|global|corporate|lead|sr)\b")
_DEPUTY_BEFORE = re.compile(
    r"\b(?:assistant|asst|deputy|associate|adjoint|adjointe|stellvertretende?r?|sub|apulais|vice"
    r"|adjunt[oa]|junior|interim)\b"
)
_JUNIOR = re.compile(r"\b(?:junior|entry level|graduate|i)\b")


def _apply_modifiers(rule: _Rule, text: str, start: int) -> TitleSignal:
    rung, confidence, manager = rule.rung, rule.confidence, rule.people_manager
    if rule.kind == "people":
        before = " ".join(text[:start].split()[-3:])
        if _DEPUTY_BEFORE.search(before) and "interim" not in before:
            rung, confidence = max(rung - 1, LEAD), confidence - 0.05
        elif _SENIOR_BEFORE.search(before):
            if rung == MANAGER:
                rung = SENIOR_MANAGER
            confidence = min(confidence + 0.1, 0.85)
    elif rule.kind == "ic_manager":
        before = text[:start]
        if re.search(r"\b(?:group|head)\b", before):
            rung, manager = SENIOR_MANAGER, 0.7
        elif re.search(r"\b(?:senior|principal|lead)\b", before):
            confidence = min(confidence + 0.1, 0.85)
        elif re.search(r"\b(?:associate|assistant|junior)\b", before):
            rung = PROFESSIONAL
    elif rule.kind == "ic" and rule.rung == PROFESSIONAL and _JUNIOR.search(text):
        rung = ENTRY
    return TitleSignal(rung, round(confidence, 3), manager, rule.name)


# A chief named as a place or a boss is not the role: "Engineer - CTO Office", "Office of the CEO".
_BOSS_MENTION = re.compile(
    r"\b(?:office of the|to the|for the|reporting to(?: the)?) (?:ceo|cfo|coo|cto|cio|cmo|president"
    r"|chief \w+(?: \w+)? officer)\b|\b(?:ceo|cfo|coo|cto|cio|cmo|president s?) office\b"
)


# Literals each pattern needs (screener.levels.gates): a rule is searched only when one is there.
_BOSS_GATE = required_literals(_BOSS_MENTION)
_GATED_RULES = tuple((rule, required_literals(rule.pattern)) for rule in RULES)


@lru_cache(maxsize=200_000)
def _signal(text: str) -> TitleSignal:
    if not text:
        return _EMPTY
    if may_match(_BOSS_GATE, text):
        stripped = _BOSS_MENTION.sub(" ", text).strip()
        if stripped and stripped != text and not RULES[0].pattern.search(text):
            text = " ".join(stripped.split())
    for rule, gate in _GATED_RULES:
        if gate is not None:  # may_match(gate, text), inlined: this loop runs ~50 times a title
            for literal in gate:
                if literal in text:
                    break
            else:
                continue
        match = rule.pattern.search(text)
        if match:
            return _apply_modifiers(rule, text, match.start())
    return _DEFAULT


def title_signal(title: object, *, normalized: bool = False) -> TitleSignal:
    """The rung, confidence, people-manager probability and rule name a title's words give."""
    text = title if normalized and isinstance(title, str) else normalize_title(title)
    return _signal(text)
