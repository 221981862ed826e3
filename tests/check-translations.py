#!/usr/bin/python3
"""The translation checks of issue 8, run as a unit test:
- po/POTFILES.in lists every source file that marks strings for translation (and only files
  that exist);
- every string marked in those files has a German translation in po/de.po (not empty, not
  fuzzy), so `LANGUAGE=de voxelscope` is German throughout.
Usage: check-translations.py SOURCE_ROOT"""
import os
import re
import subprocess
import sys
import tempfile

root = sys.argv[1]
listed = [l.strip() for l in open(os.path.join(root, "po", "POTFILES.in")) if l.strip() and not l.startswith("#")]
problems = []
for path in listed:
    if not os.path.exists(os.path.join(root, path)):
        problems.append(f"POTFILES.in lists {path}, which does not exist")
marker = re.compile(r"\b(?:N_|C_|_)\(")
for folder in ("app", "ui", "render", "analysis"):
    for dirpath, _, files in os.walk(os.path.join(root, folder)):
        for name in files:
            if name.endswith(".c"):
                rel = os.path.relpath(os.path.join(dirpath, name), root)
                if marker.search(open(os.path.join(root, rel), encoding="utf-8").read()) and rel not in listed:
                    problems.append(f"{rel} marks strings for translation but is not in po/POTFILES.in")

sources = [p for p in listed if p.endswith(".c")]
with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, "check.pot")
    subprocess.run(["xgettext", "--from-code=UTF-8", "-k_", "-kN_", "-kC_:1c,2", "-kNC_:1c,2",
                    "-o", pot, "--directory", root] + sources, check=True)
    text = open(pot, encoding="utf-8").read()


def entries(text):
    for block in text.split("\n\n"):
        ctx = msgid = msgstr = None
        cur = None
        fuzzy = False
        for line in block.split("\n"):
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            elif line.startswith("msgctxt "):
                ctx, cur = eval(line[8:]), "ctx"
            elif line.startswith("msgid "):
                msgid, cur = eval(line[6:]), "id"
            elif line.startswith("msgstr "):
                msgstr, cur = eval(line[7:]), "str"
            elif line.startswith('"'):
                if cur == "id":
                    msgid += eval(line)
                elif cur == "str":
                    msgstr += eval(line)
                elif cur == "ctx":
                    ctx += eval(line)
        if msgid:
            yield (ctx, msgid), msgstr, fuzzy


german = {key: (value, fuzzy) for key, value, fuzzy in entries(open(os.path.join(root, "po", "de.po"), encoding="utf-8").read())}
marked = [key for key, _, _ in entries(text)]
for key in marked:
    value = german.get(key)
    if value is None or not value[0]:
        problems.append(f"no German for {key[1]!r}" + (f" (context {key[0]})" if key[0] else ""))
    elif value[1]:
        problems.append(f"the German for {key[1]!r} is fuzzy")
print(f"{len(marked)} marked strings, {len(listed)} files in POTFILES.in")
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
