"""Share-kit settings: read once, with defaults; a bad value names the setting and what is expected."""

from pathlib import Path

import pytest

from sharekit.counting import DEFAULT_LIMITS
from sharekit.plugin import ShareSettingsError, read_share_settings

THEME = str(Path(__file__).resolve().parent.parent / "theme")


def settings(**values):
    return {"THEME": THEME, "DEFAULT_LANG": "de", "SITENAME": "Werkbank Blog", "SITEURL": "",
            "SHARE_SITEURL": "https://blog.example", **values}


@pytest.mark.parametrize("values, expected_base", [
    ({}, "https://blog.example"),
    ({"SITEURL": "https://blog.nordlicht.example/"}, "https://blog.nordlicht.example"),
    ({"SITEURL": "http://localhost:8000"}, "https://blog.example"),
])
def test_share_texts_use_siteurl_when_https_else_share_siteurl(values, expected_base):
    assert read_share_settings(settings(**values)).base_url == expected_base


def test_defaults():
    share = read_share_settings(settings())
    assert share.limits == DEFAULT_LIMITS
    assert share.mastodon_instance == "https://mastodon.social"
    assert share.link_networks == ("linkedin", "xing", "mastodon", "bluesky", "email")
    assert share.wording.by == "von {names}"


def test_english_wording_follows_default_lang():
    assert read_share_settings(settings(DEFAULT_LANG="en")).wording.by == "by {names}"


@pytest.mark.parametrize("values, message", [
    ({"SHARE_SITEURL": ""}, "neither SITEURL nor SHARE_SITEURL"),
    ({"SHARE_LIMITS": {"x": -1}}, "SHARE_LIMITS = {'x': -1} is not allowed: expected a mapping of network to a character limit"),
    ({"SHARE_NETWORKS": ["linkedin", "xnig"]}, "unknown network 'xnig'; did you mean 'xing'?"),
    ({"SHARE_MASTODON_INSTANCE": "http://mastodon.social"}, "expected an https:// address"),
])
def test_bad_settings_are_clear_errors(values, message):
    with pytest.raises(ShareSettingsError) as raised:
        read_share_settings(settings(**values))
    assert message in str(raised.value)
