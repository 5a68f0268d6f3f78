"""What cards show beyond the post itself: its picture (the post's own image, else its social card,
else none) and the profiles of the people a card names (for their faces)."""

from __future__ import annotations

from jinja2 import pass_context

from shared.post import post_model


def _address(value) -> str | None:
    """A picture given as text, or as an object or mapping with a url (or path)."""
    if isinstance(value, str):
        return value or None
    if isinstance(value, dict):
        return value.get("url") or value.get("path")
    return getattr(value, "url", None) or getattr(value, "path", None)


def card_picture(article) -> dict | None:
    """{'src', 'absolute', 'size', 'srcset'} of the card's picture: `image:` of the front matter
    (output-relative; the page pass adds its sizes and copies), else the social card the socialcards
    plugin attached (article.blog.social_card), in its small copy with the card as the larger
    candidate (srcset: [(src, width)]), else None. The card's title says what the post is about, so
    the picture is shown with alt=""."""
    image = getattr(article, "metadata", {}).get("image")
    if image:
        return {"src": str(image).lstrip("/"), "absolute": False, "size": None, "srcset": ()}
    model = post_model(article)
    social = getattr(model, "social_card", None)
    card = _address(social)
    if card:
        absolute = card.startswith(("http://", "https://"))
        copy = getattr(model, "social_card_copy", None)
        if copy is not None and not absolute:
            return {"src": copy.url.lstrip("/"), "absolute": False, "size": (copy.width, copy.height),
                    "srcset": ((copy.url.lstrip("/"), copy.width), (copy.card.lstrip("/"), copy.card_width))}
        # its size as drawn: the page pass then has nothing to add, and a page's bytes do not
        # depend on whether that pass ran (the preview's quick re-render of one post skips it)
        size = [getattr(social, name, None) for name in ("width", "height")]
        return {"src": card if absolute else card.lstrip("/"), "absolute": absolute,
                "size": tuple(size) if all(isinstance(n, int) for n in size) else None, "srcset": ()}
    return None


@pass_context
def profiles_of(context, people) -> list:
    """The profiles of the people (anything with a `handle`, e.g. a roundup's contributors) that
    have one, in their order: for rows of faces."""
    profiles = context.get("author_profiles") or {}
    return [profiles[person.handle] for person in people if getattr(person, "handle", None) in profiles]
