"""A space's search page: its own live public pages, found by their text in the language being read."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import translation

from sites.spaces.languages import language_name_for_reader

from .results import MAX_QUERY_LENGTH, describe, matching_texts

RESULTS_PER_PAGE = 10


def search(request):
    space = getattr(request, "space", None)
    if space is None:
        raise Http404("Search belongs to a space's site.")
    language = translation.get_language()
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    context = {"space": space, "query": query, "language_name": language_name_for_reader(language)}
    if query:
        page = Paginator(matching_texts(space, language, query), RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        context |= {"page_obj": page, "results": describe(page.object_list, space, language, query)}
    return render(request, "sitesearch/search.html", context)
