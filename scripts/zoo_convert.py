#!/usr/bin/env python3
"""Python-side converters for scripts/zoo (run with the zoo venv's python).

  nest EXPECTED.json OUT.json        expected file -> data file `gongkai render` reads
  html2text IN.html OUT.md           html2text with body_width=0 (no hard wrapping)
  pdfplumber IN.pdf TEXT.txt TABLES.md
                                     page.extract_text() pages joined by newlines, and
                                     extract_tables() as Markdown pipe tables interleaved with
                                     the page text outside the tables (top-to-bottom order)

Each subcommand handles one input so that scripts/zoo can put a timeout on it.
"""
import json
import sys


def nest(src, dst):
    # The expected files hold cells flat ("requests.applicants.natural.new": 3); ReportInput walks
    # dotted keys through nested objects, so nest them. null stays null (a blank cell).
    with open(src, encoding="utf-8") as f:
        expected = json.load(f)
    out = {k: expected[k] for k in ("format", "year", "agency", "published", "title", "variant")
           if expected.get(k) is not None}
    for key, value in expected["cells"].items():
        node = out
        *parents, leaf = key.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = value
    with open(dst, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)


def html_to_text(src, dst):
    import html2text

    h = html2text.HTML2Text()
    h.body_width = 0
    with open(src, encoding="utf-8", errors="replace") as f:
        text = h.handle(f.read())
    with open(dst, "w", encoding="utf-8") as f:
        f.write(text)


def _is_cjk(ch):
    return "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"


def _cell(text):
    # A cell's wrapped lines: joined without a space between Chinese characters (as a reader
    # would see them), with one space otherwise; pipes escaped so the row stays a row.
    if text is None:
        return ""
    parts = [p.strip() for p in text.split("\n") if p.strip()]
    out = ""
    for p in parts:
        if out and not (_is_cjk(out[-1]) and _is_cjk(p[0])):
            out += " "
        out += p
    return out.replace("|", "\\|")


def _markdown_table(rows):
    rows = [[_cell(c) for c in row] for row in rows if row]
    if not rows:
        return ""
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return "\n".join(lines)


def pdfplumber_outputs(src, text_dst, tables_dst):
    import pdfplumber

    texts, mixed = [], []
    with pdfplumber.open(src) as pdf:
        for page in pdf.pages:
            texts.append(page.extract_text() or "")
            tables = page.find_tables()
            boxes = [t.bbox for t in tables]

            def outside(obj, boxes=boxes):
                cx = (obj["x0"] + obj["x1"]) / 2
                cy = (obj["top"] + obj["bottom"]) / 2
                return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

            items = [(line["top"], line["text"]) for line in page.filter(outside).extract_text_lines()]
            items += [(t.bbox[1], "\n" + _markdown_table(t.extract()) + "\n") for t in tables]
            items.sort(key=lambda item: item[0])
            mixed.append("\n".join(text for _, text in items))
    with open(text_dst, "w", encoding="utf-8") as f:
        f.write("\n".join(texts) + "\n")
    with open(tables_dst, "w", encoding="utf-8") as f:
        f.write("\n\n".join(mixed) + "\n")


def main(argv):
    commands = {"nest": (nest, 2), "html2text": (html_to_text, 2), "pdfplumber": (pdfplumber_outputs, 3)}
    if len(argv) < 2 or argv[1] not in commands or len(argv) - 2 != commands[argv[1]][1]:
        sys.stderr.write(__doc__)
        return 2
    fn, _ = commands[argv[1]]
    fn(*argv[2:])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
