"""How much pages show and how long members' text may be: page sizes, limits, and the
ratings and similarity formulas' parameters. The settings module takes all of them in, and each
can be set from the environment."""

from dramadb.environment import envfloat, envint

# How many titles per page on lists, and how many cast members the title page previews.
TITLES_PER_PAGE = envint("TITLES_PER_PAGE", 24)
# Search: how many titles and people one search shows.
SEARCH_TITLES_SHOWN = envint("SEARCH_TITLES_SHOWN", 40)
SEARCH_PEOPLE_SHOWN = envint("SEARCH_PEOPLE_SHOWN", 12)
PEOPLE_PER_PAGE = envint("PEOPLE_PER_PAGE", 24)
# /top/ lists titles scored by at least this many members.
TOP_MIN_RATINGS = envint("TOP_MIN_RATINGS", 10)
CAST_PREVIEW_SIZE = envint("CAST_PREVIEW_SIZE", 6)
# A title's episodes page; a long series runs over several.
EPISODES_PER_PAGE = envint("EPISODES_PER_PAGE", 50)
# The airing schedule shows at most this many episodes a day.
SCHEDULE_PER_DAY = envint("SCHEDULE_PER_DAY", 40)

# Comments: which models take them, how fast and how long, and how much one page shows.
COMMENT_TARGET_MODELS = ["titles.Title", "titles.Episode", "reviews.Review"]
COMMENT_RATE_LIMIT_SECONDS = envint("COMMENT_RATE_LIMIT_SECONDS", 10)
COMMENT_MAX_LENGTH = envint("COMMENT_MAX_LENGTH", 10_000)
COMMENT_THREADS_PER_PAGE = envint("COMMENT_THREADS_PER_PAGE", 20)
# A busy thread shows its first replies on the title page and links to its own page.
COMMENT_REPLIES_PER_THREAD_ON_PAGE = envint("COMMENT_REPLIES_PER_THREAD_ON_PAGE", 10)
COMMENT_REPLIES_PER_PAGE = envint("COMMENT_REPLIES_PER_PAGE", 50)
COMMENT_INDENT_CAP = envint("COMMENT_INDENT_CAP", 4)

# The moderation queue: reported items per page; reports and past actions shown per item.
MODERATION_ITEMS_PER_PAGE = envint("MODERATION_ITEMS_PER_PAGE", 20)
MODERATION_REPORTS_SHOWN = envint("MODERATION_REPORTS_SHOWN", 50)
MODERATION_HISTORY_SHOWN = envint("MODERATION_HISTORY_SHOWN", 10)

# Ratings: m in the weighted score WR = v/(v+m)·R + m/(v+m)·C, and list sizes on pages.
RATING_WEIGHT_MIN_VOTES = envint("RATING_WEIGHT_MIN_VOTES", 100)
RECENT_WATCHERS_SHOWN = envint("RECENT_WATCHERS_SHOWN", 8)
LIST_ENTRIES_PER_PAGE = envint("LIST_ENTRIES_PER_PAGE", 50)
LIST_ITEMS_PER_PAGE = envint("LIST_ITEMS_PER_PAGE", 50)  # a member's own lists of titles

# Reviews: body length limits and list sizes.
REVIEW_MIN_LENGTH = envint("REVIEW_MIN_LENGTH", 100)
REVIEW_MAX_LENGTH = envint("REVIEW_MAX_LENGTH", 20_000)
REVIEWS_ON_TITLE_PAGE = envint("REVIEWS_ON_TITLE_PAGE", 2)
REVIEWS_PER_PAGE = envint("REVIEWS_PER_PAGE", 20)
# Recommendations: how many the title page shows, page sizes, and title-search suggestions.
RECOMMENDATIONS_ON_TITLE_PAGE = envint("RECOMMENDATIONS_ON_TITLE_PAGE", 2)
RECOMMENDATIONS_PER_PAGE = envint("RECOMMENDATIONS_PER_PAGE", 20)
RECOMMENDATION_SEARCH_RESULTS = envint("RECOMMENDATION_SEARCH_RESULTS", 8)

# Similar titles (`manage.py compute_similar`, explained on /help/recommendations/): a "like" is
# a score of at least SIMILAR_LIKED_SCORE; each user counts with at most SIMILAR_LIKES_PER_USER of
# their best-scored titles; a pair needs SIMILAR_MIN_CO_LIKERS users who liked both; each title
# keeps its SIMILAR_TITLES_KEPT best. The title page shows SIMILAR_TITLES_SHOWN of them when it
# has fewer than SIMILAR_SHOWN_BELOW_RECOMMENDATIONS recommendations from users.
SIMILAR_LIKED_SCORE = envfloat("SIMILAR_LIKED_SCORE", 8.0)
SIMILAR_LIKES_PER_USER = envint("SIMILAR_LIKES_PER_USER", 50)
SIMILAR_MIN_CO_LIKERS = envint("SIMILAR_MIN_CO_LIKERS", 3)
SIMILAR_TITLES_KEPT = envint("SIMILAR_TITLES_KEPT", 10)
SIMILAR_TITLES_SHOWN = envint("SIMILAR_TITLES_SHOWN", 6)
SIMILAR_SHOWN_BELOW_RECOMMENDATIONS = envint("SIMILAR_SHOWN_BELOW_RECOMMENDATIONS", 2)

# News & Articles: how many the title page shows, and the index's page size.
NEWS_ON_TITLE_PAGE = envint("NEWS_ON_TITLE_PAGE", 2)
NEWS_PER_PAGE = envint("NEWS_PER_PAGE", 10)

# Members' formatted text (comments, reviews): how many @mentions of one post are linked and
# notified; the rest stay plain text.
MENTIONS_MAX = envint("MENTIONS_MAX", 10)
