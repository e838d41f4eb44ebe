"""A stock Wagtail project, the web benchmark's yardstick: what Socle's pages cost beside Wagtail's own.

Laid out as ``wagtail start`` lays one out (its apps and middleware, DEBUG off), with one page type
of its own and a template of a size like Socle's. Project and app in one package: it has one page
type, and nothing else to keep apart.
"""
