"""Contributors of a week: everyone once, with what they did, in German alphabetical order."""

import pytest

from roundup.thanks import ExtraThanks, contributors
from shared.collation import german_sort_key
from helpers.roundup import phrases, post, profile

PROFILES = {
    "jana-beispiel": profile("jana-beispiel", "Jana Beispiel", links={"linkedin": "https://www.linkedin.com/in/jana"}),
    "tom-muster": profile("tom-muster", "Tom Muster"),
    "aenne-ahlers": profile("aenne-ahlers", "Änne Ahlers"),
    "aylin-oezdemir": profile("aylin-oezdemir", "Aylin Özdemir"),
    "bjoern-hansen": profile("bjoern-hansen", "Björn Hansen", status="removed"),
}
DE = phrases("de")


def credits(*posts):
    return [p.credit for p in posts]


def by_name(people):
    return {person.name: person for person in people}


def test_author_co_author_and_thanked_person_is_listed_once_with_all_three_roles():
    week = credits(
        post("2026-11-16 09:00", "tom-muster", title="Werkbank"),
        post("2026-11-17 09:00", "jana-beispiel", title="Netzwerken", co_authors=["tom-muster"]),
        post("2026-11-18 09:00", "aylin-oezdemir", title="Feedback", thanks=["tom-muster"]),
    )
    people = contributors(week, PROFILES, phrases=DE)
    toms = [person for person in people if person.handle == "tom-muster"]
    assert len(toms) == 1
    assert toms[0].roles == ["1 Beitrag", "Mitarbeit an „Netzwerken“", "Hilfe bei „Feedback“"]
    assert toms[0].profile_url == "autoren/tom-muster/"


@pytest.mark.parametrize("lang, roles", [
    ("de", ["2 Beiträge"]),
    ("en", ["2 posts"]),
])
def test_two_posts_are_counted_in_words_of_the_site_language(lang, roles):
    week = credits(post("2026-11-16 09:00", title="A"), post("2026-11-17 09:00", title="B"))
    assert contributors(week, PROFILES, phrases=phrases(lang))[0].roles == roles


def test_series_tip_is_named_with_its_label():
    week = credits(post("2026-11-18 09:00", title="Tipp", series="Tipp 12 · #Mittwochstipp"))
    assert contributors(week, PROFILES, phrases=DE)[0].roles == ["Tipp 12 · #Mittwochstipp"]


def test_several_titles_are_joined_the_german_way():
    week = credits(
        post("2026-11-16 09:00", title="A", thanks=["tom-muster"]),
        post("2026-11-17 09:00", title="B", thanks=["tom-muster"]),
        post("2026-11-18 09:00", title="C", thanks=["tom-muster", "tom-muster"]),
    )
    tom = by_name(contributors(week, PROFILES, phrases=DE))["Tom Muster"]
    assert tom.roles == ["Hilfe bei „A“, „B“ und „C“"]


def test_author_thanked_in_own_post_is_only_named_as_author():
    week = credits(post("2026-11-17 09:00", "jana-beispiel", title="N", co_authors=["tom-muster"],
                        thanks=["tom-muster", "jana-beispiel"]))
    people = by_name(contributors(week, PROFILES, phrases=DE))
    assert people["Tom Muster"].roles == ["Mitarbeit an „N“"]
    assert people["Jana Beispiel"].roles == ["1 Beitrag"]


def test_free_names_merge_by_exact_name_and_keep_their_link():
    group = {"name": "Die Community auf Mastodon", "url": "https://example.social/tags/followerpower"}
    week = credits(post("2026-11-16 09:00", title="A", thanks=[group]),
                   post("2026-11-17 09:00", title="B", thanks=[{"name": "Die Community auf Mastodon", "url": None}]))
    community = by_name(contributors(week, PROFILES, phrases=DE))["Die Community auf Mastodon"]
    assert community.handle is None and community.profile_url is None
    assert community.links == {"website": "https://example.social/tags/followerpower"}
    assert community.roles == ["Hilfe bei „A“ und „B“"]


def test_profile_links_are_handed_over_in_the_profiles_order():
    jana = contributors(credits(post("2026-11-16 09:00")), PROFILES, phrases=DE)[0]
    assert (jana.name, jana.links) == ("Jana Beispiel", {"linkedin": "https://www.linkedin.com/in/jana"})


def test_newcomer_is_marked_only_when_named():
    week = credits(post("2026-11-16 09:00", "aylin-oezdemir", thanks=["tom-muster"]))
    people = by_name(contributors(week, PROFILES, newcomers={"aylin-oezdemir"}, phrases=DE))
    assert people["Aylin Özdemir"].is_newcomer and not people["Tom Muster"].is_newcomer


def test_removed_person_is_listed_neutrally_without_handle_or_links():
    week = credits(post("2026-11-16 09:00", "jana-beispiel", title="A", thanks=["bjoern-hansen"]))
    removed = [person for person in contributors(week, PROFILES, phrases=DE) if person.is_removed]
    assert [(p.name, p.handle, p.profile_url, p.links) for p in removed] == [("ehemalige Kollegin / ehemaliger Kollege", None, None, {})]


def test_without_profiles_the_handle_stands_in_for_the_name():
    people = contributors(credits(post("2026-11-16 09:00", "tom-muster")), None, phrases=DE)
    assert [(p.name, p.handle, p.profile_url) for p in people] == [("tom-muster", "tom-muster", None)]


@pytest.mark.parametrize("extra, roles", [
    (ExtraThanks(handle="aylin-oezdemir"), ["Dank der Redaktion"]),
    (ExtraThanks(handle="aylin-oezdemir", reason="die Fotos vom Werkstattbesuch"), ["Danke für die Fotos vom Werkstattbesuch"]),
])
def test_editor_extra_thanks_add_a_person_with_the_reason(extra, roles):
    people = by_name(contributors(credits(post("2026-11-16 09:00")), PROFILES, phrases=DE, extra_thanks=[extra]))
    assert people["Aylin Özdemir"].roles == roles


def test_editor_thanks_for_an_author_adds_to_the_same_entry():
    extra = [ExtraThanks(handle="jana-beispiel", reason="die Moderation")]
    people = contributors(credits(post("2026-11-16 09:00")), PROFILES, phrases=DE, extra_thanks=extra)
    assert [(p.name, p.roles) for p in people] == [("Jana Beispiel", ["1 Beitrag", "Danke für die Moderation"])]


def test_contributors_are_sorted_german_style_with_umlauts_among_their_base_letters():
    week = credits(post("2026-11-16 09:00", "tom-muster", thanks=[
        "aenne-ahlers", "aylin-oezdemir", "jana-beispiel",
        {"name": "Zentrale Dienste"}, {"name": "Ärztlicher Dienst"}, {"name": "das Team Empfang"}, {"name": "Ada"},
    ]))
    names = [person.name for person in contributors(week, PROFILES, phrases=DE)]
    assert names == ["Ada", "Änne Ahlers", "Ärztlicher Dienst", "Aylin Özdemir", "das Team Empfang",
                     "Jana Beispiel", "Tom Muster", "Zentrale Dienste"]


@pytest.mark.parametrize("first, second", [
    ("Ahlers", "Ähnlich"),  # Ä sorts as A: "ahlers" < "ahnlich"
    ("Öztürk", "Ozzy"),
    ("Strasse", "Straße"),  # ß casefolds to ss; the tie goes to the original text
    ("Aa", "Äa"),
])
def test_german_sort_key_follows_din_5007_1(first, second):
    assert german_sort_key(first) < german_sort_key(second)


def test_alumni_are_not_welcomed_as_newcomers():
    profiles = {**PROFILES, "ole-petersen": profile("ole-petersen", "Ole Petersen", status="alumni")}
    people = contributors(credits(post("2026-09-21 09:00", "ole-petersen")), profiles, newcomers={"ole-petersen"},
                          phrases=DE)
    assert [(p.name, p.is_newcomer, p.profile_url) for p in people] == [("Ole Petersen", False, "autoren/ole-petersen/")]
