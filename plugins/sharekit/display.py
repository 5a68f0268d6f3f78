"""What the share templates show: posts with their length against the limit, ready-made labels."""

from __future__ import annotations

import json

from .counting import length_on

# Width of the copy boxes in characters, to give a textarea enough rows to show a post whole.
_BOX_WIDTH = 48
_MAX_ROWS = 18


def textarea_rows(text: str) -> int:
    rows = sum(max(1, -(-len(line) // _BOX_WIDTH)) for line in text.split("\n"))
    return min(_MAX_ROWS, max(2, rows))


def network_views(posts_by_network: dict, *, limits: dict, network_names: dict, count_text,
                  post_label, id_prefix: str) -> list[dict]:
    """[{network, name, thread_size, posts: [{id, text, length, limit, count_label, label, rows}]}].

    `count_text(length, limit)` and `post_label(name, number, total)` give the words of the site's
    language; ids are unique within a page when `id_prefix` is.
    """
    views = []
    for network, posts in posts_by_network.items():
        name = network_names[network]
        total = len(posts)
        views.append({
            "network": network,
            "name": name,
            "thread_size": total,
            "posts": [post_view(network, name, number, total, text, limits[network], count_text, post_label,
                                id_prefix)
                      for number, text in enumerate(posts, start=1)],
        })
    return views


def post_view(network, name, number, total, text, limit, count_text, post_label, id_prefix) -> dict:
    length = length_on(network, text)
    return {
        "id": f"{id_prefix}-{network}-{number}",
        "text": text,
        "length": length,
        "limit": limit,
        "count_label": count_text(length, limit),
        "label": post_label(name, number, total),
        "rows": textarea_rows(text),
    }


def share_json(posts_by_network: dict) -> str:
    """The machine-readable file: one key per network, each a list of posts; stable bytes."""
    return json.dumps(posts_by_network, sort_keys=True, ensure_ascii=False, indent=2) + "\n"
