from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from newsdesk.comments.forms import CommentForm
from newsdesk.comments.services import comment_post
from newsdesk.newsroom.models import Article


@require_POST
def post(request: HttpRequest, article_id: int) -> HttpResponse:
    """A plain form POST that works without JavaScript: on success, back to the new comment."""
    article = get_object_or_404(Article.objects.live().select_related("section"), pk=article_id)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            comment = comment_post(article=article, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(f"{article.get_absolute_url()}#comment-{comment.pk}", permanent=False)
    return render(
        request, "comments/form_page.html", {"article": article, "form": form}, status=400
    )
