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
                  post_label, id_prefix: str, join_names=None, count_on=None) -> list[dict]:
    """[{network, name, thread_size, posts: [{id, text, label, rows, counts}]}], one view per network;
    counts: [{networks, length, limit, label}], the post's length against each network's limit.

    With `join_names(names)` and `count_on(names, count)`, networks whose posts are the same texts
    share one view (an article's text is often the same on four networks: one box to copy, not four
    alike); its counts group the networks that count the text alike ("LinkedIn und XING: 257 von
    3.000 Zeichen"). `count_text(length, limit)` and `post_label(name, number, total)` give the words of
    the site's language; ids are unique within a page when `id_prefix` is.
    """
    groups: dict[tuple, list] = {}
    for network, posts in posts_by_network.items():
        key = tuple(posts) if join_names else (network,)
        groups.setdefault(key, []).append(network)
    views = []
    for networks in groups.values():
        posts = posts_by_network[networks[0]]
        names = [network_names[network] for network in networks]
        name = join_names(names) if len(names) > 1 else names[0]
        total = len(posts)
        views.append({
            "network": networks[0],
            "name": name,
            "thread_size": total,
            "posts": [post_view(networks, name, number, total, text, limits, network_names, count_text,
                                count_on, post_label, id_prefix)
                      for number, text in enumerate(posts, start=1)],
        })
    return views


def post_view(networks, name, number, total, text, limits, network_names, count_text, count_on, post_label,
              id_prefix) -> dict:
    return {
        "id": f"{id_prefix}-{networks[0]}-{number}",
        "text": text,
        "label": post_label(name, number, total),
        "rows": textarea_rows(text),
        "counts": post_counts(networks, text, limits, network_names, count_text, count_on),
    }


def post_counts(networks, text, limits, network_names, count_text, count_on) -> list[dict]:
    """One count per (length, limit) the networks give the text; named when the box is shared."""
    by_measure: dict[tuple, list] = {}
    for network in networks:
        by_measure.setdefault((length_on(network, text), limits[network]), []).append(network)
    counts = []
    for (length, limit), alike in by_measure.items():
        label = count_text(length, limit)
        if len(networks) > 1:
            label = count_on([network_names[network] for network in alike], label)
        counts.append({"networks": " ".join(alike), "length": length, "limit": limit, "label": label})
    return counts


def share_json(posts_by_network: dict) -> str:
    """The machine-readable file: one key per network, each a list of posts; stable bytes."""
    return json.dumps(posts_by_network, sort_keys=True, ensure_ascii=False, indent=2) + "\n"
