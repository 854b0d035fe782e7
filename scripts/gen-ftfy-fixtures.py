"""Regenerates test/tokenizer/fixtures/ftfy-6.3.1.jsonl: {"text", "fixed"} pairs where `fixed` is
`ftfy.fix_text(text)` from the real ftfy 6.3.1, on seeded strings built to stress its fixes (mojibake
through every codec ftfy knows, double encoding, partial mojibake, HTML entities, quotes, widths,
ligatures, controls, line breaks). Needs `pip install ftfy==6.3.1`. Run: python3 scripts/gen-ftfy-fixtures.py"""
import json
import random

import ftfy
import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-* codecs)

assert ftfy.__version__ == "6.3.1", ftfy.__version__
random.seed(20261130)

WORDS = (
    "café naïve Zürich São_Paulo crème_brûlée Ōsaka 日本語 привет Ελληνικά – — “quoted” ‘single’ … €5 ™ © ½ 😀 "
    "Ağaç łódź Dvořák ß Æsir piñata façade jalapeño Ångström über smörgåsbord niño Ürümqi Þór œuvre señor Straße "
    "red_car the_dog a_photo ½_cup 20°C ±3 µm ¿qué? ¡hola! «guillemets» I_♥_NY → • Москва Ђорђе čšž ĄĘŁŃ İstanbul "
    "ﬁsh ｆｕｌｌ 한국어 ไทย עברית العربية हिन्दी 👍🏽 🇺🇸 résumé coöperate Ⅻ №5 §3 ¶ ª º ¤ ¦ ¨ ¬ ¯ ¸ × ÷ Ÿ Š Ž ƒ ˆ ˜ ‰ ‹ › † ‡ Œ "
    "&amp; &lt;b&gt; &EACUTE; &nbsp; &#x27; &#150; <i> ﬂ ﬅ Ｗｉｄｅ ｶﾀｶﾅ “x” ‚ „ ʼ ǅ Ĳ"
).split(" ")
WORDS = [w.replace("_", " ") for w in WORDS] + ["\n", "\r\n", "\u2028", "\x1b[1m", "\x0b", "\u200b", "\ufeff", "\x85", "\x92", "e\u0301", "\u0345"]
CODECS = ["latin-1", "sloppy-windows-1252", "sloppy-windows-1251", "sloppy-windows-1250", "sloppy-windows-1253",
          "sloppy-windows-1254", "sloppy-windows-1257", "iso-8859-2", "macroman", "cp437", "windows-1252"]


def phrase():
    return " ".join(random.choice(WORDS) for _ in range(random.randint(1, 4)))


def mojibake(s, codec):
    try:
        return s.encode("utf-8").decode(codec)
    except UnicodeError:
        return None


def case():
    kind = random.random()
    p = phrase()
    if kind < 0.45:  # the whole phrase, maybe twice, maybe with 0xA0 lost, maybe with clean text around
        m = mojibake(p, random.choice(CODECS))
        if m is None:
            return None
        if random.random() < 0.2:
            m = mojibake(m, random.choice(CODECS)) or m
        if random.random() < 0.1:
            m = m.replace("\xa0", " ")
        if random.random() < 0.3:
            m = m + " " + phrase()
        if random.random() < 0.15:
            m = random.choice(WORDS) + m
        return m
    if kind < 0.6:  # one broken word inside clean text
        m = mojibake(random.choice(WORDS), random.choice(CODECS))
        return None if m is None else f"{phrase()} {m} {phrase()}"
    if kind < 0.8:  # random high bytes in some codec: mojibake-looking or legitimate
        raw = bytes(random.randint(0x80, 0xFF) if random.random() < 0.6 else random.randint(0x61, 0x7A) for _ in range(random.randint(1, 6)))
        try:
            p = raw.decode(random.choice(CODECS))
        except UnicodeError:
            return None
        return phrase() + " " + p if random.random() < 0.5 else p
    return p


seen = set()
with open("test/tokenizer/fixtures/ftfy-6.3.1.jsonl", "w", encoding="utf-8") as out:
    while len(seen) < 3000:
        text = case()
        if text is None or text in seen:
            continue
        seen.add(text)
        out.write(json.dumps({"text": text, "fixed": ftfy.fix_text(text)}) + "\n")
print(len(seen))
