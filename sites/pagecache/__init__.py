"""Visitors' pages, and the fragments they share, cached per space in Redis and purged by tag.

``store`` keeps and purges pages, ``fragments`` the parts many pages share, ``tags`` records what a
page shows while it renders, ``middleware`` serves them. Redis is a cache, not a condition of
serving: with it down every page is rendered afresh, and when it returns no page that changed
meanwhile is served from it (``outage`` says how, and exactly what is guaranteed; ``redis`` is the
production backend that applies it to every use of the cache, Wagtail's included).
"""
