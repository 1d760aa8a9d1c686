"""The peer: the Fundamentus detalhes.php extraction with BeautifulSoup + lxml (Debian python3-bs4,
python3-lxml), step for step what services/sources/fundamentus/details-parse.ts does.

usage: /usr/bin/python3 bs4_fundamentus.py FILE TICKER WARMUP MIN_MS < rules.json
  rules.json: {"marks": {layout: [label]}, "rules": {layout: [[slot, key, unit, required]]}} (built by
  bench/parse/index.ts from our LAYOUT_RULES, so both sides map the same labels onto the same keys).
Prints one JSON line: {ms, iterations, warmup, python, bs4, lxml, result}; `result` is the page
extracted once, untimed. Each timed iteration is bytes -> BeautifulSoup(bytes, 'lxml') -> dict.
"""
import datetime
import json
import re
import sys
import time

import bs4
import lxml.etree
from bs4 import BeautifulSoup

OSC = "Oscilações"
BR_NUMBER = re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")
DATE = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$")
KINDS = ("label", "data", "nivel1", "nivel2")


class LayoutChanged(Exception):
    pass


def norm(text):
    return " ".join(text.split())


def br_number(t):
    t = t.replace("\xa0", " ").strip()
    if t in ("", "-", "--", "—"):
        return None
    if t.startswith("R$"):
        t = t[2:].lstrip()
    if not BR_NUMBER.match(t):
        raise LayoutChanged(f"not a number: {t!r}")
    return float(t.replace(".", "").replace(",", "."))


def br_percent(t):
    t = t.replace("\xa0", " ").strip()
    if t in ("", "-", "--"):
        return None
    if not t.endswith("%"):
        raise LayoutChanged(f"not a percent: {t!r}")
    return br_number(t[:-1])


def br_date(t):
    t = t.strip()
    if t in ("", "-"):
        return None
    m = DATE.match(t)
    if not m:
        raise LayoutChanged(f"not a date: {t!r}")
    return datetime.date(int(m[3]), int(m[2]), int(m[1])).isoformat()


def read_unit(unit, t):
    if unit == "pct":
        return br_percent(t)
    if unit == "date":
        return br_date(t)
    if unit == "text":
        return None if t in ("", "-") else t
    n = br_number(t)
    if unit == "count" and n is not None:
        if not n.is_integer():
            raise LayoutChanged(f"not a count: {t!r}")
        return int(n)
    return n


def read_loose(t):
    if t in ("", "-"):
        return None
    for read in (br_percent,) if t.endswith("%") else (br_date, br_number):
        try:
            return read(t)
        except LayoutChanged:
            pass
    return t


def pairs_of(soup):
    """Every (label, value, section, period, period_text), columns tracked as details-cells.ts does."""
    out = []
    for table in soup.find_all("table"):
        section_at, period_at = {}, {}
        for tr in table.find_all("tr"):
            col, pending = 0, None
            for td in tr.find_all("td"):
                classes = td.get("class") or []
                kind = next((k for k in KINDS if k in classes), None)
                span = int(td.get("colspan", "1"))
                if pending is not None and kind != "data":
                    raise LayoutChanged(f"label {pending[0]!r} without a value")
                if kind == "nivel1":
                    for c in range(col, col + span):
                        section_at[c] = norm(td.get_text(" "))
                        period_at.pop(c, None)
                elif kind == "nivel2":
                    text = norm(td.get_text(" "))
                    period = {"últimos 12 meses": "12m", "últimos 3 meses": "3m"}.get(text.lower())
                    if period is None:
                        raise LayoutChanged(f"unknown period header {text!r}")
                    for c in range(col, col + span):
                        period_at[c] = (period, text)
                elif kind == "label":
                    txt = td.find("span", class_="txt")
                    pending = (norm((txt or td).get_text(" ")), col)
                elif kind == "data":
                    if pending is None:
                        raise LayoutChanged("value cell without a label")
                    value = norm(td.get_text(" "))
                    period, period_text = period_at.get(pending[1], (None, None))
                    if pending[0] or value:
                        out.append((pending[0], value, section_at.get(pending[1], ""), period, period_text))
                    pending = None
                col += span
    return out


def extract(soup, ticker, spec):
    pairs = pairs_of(soup)
    labels = {p[0] for p in pairs}
    found = [lay for lay, marks in spec["marks"].items() if any(m in labels for m in marks)]
    if len(found) != 1:
        raise LayoutChanged(f"layouts found: {found}")
    layout = found[0]
    rules = {r[0]: r for r in spec["rules"][layout]}
    values, extra, seen, code = {}, {}, set(), None
    for label, value, section, period, period_text in pairs:
        slot = f"{label} @{period}" if period else f"osc:{label}" if section == OSC else label
        if slot in seen:
            raise LayoutChanged(f"label {slot!r} twice")
        seen.add(slot)
        rule = rules.get(slot)
        if rule and rule[1] == "ticker":
            code = value.upper()
        elif rule and rule[1] != "extra":
            values[rule[1]] = read_unit(rule[2], value)
        else:
            name = f"{label} ({period_text})" if period_text else label
            unit = rule[2] if rule else "pct" if section == OSC else None
            extra[name] = read_unit(unit, value) if unit else read_loose(value)
    missing = [s for s, r in rules.items() if r[3] and s not in seen]
    if missing:
        raise LayoutChanged(f"missing {missing}")
    title = re.search(r"FUNDAMENTUS - (\S+) -", soup.title.get_text() if soup.title else "")
    for c in (code, title and title[1].upper()):
        if c is not None and c != ticker:
            raise LayoutChanged(f"page is about {c}, not {ticker}")
    date = values.get("price_date")
    return {"ticker": ticker, "layout": layout, "as_of": date, "values": values, "extra": extra}


def main():
    path, ticker, warmup, min_ms = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    spec = json.load(sys.stdin)
    with open(path, "rb") as f:
        data = f.read()

    def run():
        return extract(BeautifulSoup(data, "lxml"), ticker, spec)

    result = run()
    for _ in range(warmup):
        run()
    n, t0 = 0, time.perf_counter()
    while (time.perf_counter() - t0) * 1000 < min_ms:
        for _ in range(10):
            run()
        n += 10
    ms = (time.perf_counter() - t0) * 1000
    print(json.dumps({
        "ms": ms, "iterations": n, "warmup": warmup, "python": sys.version.split()[0],
        "bs4": bs4.__version__, "lxml": ".".join(map(str, lxml.etree.LXML_VERSION[:3])), "result": result,
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
