"""Mentions from profile links: every URL form a person may paste, and links that are no profile."""

import pytest

from shared.people import ProfileLinkError, check_profile_link, link_problem, mastodon_instance, mention, name_on


@pytest.mark.parametrize("url, expected", [
    ("https://mastodon.social/@jana", "@jana@mastodon.social"),
    ("https://mastodon.social/@jana/", "@jana@mastodon.social"),
    ("https://www.mastodon.social/@jana", "@jana@mastodon.social"),
    ("https://chaos.social/@tom_muster?lang=de", "@tom_muster@chaos.social"),
    ("https://chaos.social/@tom_muster/#pinned", "@tom_muster@chaos.social"),
    ("https://Social.Example.ORG/@Aylin", "@Aylin@social.example.org"),
    ("https://social.example.org/users/aylin", "@aylin@social.example.org"),
    ("https://mastodon.social/@ole@norden.social", "@ole@norden.social"),
    ("https://mastodon.social/@a.b-c", "@a.b-c@mastodon.social"),
])
def test_mastodon_profile_links_become_user_at_instance(url, expected):
    assert mention("mastodon", url) == expected


@pytest.mark.parametrize("url, expected", [
    ("https://bsky.app/profile/jana.bsky.social", "@jana.bsky.social"),
    ("https://bsky.app/profile/jana.bsky.social/", "@jana.bsky.social"),
    ("https://www.bsky.app/profile/jana.bsky.social", "@jana.bsky.social"),
    ("https://bsky.app/profile/Tom.Example.com?ref=blog", "@tom.example.com"),
    ("https://bsky.app/profile/nordlicht-werkstatt.de#top", "@nordlicht-werkstatt.de"),
])
def test_bluesky_profile_links_become_the_handle(url, expected):
    assert mention("bluesky", url) == expected


@pytest.mark.parametrize("url, expected", [
    ("https://x.com/jana", "@jana"),
    ("https://x.com/jana/", "@jana"),
    ("https://www.x.com/jana", "@jana"),
    ("https://twitter.com/Jana_B", "@Jana_B"),
    ("https://www.twitter.com/Jana_B/?s=20", "@Jana_B"),
    ("https://mobile.twitter.com/jana#x", "@jana"),
])
def test_x_and_twitter_profile_links_become_the_name(url, expected):
    assert mention("x", url) == expected


@pytest.mark.parametrize("network, url, reason", [
    ("mastodon", "https://mastodon.social/jana", "/@name"),
    ("mastodon", "https://mastodon.social/@jana/109876", "/@name"),
    ("mastodon", "https://mastodon.social/", "/@name"),
    ("mastodon", "https://mastodon.social/@", "not a Mastodon account"),
    ("mastodon", "mastodon.social/@jana", "not a web address"),
    ("mastodon", "", "empty"),
    ("bluesky", "https://bsky.social/profile/jana.bsky.social", "not bsky.app"),
    ("bluesky", "https://bsky.app/jana.bsky.social", "/profile/<handle>"),
    ("bluesky", "https://bsky.app/profile/jana", "not a handle"),
    ("bluesky", "https://bsky.app/profile/did:plc:abc123", "DID"),
    ("bluesky", "https://bsky.app/profile/jana.bsky.social/post/3k", "/profile/<handle>"),
    ("x", "https://x.com/", "/<name>"),
    ("x", "https://x.com/jana/status/1", "/<name>"),
    ("x", "https://x.com/home", "not an account name"),
    ("x", "https://x.com/this_name_is_far_too_long", "not an account name"),
    ("x", "https://facebook.com/jana", "not x.com"),
    ("linkedin", "https://www.linkedin.com/feed/", "does not name a profile"),
    ("linkedin", "https://example.com/in/jana", "not linkedin.com"),
    ("xing", "https://www.xing.com/", "does not name a profile"),
    # people's profiles only: a company page is no person to thank or mention
    ("linkedin", "https://www.linkedin.com/company/nordlicht-werkstatt", "does not name a profile"),
    ("xing", "https://www.xing.com/pages/nordlicht-werkstatt", "does not name a profile"),
])
def test_links_that_are_no_profile_raise_an_error_saying_what_is_expected(network, url, reason):
    with pytest.raises(ProfileLinkError) as raised:
        check_profile_link(network, url)
    message = str(raised.value)
    assert isinstance(raised.value, ValueError)
    assert reason in message
    assert "expected" in message and "https://" in raised.value.expected
    assert url in message


@pytest.mark.parametrize("network, url", [
    ("linkedin", "https://www.linkedin.com/in/jana-beispiel"),
    ("linkedin", "https://de.linkedin.com/in/jana-beispiel/"),
    ("xing", "https://www.xing.com/profile/Jana_Beispiel"),
    ("xing", "https://www.xing.com/profile/Jana_Beispiel/cv?sc_o=x"),
    ("website", "https://jana.example"),
])
def test_linkedin_xing_and_website_links_pass_the_check(network, url):
    check_profile_link(network, url)


LINKS = {
    "mastodon": "https://mastodon.social/@jana",
    "bluesky": "https://bsky.app/profile/jana.bsky.social",
    "x": "https://x.com/jana",
    "linkedin": "https://www.linkedin.com/in/jana",
    "xing": "https://www.xing.com/profile/Jana_Beispiel",
}


@pytest.mark.parametrize("network, links, expected", [
    ("mastodon", LINKS, "@jana@mastodon.social"),
    ("bluesky", LINKS, "@jana.bsky.social"),
    ("x", LINKS, "@jana"),
    ("linkedin", LINKS, "Jana Beispiel"),
    ("xing", LINKS, "Jana Beispiel"),
    ("mastodon", {"bluesky": LINKS["bluesky"]}, "Jana Beispiel"),
    ("x", {}, "Jana Beispiel"),
    ("bluesky", None, "Jana Beispiel"),
])
def test_a_person_is_named_by_mention_where_the_network_has_one_else_by_name(network, links, expected):
    assert name_on(network, "Jana Beispiel", links) == expected


@pytest.mark.parametrize("links, expected", [
    ({"mastodon": "https://chaos.social/@tom"}, "https://chaos.social"),
    ({"mastodon": "https://mastodon.social/@ole@norden.social"}, "https://norden.social"),
    ({"mastodon": "https://chaos.social/tom"}, None),
    ({}, None),
])
def test_the_mastodon_share_instance_is_the_home_instance_of_the_profile(links, expected):
    assert mastodon_instance(links) == expected


SAME_RULE_CASES = [
    ("x", "https://x.com/home"), ("x", "https://x.com/jana"), ("linkedin", "https://de.linkedin.com/in/jana"),
    ("linkedin", "https://www.linkedin.com/company/nordlicht"), ("mastodon", "https://mastodon.social/users/jana"),
    ("mastodon", "https://mastodon.social/jana"), ("xing", "https://www.xing.com/pages/nordlicht"),
    ("bluesky", "https://bsky.app/profile/jana.bsky.social"), ("bluesky", "https://bsky.app/profile/did:plc:x"),
]


@pytest.mark.parametrize("network, url", SAME_RULE_CASES)
def test_a_profile_link_is_accepted_at_load_exactly_when_it_can_be_mentioned(network, url):
    """One rule: the profile check (file:line errors) and the share texts agree on every link."""
    try:
        check_profile_link(network, url)
        usable = True
    except ProfileLinkError:
        usable = False
    assert (link_problem(network, url) is None) == usable
