"""The benchmark's tables, and the figures computed from its measurements."""

from __future__ import annotations

# The bound: a page's median latency on large data within this factor of small data.
P50_RATIO_LIMIT = 1.3


def floor_ratios(targets: dict[str, dict]) -> dict[str, float | None]:
    """The title page's throughput as a fraction of the floor's, signed out and signed in."""
    floor = targets.get("floor", {}).get("requests_per_second")

    def ratio(name: str) -> float | None:
        page = targets.get(name, {}).get("requests_per_second")
        return round(page / floor, 3) if floor and page is not None else None

    return {
        "signed_out": ratio("title, signed out"),
        "signed_in": ratio("title, signed in"),
        "signed_out_page_cache_off": ratio("title, signed out · page cache off"),
        "signed_in_page_cache_off": ratio("title, signed in · page cache off"),
        "after_comment": ratio("title after one comment"),
        "search": ratio("search"),
        "search_typo": ratio("search with a typo"),
    }


def compare(scales: dict[str, dict]) -> list[dict]:
    """Each later scale against the first, target by target."""
    names = list(scales)
    rows = []
    for other in names[1:]:
        base_targets, other_targets = scales[names[0]]["targets"], scales[other]["targets"]
        for target, base in base_targets.items():
            if target not in other_targets:
                continue
            mine = other_targets[target]
            ratio = round(mine["p50_ms"] / base["p50_ms"], 2) if base["p50_ms"] else None
            rows.append(
                {
                    "target": target,
                    "base": names[0],
                    "other": other,
                    "p50_base_ms": base["p50_ms"],
                    "p50_other_ms": mine["p50_ms"],
                    "ratio": ratio,
                    "within_limit": ratio is not None and ratio <= P50_RATIO_LIMIT,
                    "queries_equal": base["queries"] == mine["queries"],
                }
            )
    return rows


def print_scale(scale: str, result: dict) -> None:
    data = ", ".join(f"{count:,} {name}" for name, count in result["data"].items())
    print(f"\n{scale}: {result['database']} ({result['data_source']}: {data})")
    rows = [["target", "req/s", "p50 ms", "p99 ms", "queries (out / in)"]]
    for name, target in result["targets"].items():
        rows.append(
            [
                name,
                f"{target['requests_per_second']:.1f}",
                f"{target['p50_ms']:.1f}",
                f"{target['p99_ms']:.1f}",
                _queries(target["queries"]),
            ]
        )
    _table(rows)
    ratios = result["title_vs_floor"]
    print(
        "title page throughput / floor: "
        f"signed out {_fraction(ratios['signed_out'])}, "
        f"signed in {_fraction(ratios['signed_in'])}; "
        f"page cache off: signed out {_fraction(ratios['signed_out_page_cache_off'])}, "
        f"signed in {_fraction(ratios['signed_in_page_cache_off'])}; "
        f"after one comment {_fraction(ratios['after_comment'])}; "
        f"search {_fraction(ratios['search'])}, with a typo {_fraction(ratios['search_typo'])}"
    )
    if mixed := result.get("mixed"):
        floor = result["targets"].get("floor", {}).get("requests_per_second")
        share = mixed["requests_per_second"] / floor if floor else None
        counts = mixed["counts"]
        print(
            f"mixed day: {mixed['titles']} titles, {mixed['requests_per_second']:.1f} req/s "
            f"({_fraction(share)} of the floor), p50 {mixed['p50_ms']:.1f} ms, "
            f"p99 {mixed['p99_ms']:.1f} ms; {counts.get('visitor reads', 0)} visitor reads, "
            f"{counts.get('member reads', 0)} member reads, {counts.get('writes', 0)} writes; "
            f"hit ratios: pages {_fraction(mixed['page_hit_ratio'])}, parts "
            f"{_fraction(mixed['part_hit_ratio'])}, threads "
            f"{_fraction(mixed['fragment_hit_ratio'])}; {mixed['differences']} of "
            f"{mixed['compared']} stored pages differ from a fresh render"
        )
    check = result["recompute_stats"]
    print(
        "recompute_stats --check after the writes: "
        + ("no difference" if check["ok"] else "DIFFERENCES:\n  " + "\n  ".join(check["output"]))
    )


def print_comparison(rows: list[dict]) -> None:
    for other in dict.fromkeys(row["other"] for row in rows):
        mine = [row for row in rows if row["other"] == other]
        base = mine[0]["base"]
        print(f"\n{other} against {base} (p50 within {P50_RATIO_LIMIT}x, same query counts):")
        table = [["target", f"p50 {base}", f"p50 {other}", "ratio", "queries equal?"]]
        for row in mine:
            mark = "" if row["within_limit"] else " over"
            table.append(
                [
                    row["target"],
                    f"{row['p50_base_ms']:.1f}",
                    f"{row['p50_other_ms']:.1f}",
                    f"{row['ratio']:.2f}{mark}",
                    "yes" if row["queries_equal"] else "NO",
                ]
            )
        _table(table)


def _queries(queries: dict[str, int]) -> str:
    if set(queries) <= {"out", "in"}:
        return f"{queries.get('out', '-')} / {queries.get('in', '-')}"
    return ", ".join(f"{kind} {count}" for kind, count in queries.items())


def _fraction(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _table(rows: list[list[str]]) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for number, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [
            cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)
        ]
        print("  ".join(cells).rstrip())
        if number == 0:
            print("  ".join("-" * width for width in widths))
