"""Demo recommendations: 27 for "1 Litre of Tears", the two illness dramas first.

Reasons are the project's own words; the few facts about the extra titles (names, years,
countries, networks) are ones we are sure of, and anything uncertain is left blank. Reasons
and votes come from the demo viewers of ratings.py. Running it twice changes nothing.
"""

from __future__ import annotations

from django.db import transaction

from accounts.models import User
from demo.ratings import viewer_name
from recommendations.counts import recommendation_counts_recompute
from recommendations.models import Recommendation, RecommendationReason, RecommendationVote
from recommendations.services import recommendation_add
from recommendations.similar import similar_titles_compute
from titles.models import Network, Title

# Titles the recommendations need beyond the demo catalogue of titles.py:
# (title, native title, year, kind, country, network, episodes).
EXTRA_TITLES = [
    (
        "Sekai no Chuushin de, Ai wo Sakebu",
        "世界の中心で、愛をさけぶ",
        2004,
        "drama",
        "JP",
        "TBS",
        11,
    ),
    ("Orange Days", "オレンジデイズ", 2004, "drama", "JP", "TBS", 11),
    ("Boku no Ikiru Michi", "僕の生きる道", 2003, "drama", "JP", None, None),
    ("Thank You", "고맙습니다", 2007, "drama", "KR", "MBC", 16),
    ("Stairway to Heaven", "천국의 계단", 2003, "drama", "KR", "SBS", 20),
    ("Autumn in My Heart", "가을동화", 2000, "drama", "KR", "KBS2", None),
    ("I'm Sorry, I Love You", "미안하다, 사랑한다", 2004, "drama", "KR", "KBS2", 16),
    ("It's Okay, That's Love", "괜찮아, 사랑이야", 2014, "drama", "KR", "SBS", 16),
    ("The Light in Your Eyes", "눈이 부시게", 2019, "drama", "KR", "JTBC", 12),
    ("Navillera", "나빌레라", 2021, "drama", "KR", "tvN", 12),
    ("A Moment to Remember", "내 머리 속의 지우개", 2004, "movie", "KR", None, None),
    ("Let Me Eat Your Pancreas", "君の膵臓をたべたい", 2017, "movie", "JP", None, None),
    ("Code Blue", "コード・ブルー -ドクターヘリ緊急救命-", 2008, "drama", "JP", "Fuji TV", None),
    ("Hospital Playlist", "슬기로운 의사생활", 2020, "drama", "KR", "tvN", 12),
    ("Nobuta wo Produce", "野ブタ。をプロデュース", 2005, "drama", "JP", "NTV", 10),
    ("Last Friends", "ラスト・フレンズ", 2008, "drama", "JP", "Fuji TV", 11),
    ("Winter Sonata", "겨울연가", 2002, "drama", "KR", "KBS2", 20),
    ("Tatta Hitotsu no Koi", "たったひとつの恋", 2006, "drama", "JP", "NTV", None),
]

# For "1 Litre of Tears": (other title, votes, reasons). Most votes first, so the two
# illness dramas are the two the title page shows.
RECOMMENDATIONS = [
    ("Pure Soul", 48, [
        "Both follow a young woman whose illness slowly takes away what she can do, and the "
        "people who refuse to leave her side. Pure Soul trades the school for a marriage, but "
        "the quiet courage is the same.",
        "If the family scenes in 1 Litre of Tears got to you, watch Pure Soul next: a husband "
        "learning to love someone who forgets a little more of him every day. Keep tissues close.",
        "Another story about a degenerative illness that is told gently and honestly, with a "
        "partner who stays exactly when staying is hardest.",
    ]),
    ("Taiyou no Uta", 41, [
        "A teenage girl with a rare illness who still wants an ordinary life: a crush, music, a "
        "future. Like Aya, Kaoru meets it with stubborn hope rather than self-pity.",
        "Same lead actress a year later, and another girl whose illness shapes every choice she "
        "makes. The songs make it gentler, but the last episodes hurt just as much.",
    ]),
    ("Sekai no Chuushin de, Ai wo Sakebu", 29, [
        "A first love cut short by leukemia, told through a man's memories of his high school "
        "days. Same era of Japanese drama, same ache that stays long after the final episode.",
        "Yamada Takayuki and Ayase Haruka early in their careers, in a story where a girl's "
        "illness changes the boy who loves her for good. Beautifully filmed.",
    ]),
    ("Let Me Eat Your Pancreas", 24, [
        "A quiet classmate finds the diary of a cheerful girl with a serious illness of the "
        "pancreas. The diary, the school and the unhurried friendship all echo Aya's story.",
    ]),
    ("Orange Days", 21, [
        "University friends and a young woman who lost her hearing to illness and has to "
        "rebuild who she is. Less tragic than 1 Litre of Tears, just as honest about disability.",
    ]),
    ("Boku no Ikiru Michi", 18, [
        "A teacher told he has about a year to live decides to spend it well. Like Aya's diary, "
        "it asks what a good day looks like when the days are counted.",
    ]),
    ("A Moment to Remember", 17, [
        "A young wife with early-onset Alzheimer's and the husband who will not let her go. It "
        "grew out of the same story as Pure Soul, told as a film, so it moves faster.",
    ]),
    ("Thank You", 15, [
        "A small island, a little girl carrying an illness her neighbours fear, and a doctor "
        "who stays. It is about kindness and prejudice more than medicine, and warm where this "
        "is heavy.",
    ]),
    ("Navillera", 14, [
        "A retired postman in his seventies takes up ballet while a diagnosis threatens to take "
        "his memories. Hopeful, funny and heartbreaking in turn.",
    ]),
    ("The Light in Your Eyes", 12, [
        "Read nothing about it before you start. Just know that it looks at memory, ageing and "
        "family with a tenderness that fans of Aya's story will recognise.",
    ]),
    ("I'm Sorry, I Love You", 11, [
        "A young man with a bullet lodged in his head and little time left comes home to find "
        "the mother who gave him up. Raw and unsentimental about dying young.",
    ]),
    ("Autumn in My Heart", 10, [
        "Two children swapped at birth, a love that cannot be, and an illness at the end. One of "
        "the dramas that defined the tearjerker for a whole generation of viewers.",
    ]),
    ("It's Okay, That's Love", 9, [
        "A psychiatrist and a novelist, in a drama that treats mental illness with the respect "
        "1 Litre of Tears gives a physical one. Nobody is reduced to a diagnosis.",
    ]),
    ("Stairway to Heaven", 8, [
        "Full melodrama next to the restraint of 1 Litre of Tears, but if you want another story "
        "where illness tests a love that began in childhood, this is the classic.",
    ]),
    ("Code Blue", 7, [
        "For the hospital side of the story: young doctors learning that medicine cannot fix "
        "everything. Aya's patient, honest Dr. Mizuno would fit right in with this team.",
    ]),
    ("Hospital Playlist", 6, [
        "Doctors who see their patients as people. Many cases are long illnesses and families "
        "waiting for news, handled with real warmth and a lot of humour.",
    ]),
    ("Nobuta wo Produce", 6, [
        "Another 2005 school drama about an outsider and the classmates who decide to stand by "
        "her. Lighter in tone, but it shares the wish to be seen for who you are.",
    ]),
    ("Reply 1988", 5, [
        "Families and neighbours who show up for each other. The Ikeuchi family's love is the "
        "heart of 1 Litre of Tears, and Reply 1988 is built entirely from that kind of love.",
    ]),
    ("Tatta Hitotsu no Koi", 4, [
        "If Haruto and Aya's scenes were your favourites: two young people from very different "
        "homes, families with opinions about it, and a love that has to grow up fast.",
    ]),
    ("Last Friends", 4, [
        "A darker, more grown-up drama about people carrying pain that others cannot see. If "
        "this one made you value honest, difficult television, try it next.",
    ]),
    ("Nodame Cantabile", 3, [
        "When you need to laugh again after Aya's story: music students, chaos and a lot of "
        "heart, from the same network a year later.",
    ]),
    ("Winter Sonata", 3, [
        "A classic of the same decade about first love, loss and memory. Less about illness "
        "than about how the past shapes us, but the emotional pull is much the same.",
    ]),
    ("Hana Yori Dango", 2, [
        "Same year, same generation of actors, and a heroine who will not bow to anyone. Much "
        "lighter: good for an evening after the heavier episodes.",
    ]),
    ("Crash Landing on You", 2, [
        "Two people from worlds that should never meet, and everyone around them choosing "
        "kindness. Long, but worth it after something as heavy as this.",
    ]),
    ("Guardian: The Lonely and Great God", 1, [
        "Death, fate and what we owe the people we love, told as a fantasy. The grief feels real "
        "even when nothing else in the story is.",
    ]),
    ("The Full-Time Wife Escapist", 1, [
        "Nothing tragic here, and that is the point: a funny, honest drama about two people "
        "learning to talk to each other. The perfect palate cleanser.",
    ]),
    ("Your Name.", 0, [
        "A film about connection across distance and time, and about refusing to lose someone. "
        "Much shorter than a drama and just as moving.",
    ]),
]  # fmt: skip

# Demo viewers who write reasons and who vote; kept apart so nobody votes for their own pair.
FIRST_AUTHOR = 101
FIRST_VOTER = 1001


@transaction.atomic
def load_extra_titles() -> list[Title]:
    titles = []
    for name, native, year, kind, country, network, episodes in EXTRA_TITLES:
        title, _ = Title.objects.get_or_create(
            title=name,
            year=year,
            defaults={
                "native_title": native,
                "kind": kind,
                "country": country,
                "episodes": episodes,
                "network": (
                    Network.objects.get_or_create(name=network, defaults={"country": country})[0]
                    if network
                    else None
                ),
            },
        )
        titles.append(title)
    return titles


@transaction.atomic
def load_recommendations(seed: Title) -> list[Recommendation]:
    """The seed title's 27 recommendations, with reasons and votes from demo viewers."""
    load_extra_titles()
    others = {t.title: t for t in Title.objects.filter(title__in=[r[0] for r in RECOMMENDATIONS])}
    authors = _users(FIRST_AUTHOR, sum(len(reasons) for _, _, reasons in RECOMMENDATIONS))
    voters = _users(FIRST_VOTER, sum(votes for _, votes, _ in RECOMMENDATIONS))
    recommendations = []
    for name, votes, reasons in RECOMMENDATIONS:
        other = others[name]
        low, high = sorted((seed.pk, other.pk))
        done = set(
            RecommendationReason.objects.filter(
                recommendation__title_low_id=low, recommendation__title_high_id=high
            ).values_list("user_id", flat=True)
        )
        for text in reasons:
            author = authors.pop(0)
            if author.pk not in done:
                recommendation_add(user=author, title=seed, other=other, reason=text)
        recommendation = Recommendation.objects.get(title_low_id=low, title_high_id=high)
        RecommendationVote.objects.bulk_create(
            [
                RecommendationVote(recommendation=recommendation, user=voters.pop(0))
                for _ in range(votes)
            ],
            ignore_conflicts=True,
        )
        recommendations.append(recommendation)
    # The votes went in as one batch; set the counters from them.
    recommendation_counts_recompute()
    return recommendations


def load_similar_titles() -> None:
    similar_titles_compute()


def _users(first: int, count: int) -> list[User]:
    names = [viewer_name(n) for n in range(first, first + count)]
    users = {u.username: u for u in User.objects.filter(username__in=names)}
    missing = [name for name in names if name not in users]
    if missing:
        raise RuntimeError(f"Load the demo viewers first; {len(missing)} are missing.")
    return [users[name] for name in names]
