"""#FollowFriday threads and article share texts on plain data."""

import re

import pytest

from sharekit.counting import DEFAULT_LIMITS, length_on
from sharekit.threads import (ArticleFacts, NameTooLongError, Person, article_share_text, follow_friday_posts,
                              follow_friday_thread, hashtag, hashtags, names_for, shorten_words)
from helpers.sharekit import named_lines, wording

NETWORKS = ("mastodon", "bluesky", "linkedin", "xing", "x")
ROUNDUP = {"site": "Werkbank Blog", "roundup_title": "KW 47/2026",
           "roundup_url": "https://blog.nordlicht-werkstatt.example/wochenrueckblick/2026-W47/"}

# In German collation order, as the roundup plugin hands them over (Ä with A, Ö with O).
PEOPLE = [
    Person("Aenne Ahlers", {"bluesky": "https://bsky.app/profile/aenne.bsky.social"}),
    Person("Ärzte-Team Nord", {}),
    Person("Aylin Özdemir", {"mastodon": "https://mastodon.social/@aylin", "x": "https://x.com/aylin_oez"}),
    Person("Die Community auf Mastodon", {}),
    Person("Jana Beispiel", {"mastodon": "https://chaos.social/@jana", "bluesky": "https://bsky.app/profile/jana.bsky.social",
                             "linkedin": "https://www.linkedin.com/in/jana"}),
    Person("Tom Muster", {"x": "https://twitter.com/tommuster"}),
    Person("Zoë Zimmermann 👩‍💻", {}),
]


def thread(network, people=PEOPLE, limit=None, lang="de"):
    return follow_friday_thread(network, people, limit=limit or DEFAULT_LIMITS[network], wording=wording(lang), **ROUNDUP)


@pytest.mark.parametrize("network, expected", [
    ("mastodon", ["Aenne Ahlers", "Ärzte-Team Nord", "@aylin@mastodon.social", "Die Community auf Mastodon",
                  "@jana@chaos.social", "Tom Muster", "Zoë Zimmermann 👩‍💻"]),
    ("bluesky", ["@aenne.bsky.social", "Ärzte-Team Nord", "Aylin Özdemir", "Die Community auf Mastodon",
                 "@jana.bsky.social", "Tom Muster", "Zoë Zimmermann 👩‍💻"]),
    ("x", ["Aenne Ahlers", "Ärzte-Team Nord", "@aylin_oez", "Die Community auf Mastodon", "Jana Beispiel",
           "@tommuster", "Zoë Zimmermann 👩‍💻"]),
    ("linkedin", [p.name for p in PEOPLE]),
    ("xing", [p.name for p in PEOPLE]),
])
def test_each_person_once_in_german_order_named_as_the_network_reaches_them(network, expected):
    assert names_for(network, PEOPLE) == expected
    posts = thread(network)
    assert named_lines(posts, expected) == expected


def test_a_short_week_is_one_post_with_thanks_names_and_roundup_link():
    posts = thread("linkedin")
    assert len(posts) == 1
    post = posts[0]
    assert post.startswith("#FollowFriday: Danke an alle, die diese Woche im Werkbank Blog")
    assert post.endswith("Zum Wochenrückblick (KW 47/2026): " + ROUNDUP["roundup_url"])
    assert not re.search(r"\d+/\d+$", post)


def test_english_sites_get_english_posts():
    post = thread("linkedin", lang="en")[0]
    assert post.startswith("#FollowFriday: Thank you to everyone")
    assert "This week's roundup (KW 47/2026)" in post


def test_a_post_exactly_at_the_limit_stays_one_post():
    single = thread("bluesky", limit=10_000)[0]
    exact = length_on("bluesky", single)
    assert thread("bluesky", limit=exact) == [single]


def test_one_character_over_the_limit_becomes_a_numbered_thread():
    single = thread("bluesky", limit=10_000)[0]
    limit = length_on("bluesky", single) - 1
    posts = thread("bluesky", limit=limit)
    assert len(posts) == 2
    assert [post.rsplit("\n", 1)[-1] for post in posts] == ["1/2", "2/2"]
    assert all(length_on("bluesky", post) <= limit for post in posts)
    names = names_for("bluesky", PEOPLE)
    assert named_lines(posts, names) == names
    assert posts[0].startswith("#FollowFriday: Danke")
    assert ROUNDUP["roundup_url"] in posts[0]
    assert posts[1].startswith("#FollowFriday (Fortsetzung)")


def test_a_name_longer_than_the_limit_is_a_clear_error():
    people = [Person("Jana Beispiel"), Person("Die Freundinnen und Freunde des Werkstattbesuchs " * 8)]
    with pytest.raises(NameTooLongError) as raised:
        thread("x", people=people)
    message = str(raised.value)
    assert "Die Freundinnen und Freunde" in message
    assert "on x" in message and "limit 280" in message
    assert "never cut in two" in message


def forty_people():
    people = []
    for number in range(1, 41):
        links = {}
        if number % 3 == 0:
            links["mastodon"] = f"https://social-{number}.example/@person_{number:02}"
        if number % 4 == 0:
            links["bluesky"] = f"https://bsky.app/profile/person-{number:02}.bsky.social"
        if number % 5 == 0:
            links["x"] = f"https://x.com/person_{number:02}"
        people.append(Person(f"Person {number:02} Nachname{'ä' * (number % 4)}", links))
    return people


@pytest.mark.parametrize("network", NETWORKS)
def test_forty_contributors_each_once_every_post_within_the_limit_numbered(network):
    people = forty_people()
    posts = thread(network, people=people)
    names = names_for(network, people)
    assert named_lines(posts, names) == names
    assert all(length_on(network, post) <= DEFAULT_LIMITS[network] for post in posts)
    if len(posts) > 1:
        total = len(posts)
        assert [post.rsplit("\n", 1)[-1] for post in posts] == [f"{i}/{total}" for i in range(1, total + 1)]


def test_threads_of_ten_and_more_posts_keep_room_for_the_two_digit_numbers():
    people = forty_people() * 3
    posts = thread("x", people=people, limit=200)
    assert len(posts) >= 10
    assert posts[-1].endswith(f"\n{len(posts)}/{len(posts)}")
    assert all(length_on("x", post) <= 200 for post in posts)
    names = names_for("x", people)
    assert named_lines(posts, names) == names


def test_the_post_set_has_one_list_per_network():
    posts = follow_friday_posts(PEOPLE, networks=NETWORKS, limits=DEFAULT_LIMITS, wording=wording(), **ROUNDUP)
    assert list(posts) == list(NETWORKS)
    assert all(isinstance(value, list) and value for value in posts.values())


# --- hashtags -------------------------------------------------------------------------------

@pytest.mark.parametrize("tag, expected", [
    ("netzwerken", "#Netzwerken"),
    ("employee advocacy", "#EmployeeAdvocacy"),
    ("Führung", "#Führung"),
    ("social-media", "#SocialMedia"),
    ("KI & Ethik", "#KIEthik"),
    ("C++", "#C"),
    ("Work/Life", "#WorkLife"),
    ("über uns", "#ÜberUns"),
    ("barrierefreiheit_2026", "#Barrierefreiheit_2026"),
    ("2026", None),
    ("!!!", None),
])
def test_tags_become_hashtags(tag, expected):
    assert hashtag(tag) == expected


def test_hashtags_appear_once_in_tag_order():
    assert hashtags(["netzwerken", "Netzwerken", "sprache", "employee advocacy"]) == \
        ["#Netzwerken", "#Sprache", "#EmployeeAdvocacy"]


# --- article texts --------------------------------------------------------------------------

URL = "https://blog.nordlicht-werkstatt.example/2026/netzwerken-ist-eine-haltung/"
JANA = Person("Jana Beispiel", {"mastodon": "https://chaos.social/@jana", "bluesky": "https://bsky.app/profile/jana.bsky.social"})
TOM = Person("Tom Muster", {"x": "https://x.com/tommuster"})


def facts(summary="Ein Satz, der im Feed, in der Übersicht und im Newsletter steht.", title="Netzwerken ist eine Haltung",
          authors=(JANA,), tags=("netzwerken", "employee advocacy")):
    return ArticleFacts(title=title, summary=summary, tags=tags, authors=authors, url=URL)


@pytest.mark.parametrize("network, byline", [
    ("mastodon", "von @jana@chaos.social"),
    ("bluesky", "von @jana.bsky.social"),
    ("x", "von Jana Beispiel"),
    ("linkedin", "von Jana Beispiel"),
    ("xing", "von Jana Beispiel"),
])
def test_article_text_has_title_summary_hashtags_author_and_url(network, byline):
    text = article_share_text(network, facts(), limit=DEFAULT_LIMITS[network], wording=wording())
    assert text == (
        "Netzwerken ist eine Haltung\n\n"
        "Ein Satz, der im Feed, in der Übersicht und im Newsletter steht.\n\n"
        "#Netzwerken #EmployeeAdvocacy\n\n"
        f"{byline}\n{URL}"
    )


def test_co_authors_are_named_too():
    text = article_share_text("x", facts(authors=(JANA, TOM)), limit=280, wording=wording())
    assert "von Jana Beispiel und @tommuster\n" in text


def test_a_long_summary_is_shortened_at_a_word_boundary_with_an_ellipsis():
    summary = " ".join(["Netzwerken heißt geben, zuhören und danken."] * 12)
    text = article_share_text("x", facts(summary=summary), limit=280, wording=wording())
    assert length_on("x", text) <= 280
    shortened = text.split("\n\n")[1]
    assert shortened.endswith("…")
    kept = shortened[:-1].rstrip(",;:")
    assert summary.startswith(kept) and summary[len(kept)] in " ,.;:"
    assert "#Netzwerken #EmployeeAdvocacy" in text and text.endswith(URL)


def test_without_room_for_the_summary_hashtags_go_before_author_and_url():
    text = article_share_text("x", facts(summary="Wort " * 80, tags=("netzwerken",)), limit=100, wording=wording())
    assert length_on("x", text) <= 100
    assert text.endswith("von Jana Beispiel\n" + URL)


@pytest.mark.parametrize("text, kept, expected", [
    ("Ein Satz, der steht.", 2, "Ein Satz…"),
    ("Ein Satz, der steht.", 4, "Ein Satz, der steht."),
    ("Ein Satz, der steht.", 0, ""),
])
def test_shorten_words(text, kept, expected):
    assert shorten_words(text, kept) == expected
