"""The cheapest Django response, the web benchmark's floor: a view returning a fixed string, no
middleware, no application, no database (gunicorn ``bench.floor.wsgi:application``). What a page
from Socle's cache costs beyond it is what the page cache and the middleware cost."""
