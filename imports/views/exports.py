from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import cache_control

from accounts.members import signed_in_member
from core.http import HtmxRequest, sign_in_required
from core.metadata import not_indexed

from .. import services
from ..models import Export

EXPORTS_SHOWN = 5


@not_indexed
@sign_in_required
@cache_control(private=True, no_store=True)
def export(request: HtmxRequest) -> HttpResponse:
    """Ask for an export of everything one owns, and follow it until it can be downloaded."""
    user = signed_in_member(request)
    if request.method == "POST":
        try:
            services.export_request(user=user)
        except ValidationError as refused:
            messages.error(request, refused.messages[0])
        else:
            messages.success(request, "Your export is being prepared; this page follows it.")
        return redirect("imports:export")
    partial = request.htmx and request.htmx.target == "export-jobs"
    return _page(request, "imports/_exports.html" if partial else "imports/export.html")


def _page(request: HttpRequest, template: str, status: int = 200) -> HttpResponse:
    """The member's latest exports, newest first, with their progress."""
    mine = Export.objects.filter(user=signed_in_member(request)).order_by("-created_at")
    exports = list(mine[:EXPORTS_SHOWN])
    context = {"exports": exports, "pending": any(e.is_pending for e in exports),
               "now": timezone.now(), "keep_days": settings.EXPORT_KEEP_DAYS}  # fmt: skip
    return render(request, template, context, status=status)


@sign_in_required
def export_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The export's zip, for its owner alone; someone else's is simply not found."""
    export = get_object_or_404(Export, pk=pk, user=signed_in_member(request))
    expires_at = export.expires_at
    if export.status != Export.Status.DONE or not export.file or expires_at is None:
        return _gone(request, "This export is not ready yet.", status=404)
    if expires_at <= timezone.now():
        return _gone(request, "This export was removed after a week; please ask for a new one.")
    response = FileResponse(
        export.file.open("rb"), as_attachment=True, filename=export.file.name.rsplit("/", 1)[-1]
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _gone(request: HttpRequest, message: str, status: int = 410) -> HttpResponse:
    messages.error(request, message)
    return _page(request, "imports/export.html", status)
