#!/usr/bin/env python3
"""Writes the labelled safety corpus as raw .eml files from the hand-written cases.

    python3 src/test/resources/corpus/generate.py

cases/<profile>-<label>.txt holds the mails: blocks separated by a line '---', each starting with
'Subject: ...' and 'Tags: ...', then the body. The label is the file's (emergency, safety or normal),
set by the person who wrote the case, never by this script. The script only packs each body in one
of eight MIME forms, chosen by the case's number, so every label meets every form: plain text 8bit,
quoted-printable or base64; HTML only (simple or Outlook-like, quoted-printable or base64); text and
HTML alternatives; ISO-8859-1; an empty text part beside the HTML. Output:
<profile>/<label>/<number>-<form>.eml (deterministic: rerunning changes nothing).

The cases were written in rounds: cases/<profile>-<label>.txt first (the rules were tuned on them),
then *-round2.txt (numbered from 500, tagged round2) written fresh and measured before the rules
were tuned on them, then *-round3.txt (from 700) and *-round4.txt (from 800) the same way. The
figures of each round before tuning are in docs/triage-and-replies.md#safety-lists.
"""
import html
import os
import re
import shutil
from email.message import EmailMessage
from email.policy import SMTP

HERE = os.path.dirname(os.path.abspath(__file__))
FORMS = ["plain-8bit", "plain-qp", "plain-base64", "html-qp", "outlook-html-base64", "alternative",
         "latin1-qp", "empty-text-html"]


def cases(path):
    text = open(path, encoding="utf-8").read()
    for block in re.split(r"(?m)^---\s*$", text):
        lines = block.strip("\n").split("\n")
        if not lines or not lines[0].strip():
            continue
        assert lines[0].startswith("Subject: "), (path, lines[0])
        assert lines[1].startswith("Tags: "), (path, lines[1])
        subject = lines[0][len("Subject: "):].strip()
        tags = lines[1][len("Tags: "):].split()
        body = "\n".join(lines[2:]).strip() + "\n"
        yield subject, tags, body


def simple_html(body):
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    parts = ["<p>" + "<br>\n".join(html.escape(l) for l in p.split("\n")) + "</p>" for p in paragraphs]
    return "<html><head><style>p{margin:0}</style></head><body>\n" + "\n".join(parts) + "\n</body></html>\n"


def outlook_html(body):
    def entities(s):
        s = html.escape(s)
        for ch, ent in (("ä", "&auml;"), ("ö", "&ouml;"), ("ü", "&uuml;"), ("Ä", "&Auml;"), ("Ö", "&Ouml;"),
                        ("Ü", "&Uuml;"), ("ß", "&szlig;")):
            s = s.replace(ch, ent)
        return s.replace(". ", ".&nbsp; ")
    lines = [l for l in body.split("\n")]
    parts = []
    for l in lines:
        content = entities(l) if l.strip() else "&nbsp;"
        parts.append("<p class=MsoNormal><span style='font-family:\"Calibri\",sans-serif'>" + content
                     + "<o:p></o:p></span></p>")
    return ("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head>"
            "<meta http-equiv=Content-Type content=\"text/html; charset=utf-8\">"
            "<style><!-- p.MsoNormal {margin:0cm; font-size:11.0pt;} --></style></head>"
            "<body lang=DE link=\"#0563C1\"><div class=WordSection1>\n" + "\n".join(parts)
            + "\n</div></body></html>\n")


def message(profile, label, number, subject, tags, body):
    form = FORMS[number % len(FORMS)]
    m = EmailMessage(policy=SMTP)
    m["From"] = "Absender %03d <sender%03d@%s.example>" % (number, number, "patient" if profile == "praxis" else "kunde")
    m["To"] = "%s@mailer.test" % profile
    m["Subject"] = subject
    m["Date"] = "Mon, 02 Mar 2026 09:%02d:00 +0100" % (number % 60)
    m["Message-ID"] = "<%s-%s-%03d@corpus.example>" % (profile, label, number)
    m["X-Corpus-Tags"] = " ".join(tags)
    m["X-Corpus-Form"] = form
    if form == "plain-8bit":
        m.set_content(body, subtype="plain", charset="utf-8", cte="8bit")
    elif form == "plain-qp":
        m.set_content(body, subtype="plain", charset="utf-8", cte="quoted-printable")
    elif form == "plain-base64":
        m.set_content(body, subtype="plain", charset="utf-8", cte="base64")
    elif form == "html-qp":
        m.set_content(simple_html(body), subtype="html", charset="utf-8", cte="quoted-printable")
    elif form == "outlook-html-base64":
        m.set_content(outlook_html(body), subtype="html", charset="utf-8", cte="base64")
    elif form == "alternative":
        m.set_content(body, subtype="plain", charset="utf-8", cte="quoted-printable")
        m.add_alternative(simple_html(body), subtype="html", charset="utf-8", cte="base64")
    elif form == "latin1-qp":
        try:
            body.encode("iso-8859-1")
            m.set_content(body, subtype="plain", charset="iso-8859-1", cte="quoted-printable")
        except UnicodeEncodeError:
            m.set_content(body, subtype="plain", charset="utf-8", cte="quoted-printable")
    elif form == "empty-text-html":
        m.set_content("\n", subtype="plain", charset="utf-8", cte="7bit")
        m.add_alternative(simple_html(body), subtype="html", charset="utf-8", cte="quoted-printable")
    return form, m.as_bytes()


def main():
    written = {}
    for name in sorted(os.listdir(os.path.join(HERE, "cases"))):
        match = re.fullmatch(r"([a-z]+)-([a-z]+)(?:-round(\d))?\.txt", name)
        if not match:
            continue
        profile, label, rnd = match.groups()
        out = os.path.join(HERE, profile, label)
        if (profile, label) not in written:
            shutil.rmtree(out, ignore_errors=True)
            os.makedirs(out)
            written[(profile, label)] = 0
        number = {None: 1, "2": 500, "3": 700, "4": 800}[rnd]
        for subject, tags, body in cases(os.path.join(HERE, "cases", name)):
            if rnd:
                tags = tags + ["round" + rnd]
            form, raw = message(profile, label, number, subject, tags, body)
            with open(os.path.join(out, "%03d-%s.eml" % (number, form)), "wb") as f:
                f.write(raw)
            number += 1
            written[(profile, label)] += 1
    for (profile, label), n in sorted(written.items()):
        print("%s/%s: %d mails" % (profile, label, n))


if __name__ == "__main__":
    main()
