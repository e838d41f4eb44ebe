"""A browser's part in the production smoke test: plain HTTP with cookies, and forms sent back as a
browser would send them."""

import http.client
import urllib.parse
from html.parser import HTMLParser


class Browser:
    """Plain HTTP to 127.0.0.1 with a Host header of our choice, keeping cookies like a browser."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, host: str, path: str, form: list | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Host": f"{host}:{self.port}", "Accept-Language": "en"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{host}:{self.port}{path}"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response, content

    def get(self, host: str, path: str):
        return self.request("GET", host, path)

    def post(self, host: str, path: str, form: list):
        return self.request("POST", host, path, form)


class Forms(HTMLParser):
    """The fields every <form> of a page would send back, as a browser would."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[list[tuple[str, str]]] = []
        self._textarea = self._select = None
        self._text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append([])
        elif not self.forms:
            return
        elif tag == "input" and attrs.get("name") and not attrs.get("disabled"):
            kind = attrs.get("type", "text").lower()
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.forms[-1].append((attrs["name"], attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea" and attrs.get("name"):
            self._textarea, self._text = attrs["name"], []
        elif tag == "select" and attrs.get("name"):
            self._select = attrs["name"]
        elif tag == "option" and self._select and "selected" in attrs:
            self.forms[-1].append((self._select, attrs.get("value", "")))

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea:
            self.forms[-1].append((self._textarea, "".join(self._text)))
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)


def form_with(html: str, field: str) -> list[tuple[str, str]]:
    parser = Forms()
    parser.feed(html)
    return next(form for form in parser.forms if any(name == field for name, _ in form))


def replaced(form: list[tuple[str, str]], **values) -> list[tuple[str, str]]:
    kept = [(name, value) for name, value in form if name not in values]
    return kept + list(values.items())
