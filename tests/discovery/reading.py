"""Reading what a page's head says to machines, as a crawler's HTML parser reads it."""

import json
from html.parser import HTMLParser


class HeadReader(HTMLParser):
    """The JSON-LD scripts' texts (as the HTML parser ends them: at the first ``</script``) and the
    ``<meta property|name content>`` and ``<link rel=alternate hreflang>`` of a page."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.json_ld: list[str] = []
        self.scripts = 0  # every <script> element written in the page, JSON-LD or not (not those with a src)
        self.meta: list[tuple[str, str]] = []
        self.hreflang: dict[str, str] = {}
        self._in_json_ld = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and "src" not in attrs:
            self.scripts += 1
            self._in_json_ld = attrs.get("type") == "application/ld+json"
            if self._in_json_ld:
                self.json_ld.append("")
        elif tag == "meta" and (attrs.get("property") or attrs.get("name")):
            self.meta.append((attrs.get("property") or attrs.get("name"), attrs.get("content", "")))
        elif tag == "link" and attrs.get("rel") == "alternate" and "hreflang" in attrs:
            self.hreflang[attrs["hreflang"]] = attrs["href"]

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld[-1] += data

    def objects(self) -> list[dict]:
        return [json.loads(text) for text in self.json_ld]

    def first(self, key: str) -> str | None:
        return next((content for name, content in self.meta if name == key), None)

    def all(self, key: str) -> list[str]:
        return [content for name, content in self.meta if name == key]
