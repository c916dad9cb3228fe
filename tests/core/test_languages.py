from __future__ import annotations

import pytest

from changwat.core.languages import Languages, localise, missing_languages

TH_EN = Languages(codes=("th", "en"), names={"th": "ไทย", "en": "English"})


def test_default_language_is_first_and_served_at_the_root():
    assert TH_EN.default == "th"
    assert TH_EN.prefix("th") == "" and TH_EN.prefix("en") == "en/"
    assert TH_EN.url("news/", "th") == "news/" and TH_EN.url("news/", "en") == "en/news/"


def test_split_and_twin():
    assert TH_EN.split("en/about/") == ("en", "about/")
    assert TH_EN.split("about/") == ("th", "about/")
    assert TH_EN.split("english/") == ("th", "english/")   # a folder that merely starts like a code
    assert TH_EN.twin("en/about/history/", "th") == "about/history/"
    assert TH_EN.twin("", "en") == "en/"


def test_a_site_whose_default_is_english():
    en_th = Languages(codes=("en", "th"))
    assert en_th.url("news/", "th") == "th/news/" and en_th.split("th/news/") == ("th", "news/")
    assert en_th.name("th") == "th"


def test_a_site_needs_a_language():
    with pytest.raises(ValueError):
        Languages(codes=())


def test_localise_per_language_with_fallbacks():
    assert localise({"th": "ข่าว", "en": "News"}, "en") == "News"
    assert localise({"th": "ข่าว"}, "en") == "ข่าว"                       # falls back to Thai
    assert localise({"th": "ข่าว", "en": ""}, "en") == "ข่าว"              # an empty text is missing
    assert localise({"*": "1567"}, "en") == "1567"
    assert localise({"en": "Home", "fr": "Accueil"}, "fr", default="en") == {"en": "Home", "fr": "Accueil"}
    nested = {"name": {"th": "ก", "en": "A"}, "phone": "02", "links": [{"title": {"th": "ข", "en": "B"}}]}
    assert localise(nested, "en") == {"name": "A", "phone": "02", "links": [{"title": "B"}]}


def test_missing_languages():
    assert missing_languages({"th": "ก"}, ("th", "en")) == ["en"]
    assert missing_languages({"*": "x"}, ("th", "en")) == []
    assert missing_languages("plain", ("th", "en")) == []
