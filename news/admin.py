from django.contrib import admin

from accounts.models import User
from core.history_admin import HistoryAdmin
from core.versions import NEWS

from .models import Article


@admin.register(Article)
class ArticleAdmin(HistoryAdmin):
    list_display = ["headline", "published_at", "is_published", "author"]
    list_filter = ["published_at", "author"]
    search_fields = ["headline", "blurb", "body"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["titles"]
    list_select_related = ["author"]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "blurb", "body"]}),
        ("Image", {"fields": ["image", "image_alt"]}),
        ("Publication", {"fields": ["published_at", "titles", "author"]}),
    ]

    def pages_of(self, article: Article) -> list[str]:
        """The news pages, and the pages of the titles it is about (they list their articles)."""
        return [NEWS]

    @admin.display(boolean=True, description="published")
    def is_published(self, article: Article) -> bool:
        return article.is_published

    def get_changeform_initial_data(self, request) -> dict:
        return {"author": request.user.pk, **super().get_changeform_initial_data(request)}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "author":
            # Only staff write articles; listing every member would be a very long menu.
            kwargs["queryset"] = User.objects.filter(is_staff=True).order_by("username")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
