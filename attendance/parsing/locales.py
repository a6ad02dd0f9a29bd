"""Zoom's report texts in the web portal's other languages, mapped to the English keys we use.

Zoom writes a report's headers, section titles and yes/no values in the exporting user's UI
language. Every layout rule in the parsers compares canonical English keys (`header_key` in
text.py), so a localised text is turned into its English key before any lookup and the layout
rules are written once.

Only header texts seen in real exports are listed, never guessed ones: a wrong guess would
read a column as something it is not. A language whose join and leave headers are not here is
refused with a request to export in English rather than read half-way (refusals.py).
"""

from __future__ import annotations

import unicodedata

LANGUAGES = {
    "it": "Italian",
    "es": "Spanish",
    "de": "German",
    "ja": "Japanese",
    "ko": "Korean",
}

# canonical English key <- the texts each language writes for it (headers and section titles).
_TEXTS: dict[str, dict[str, tuple[str, ...]]] = {
    "it": {
        "name (original name)": ("Nome (nome originale)",),
        "user email": ("E-mail",),
        "join time": ("Ora di ingresso",),
        "leave time": ("Ora di uscita",),
        "duration (minutes)": ("Durata (minuti)",),
        # Zoom writes a curly apostrophe; a re-save may straighten it.
        "in waiting room": ("In sala d’attesa", "In sala d'attesa"),
        "topic": ("Argomento",),
        "host name": ("Nome organizzatore",),
        "host email": ("E-mail organizzatore",),
    },
    "es": {
        "name (original name)": ("Nombre (nombre original)",),
        # The older and the newer Spanish wording.
        "user email": ("E-mail del usuario", "Correo electrónico"),
        "join time": ("Hora para unirse", "Hora de entrada"),
        "leave time": ("Hora para salir", "Hora de salida"),
        "in waiting room": ("En sala de espera",),
    },
    "de": {
        "name (original name)": ("Name (ursprünglicher Name)",),
        "join time": ("Beitrittszeit",),
        "leave time": ("Austrittszeit",),
        "duration (minutes)": ("Dauer (Minuten)",),
    },
    "ja": {
        "name (original name)": ("名前 (元の名前)",),
        "user email": ("ユーザーメール",),
        "join time": ("参加時刻",),
        "leave time": ("退出時刻",),
        "duration (minutes)": ("所要時間（分）",),
    },
    "ko": {
        "name (original name)": ("이름(원래 이름)",),
        "user name (original name)": ("사용자 이름(원래 이름)",),
        "join time": ("참가 시간",),
        "leave time": ("나간 시간",),
        "time in session (minutes)": ("세션 기간(분)",),
        "attendee report": ("참석자 보고서",),
        "report generated": ("생성된 보고서",),
        "attendee details": ("참석자 세부 정보",),
    },
}

# Yes/no cells (Guest, In waiting room, Attended), including languages whose headers are not
# read yet: the values are harmless to know.
_YES = ("Sì", "Si", "Sí", "Ja", "Oui", "Sim", "はい", "예")
_NO = ("No", "Nein", "Non", "Não", "Nao", "いいえ", "아니요", "아니오")

# Zoom's own markers after a display name. The English ones are in real exports; the others
# are the same roles in Zoom's UI wording of each language read here ("organizzatore" is the
# Italian export's word for host, as in "Nome organizzatore"). A marker only ever removes
# itself and sets the role or guest flag, so an entry that never occurs costs nothing.
HOST_MARKER = "host"
GUEST_MARKER = "guest"
_MARKERS: dict[str, tuple[str, ...]] = {
    HOST_MARKER: (
        "Host",
        "Co-host",
        "Cohost",
        "Co host",
        "Organizzatore",
        "Co-organizzatore",
        "Anfitrión",
        "Coanfitrión",
        "Co-anfitrión",
        "ホスト",
        "共同ホスト",
        "호스트",
        "공동 호스트",
    ),
    GUEST_MARKER: ("Guest", "Ospite", "Invitado", "Invitada", "Gast", "ゲスト", "게스트"),
}

# Month names of the languages read here, in the order of the year. English is in dates.py.
_MONTH_NAMES: dict[str, tuple[tuple[str, ...], ...]] = {
    "it": (
        ("gennaio", "gen"),
        ("febbraio", "feb"),
        ("marzo", "mar"),
        ("aprile", "apr"),
        ("maggio", "mag"),
        ("giugno", "giu"),
        ("luglio", "lug"),
        ("agosto", "ago"),
        ("settembre", "set"),
        ("ottobre", "ott"),
        ("novembre", "nov"),
        ("dicembre", "dic"),
    ),
    "es": (
        ("enero", "ene"),
        ("febrero", "feb"),
        ("marzo", "mar"),
        ("abril", "abr"),
        ("mayo", "may"),
        ("junio", "jun"),
        ("julio", "jul"),
        ("agosto", "ago"),
        ("septiembre", "setiembre", "sep", "sept", "set"),
        ("octubre", "oct"),
        ("noviembre", "nov"),
        ("diciembre", "dic"),
    ),
    "de": (
        ("januar", "jänner", "jan"),
        ("februar", "feb"),
        ("märz", "mär", "mrz"),
        ("april", "apr"),
        ("mai",),
        ("juni", "jun"),
        ("juli", "jul"),
        ("august", "aug"),
        ("september", "sep", "sept"),
        ("oktober", "okt"),
        ("november", "nov"),
        ("dezember", "dez"),
    ),
}


def normal(text: str) -> str:
    """Case, width variants (full-width brackets), spacing and a trailing colon do not matter."""
    # A stray byte-order mark survives when exports are pasted together; it is not text.
    text = unicodedata.normalize("NFKC", text.replace("\ufeff", ""))
    return " ".join(text.split()).casefold().rstrip(":").rstrip()


def _spacings(text: str) -> set[str]:
    # Korean exports write "이름(원래 이름)", Japanese ones "名前 (元の名前)": accept both.
    key = normal(text)
    return {key, key.replace(" (", "("), key.replace("(", " (").replace("  (", " (")}


def _aliases() -> dict[str, str]:
    found: dict[str, str] = {}
    for texts in _TEXTS.values():
        for canonical, localised in texts.items():
            for text in localised:
                for key in _spacings(text):
                    if key != canonical:
                        found[key] = canonical
    return found


ALIASES = _aliases()
YES_NO = {
    **{normal(text): True for text in _YES},
    **{normal(text): False for text in _NO},
}
MARKERS = {normal(text): kind for kind, texts in _MARKERS.items() for text in texts}
MONTHS = {
    name: number
    for months in _MONTH_NAMES.values()
    for number, names in enumerate(months, 1)
    for name in names
}


def texts_for(*canonical: str) -> set[str]:
    """Every text (English key included) that reads as one of these canonical keys."""
    return {*canonical, *(key for key, value in ALIASES.items() if value in canonical)}


_LANGUAGE_OF_KEY = {
    key: LANGUAGES[code]
    for code, texts in _TEXTS.items()
    for localised in texts.values()
    for text in localised
    for key in _spacings(text)
}


def language_of(keys: list[str]) -> str:
    """The language whose texts these normalised header cells are in ("" for none known)."""
    for key in keys:
        if key in _LANGUAGE_OF_KEY:
            return _LANGUAGE_OF_KEY[key]
    return ""


def table() -> dict[str, dict[str, tuple[str, ...]]]:
    """The per-language table, for tests that check it stays consistent."""
    return {code: dict(texts) for code, texts in _TEXTS.items()}


def month_table() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The per-language month names, January first, for the same checks."""
    return dict(_MONTH_NAMES)
