"""The rules of an item's front-matter fields (fields.yml), read once: the build's checks and the browser editor's
configuration both come from here, so the editor and the build refuse the same things with the same words.

Plain module, no MkDocs import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

FIELDS_FILE = Path(__file__).with_name("fields.yml")
LANGUAGES = ("th", "en")
I18N_MODES = ("translate", "duplicate")


@dataclass(frozen=True)
class Message:
    what: dict[str, str]   # {'th': ..., 'en': ...}, may hold {limit} {length} {value} {choices}
    fix: dict[str, str]

    def filled(self, **values) -> dict[str, str]:
        """what_th, what_en, fix_th, fix_en with the placeholders filled: the keyword arguments of a Problem.
        A value may be given per language as a dict ({'th': ..., 'en': ...})."""
        out = {}
        for part in ("what", "fix"):
            for lang in LANGUAGES:
                local = {k: (v[lang] if isinstance(v, dict) else v) for k, v in values.items()}
                out[f"{part}_{lang}"] = getattr(self, part)[lang].format(**local)
        return out


@dataclass(frozen=True)
class FieldRule:
    name: str
    label: dict[str, str]
    hint: dict[str, str]
    required: bool = False
    max_length: int | None = None
    required_with: str | None = None
    choices: str | None = None
    i18n: str = "translate"
    messages: dict[str, Message] = field(default_factory=dict)

    def message(self, kind: str) -> Message:
        return self.messages[kind]

    def hint_text(self, lang: str) -> str:
        return self.hint[lang].format(limit=self.max_length)


def _texts(raw, where: str) -> dict[str, str]:
    if not isinstance(raw, dict) or any(not isinstance(raw.get(lang), str) or not raw[lang] for lang in LANGUAGES):
        raise ValueError(f"{FIELDS_FILE.name}: {where} needs a text in {' and '.join(LANGUAGES)}")
    return {lang: raw[lang] for lang in LANGUAGES}


def parse_rules(raw: dict) -> dict[str, FieldRule]:
    """The kit's own data file, checked so that a slip in it fails loudly at load time, not in an officer's build."""
    if not isinstance(raw, dict) or not raw:
        raise ValueError(f"{FIELDS_FILE.name}: expected a mapping of field names")
    rules = {}
    for name, spec in raw.items():
        if not isinstance(spec, dict):
            raise ValueError(f"{FIELDS_FILE.name}: {name} must be a mapping")
        unknown = set(spec) - {"label", "hint", "required", "max_length", "required_with", "choices", "i18n",
                               "messages"}
        if unknown:
            raise ValueError(f"{FIELDS_FILE.name}: {name} has unknown keys {sorted(unknown)}")
        if spec.get("i18n", "translate") not in I18N_MODES:
            raise ValueError(f"{FIELDS_FILE.name}: {name}.i18n must be one of {I18N_MODES}")
        limit = spec.get("max_length")
        if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 1):
            raise ValueError(f"{FIELDS_FILE.name}: {name}.max_length must be a positive whole number")
        messages = {kind: Message(what=_texts(m.get("what"), f"{name}.messages.{kind}.what"),
                                  fix=_texts(m.get("fix"), f"{name}.messages.{kind}.fix"))
                    for kind, m in (spec.get("messages") or {}).items()}
        rules[name] = FieldRule(name=name, label=_texts(spec.get("label"), f"{name}.label"),
                                hint=_texts(spec.get("hint"), f"{name}.hint"), required=bool(spec.get("required")),
                                max_length=limit, required_with=spec.get("required_with"),
                                choices=spec.get("choices"), i18n=spec.get("i18n", "translate"), messages=messages)
    for rule in rules.values():
        if rule.required_with and rule.required_with not in rules:
            raise ValueError(f"{FIELDS_FILE.name}: {rule.name}.required_with names an unknown field")
    return rules


@lru_cache(maxsize=None)
def field_rules() -> dict[str, FieldRule]:
    return parse_rules(yaml.safe_load(FIELDS_FILE.read_text(encoding="utf-8")))
