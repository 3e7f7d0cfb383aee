"""Write glossary/data/entities-places-countries.yaml from ISO 3166-1 (pycountry) and the
hand-reviewed table below.

    pip install pycountry   # not a project dependency: only this tool needs it
    .venv/bin/python glossary/tools/make_countries.py [--check]

pycountry ships the ISO 3166-1 names and the Debian iso-codes gettext translations (LGPL-2.1);
its Japanese names are a starting point only: some are formal (オーストラリア連邦, ロシア連邦),
dated (グルジア), misspelt (タニザニア) or political (中国領・台湾). REVIEW holds, per ISO code,
what a Japanese newspaper writes, the English name an English newspaper writes, and why a short
form is left out; a code not in REVIEW and not in SKIP takes pycountry's names as they are.
`--check` exits 1 when the YAML on disk differs from what the tool would write (review aid).
"""

from __future__ import annotations

import argparse
import gettext
import sys
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parents[1] / "data" / "entities-places-countries.yaml"

# Already in entities.yaml (ids used by tests): extended there, not here.
EXISTING = {"US": "united_states", "TW": "taiwan", "KE": "kenya"}

# Territories a news team rarely meets as such; left out to keep the automaton and the
# ambiguity surface small (ジャージー is a tracksuit, マン島 a TT race, ...).
SKIP = {
    "AX", "AS", "AQ", "TF", "AI", "AW", "BQ", "BL", "BM", "BV", "CC", "CK", "CW", "CX", "KY", "FK",
    "FO", "GG", "GI", "GP", "GF", "HM", "IM", "IO", "JE", "MF", "MP", "MS", "MQ", "YT", "NC", "NF",
    "NU", "PN", "PF", "RE", "GS", "SH", "SJ", "PM", "SX", "TC", "TK", "UM", "VG", "VI", "WF", "EH",
}

# code: (English canonical or None for pycountry's, Japanese variants (first: canonical_ja) or
#        None for pycountry's, extra Latin variants, Wikidata QID or None, context words or None)
# A context (words_any) is for short forms that are also common words: タイ (tie, a tie record),
# チリ (dust). Forms left out are said in the comment.
REVIEW: dict[str, tuple] = {
    "JP": ("Japan", ["日本"], [], "Q17", None),  # 日本国 takes 日本国内 (domestic); ニッポン (slogans) left out
    "CN": ("China", ["中国", "中華人民共和国"], [], "Q148", None),
    "GB": ("United Kingdom", ["英国", "イギリス", "グレートブリテン及び北アイルランド連合王国"], ["Britain", "Great Britain"], "Q145", None),
    "KR": ("South Korea", ["韓国", "大韓民国"], ["Republic of Korea"], "Q884", None),
    "KP": ("North Korea", ["北朝鮮", "朝鮮民主主義人民共和国"], [], "Q423", None),
    "RU": ("Russia", ["ロシア", "ロシア連邦"], ["Russian Federation"], "Q159", None),
    "DE": ("Germany", ["ドイツ", "ドイツ連邦共和国"], [], "Q183", None),
    "FR": ("France", ["フランス", "フランス共和国"], [], "Q142", None),
    "IT": ("Italy", ["イタリア", "イタリア共和国"], [], "Q38", None),
    "CA": ("Canada", ["カナダ"], [], "Q16", None),
    "AU": ("Australia", ["オーストラリア", "豪州", "オーストラリア連邦"], [], "Q408", None),
    "IN": ("India", ["インド"], [], "Q668", None),
    "BR": ("Brazil", ["ブラジル"], [], "Q155", None),
    "MX": ("Mexico", ["メキシコ"], [], "Q96", None),
    "ID": ("Indonesia", ["インドネシア"], [], "Q252", None),
    "SA": ("Saudi Arabia", ["サウジアラビア", "サウジ"], [], "Q851", None),
    "TR": ("Turkey", ["トルコ"], ["Türkiye", "Turkiye"], "Q43", None),
    "ZA": ("South Africa", ["南アフリカ", "南アフリカ共和国", "南ア"], [], "Q258", None),
    "AR": ("Argentina", ["アルゼンチン"], [], "Q414", None),
    "ES": ("Spain", ["スペイン"], [], "Q29", None),
    "NL": ("Netherlands", ["オランダ"], ["the Netherlands"], "Q55", None),
    "CH": ("Switzerland", ["スイス"], [], "Q39", None),
    "SE": ("Sweden", ["スウェーデン"], [], "Q34", None),
    "NO": ("Norway", ["ノルウェー"], [], "Q20", None),
    "DK": ("Denmark", ["デンマーク"], [], "Q35", None),
    "FI": ("Finland", ["フィンランド"], [], "Q33", None),
    "IE": ("Ireland", ["アイルランド"], [], "Q27", None),
    "BE": ("Belgium", ["ベルギー"], [], "Q31", None),
    "AT": ("Austria", ["オーストリア"], [], "Q40", None),
    "PT": ("Portugal", ["ポルトガル"], [], "Q45", None),
    "GR": ("Greece", ["ギリシャ", "ギリシア"], [], "Q41", None),
    "PL": ("Poland", ["ポーランド"], [], "Q36", None),
    "UA": ("Ukraine", ["ウクライナ"], [], "Q212", None),
    "IL": ("Israel", ["イスラエル"], [], "Q801", None),
    "IR": ("Iran", ["イラン", "イラン・イスラム共和国"], [], "Q794", None),
    "EG": ("Egypt", ["エジプト"], [], "Q79", None),
    "HK": ("Hong Kong", ["香港"], [], "Q8646", None),
    "MO": ("Macau", ["マカオ"], ["Macao"], None, None),
    "VN": ("Vietnam", ["ベトナム"], ["Viet Nam"], None, None),
    "TH": ("Thailand", ["タイ", "タイ王国"], [], None,
           ["バンコク", "タイ政府", "タイ国", "東南アジア", "ASEAN", "バーツ", "プーケット", "チェンマイ", "タクシン"]),
    # チリ: also dust and chili pepper (a chili article says 原産地は南米): 南米 counts only right before it
    "CL": ("Chile", ["チリ", "チリ共和国"], [], None, ["サンティアゴ", "チリ政府", "チリ産", "ペソ", "中南米"]),
    "GE": ("Georgia", ["グルジア", "ジョージア国"], [], None, None),  # ジョージア alone: the US state, a canned coffee
    "LA": ("Laos", ["ラオス", "ラオス人民民主共和国"], [], None, None),
    "SY": ("Syria", ["シリア", "シリア・アラブ共和国"], [], None, None),
    "BO": ("Bolivia", ["ボリビア", "ボリビア多民族国"], [], None, None),
    "VE": ("Venezuela", ["ベネズエラ", "ベネズエラ・ボリバル共和国"], [], None, None),
    "TZ": ("Tanzania", ["タンザニア", "タンザニア連合共和国"], [], None, None),
    "MD": ("Moldova", ["モルドバ", "モルドバ共和国"], [], None, None),
    "FM": ("Micronesia", ["ミクロネシア連邦"], [], None, None),  # ミクロネシア alone: the region
    "BN": ("Brunei", ["ブルネイ", "ブルネイ・ダルサラーム国"], [], None, None),
    "VA": ("Vatican City", ["バチカン", "バチカン市国"], ["Vatican"], None, None),
    "PS": ("Palestine", ["パレスチナ"], [], None, None),
    "CZ": ("Czech Republic", ["チェコ", "チェコ共和国"], ["Czechia"], None, None),
    "CI": ("Ivory Coast", ["コートジボワール"], ["Côte d'Ivoire"], None, None),
    "CD": ("Democratic Republic of the Congo", ["コンゴ民主共和国"], [], None, None),
    "CG": ("Republic of the Congo", ["コンゴ共和国"], [], None, None),  # コンゴ alone: which one?
    "CV": ("Cape Verde", ["カーボベルデ"], ["Cabo Verde"], None, None),
    "TL": ("East Timor", ["東ティモール"], ["Timor-Leste"], None, None),
    "SZ": ("Eswatini", ["エスワティニ"], [], None, None),
    "KG": ("Kyrgyzstan", ["キルギス", "キルギスタン"], [], None, None),
    "MN": ("Mongolia", ["モンゴル", "モンゴル国"], [], None, None),
    "ER": ("Eritrea", ["エリトリア"], [], None, None),
    "DM": ("Dominica", ["ドミニカ国"], [], None, None),  # ドミニカ alone: also the Dominican Republic
    "DO": ("Dominican Republic", ["ドミニカ共和国"], [], None, None),
    "ML": ("Mali", ["マリ共和国"], [], None, None),  # マリ alone: a given name, マリオ, マリン...
    "TD": ("Chad", ["チャド共和国"], [], None, None),  # チャド alone: a given name
    "TG": ("Togo", ["トーゴ共和国"], [], None, None),
    "NE": ("Niger", ["ニジェール"], [], None, None),
    "GN": ("Guinea", ["ギニア"], [], None, None),
    "PG": ("Papua New Guinea", ["パプアニューギニア"], [], None, None),
    "GU": ("Guam", ["グアム"], [], None, None),
    "GL": ("Greenland", ["グリーンランド"], [], None, None),
    "PR": ("Puerto Rico", ["プエルトリコ"], [], None, None),
    "AE": ("United Arab Emirates", ["アラブ首長国連邦"], ["UAE"], None, None),
    "NZ": ("New Zealand", ["ニュージーランド"], [], "Q664", None),
    "SG": ("Singapore", ["シンガポール"], [], "Q334", None),
    "PH": ("Philippines", ["フィリピン"], ["the Philippines"], None, None),
    "MY": ("Malaysia", ["マレーシア"], [], None, None),
    "MM": ("Myanmar", ["ミャンマー"], [], None, None),
    "KH": ("Cambodia", ["カンボジア"], [], None, None),
    "PK": ("Pakistan", ["パキスタン"], [], None, None),
    "QA": ("Qatar", ["カタール"], [], None, None),
    "IQ": ("Iraq", ["イラク"], [], None, None),
    "AF": ("Afghanistan", ["アフガニスタン"], [], None, None),
    "CU": ("Cuba", ["キューバ"], [], None, None),
    "JO": ("Jordan", ["ヨルダン"], [], None, None),
    "GH": ("Ghana", ["ガーナ"], [], None, None),
    "SO": ("Somalia", ["ソマリア"], [], None, None),
    "NG": ("Nigeria", ["ナイジェリア"], [], None, None),
    "GM": ("Gambia", ["ガンビア"], ["The Gambia"], None, None),
    "BS": ("Bahamas", ["バハマ"], ["The Bahamas"], None, None),
    "MK": ("North Macedonia", ["北マケドニア"], [], None, None),
    "BA": ("Bosnia and Herzegovina", ["ボスニア・ヘルツェゴビナ"], [], None, None),
    "AG": ("Antigua and Barbuda", ["アンティグア・バーブーダ"], [], None, None),
    "KN": ("Saint Kitts and Nevis", ["セントクリストファー・ネービス"], [], None, None),
    "VC": ("Saint Vincent and the Grenadines", ["セントビンセント・グレナディーン"], [], None, None),
    "ST": ("São Tomé and Príncipe", ["サントメ・プリンシペ"], [], None, None),
}


# Latin names are matched in their exact case (Turkey, not turkey; Japan, not JAPAN in a brand
# line); names that are also given names or a US state are not listed in Latin at all.
LATIN_DROP = {"JO", "TD", "GE", "DM"}
# Words right before a short form that make it the country (南米チリ), beside the words_any context.
BEFORE = {"CL": ["南米"], "TH": ["隣国", "東南アジアの"]}


def slug(name: str) -> str:
    out = "".join(c.lower() if c.isascii() and c.isalnum() else "_" for c in name)
    return "_".join(p for p in out.split("_") if p)


def ascii_fold(name: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def has_kanji(s: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in s)


def variant(v: str) -> str:
    """A variant as YAML. A kanji name stays as written under surface "en" (contract 7: 米国,
    東京) by the matcher's rule (glossary/rewrites.py), so it needs no `replace`."""
    if v.startswith("{"):
        return v
    return q(v)


def q(s: str) -> str:
    """A YAML flow scalar: quoted when it holds a character YAML would read otherwise."""
    return "'" + s.replace("'", "''") + "'" if any(c in s for c in ":,'[]{}#&*!|>%@`\"") else s


def entries() -> list[str]:
    ja = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ja"])
    rows = []
    for c in pycountry.countries:
        if c.alpha_2 in SKIP or c.alpha_2 in EXISTING:
            continue
        en, jas, latin, qid, words = REVIEW.get(c.alpha_2, (None, None, [], None, None))
        en = en or getattr(c, "common_name", None) or c.name
        jas = jas or [ja.gettext(c.name).split(" (")[0]]
        variants = list(dict.fromkeys([*jas, en, *latin] + ([ascii_fold(en)] if ascii_fold(en) != en else [])))
        parts = [f"id: {slug(en)}", "label: LOCATION", f"canonical: {q(en)}", f"canonical_ja: {q(jas[0])}"]
        if qid:
            parts.append(f"wikidata: {qid}")
        parts.append(f"notes: ISO 3166-1 {c.alpha_2}")
        if c.alpha_2 in LATIN_DROP:
            variants = [v for v in variants if has_kanji(v) or not v.isascii()]
        else:  # Title case only: JAPAN, LONDON in upper case are brand lines (Paul Smith LONDON)
            # an abbreviation (UAE) stays as written: it is already the English form
            variants = [(f"{{text: {q(v)}, replace: {q(v)}, case_sensitive: true}}" if v.isupper() else
                         f"{{text: {q(v)}, case_sensitive: true}}") if v.isascii() else v for v in variants]
        if words:
            ambiguous = jas[0]
            plain = [v for v in variants if v != ambiguous]
            ctx = "{words_any: [" + ", ".join(q(w) for w in words) + "]}"
            vs = [variant(v) for v in plain] + [f"{{text: {q(ambiguous)}, context: {ctx}}}"]
            if c.alpha_2 in BEFORE:  # a second claim of the same form: the word right before it
                vs.append(f"{{text: {q(ambiguous)}, context: {{before_any: [{', '.join(BEFORE[c.alpha_2])}]}}}}")
        else:
            vs = [variant(v) for v in variants]
        rows.append("  - {" + ", ".join(parts) + ", variants: [" + ", ".join(vs) + "]}")
    return rows


def render() -> str:
    head = [
        "# Countries and territories: GENERATED by glossary/tools/make_countries.py from ISO 3166-1",
        "# (pycountry, LGPL-2.1) and the hand-reviewed table in that script. Edit the script, not this file.",
        "# A kanji name stays as written under surface \"en\" (contract 7; glossary/rewrites.py).",
        "# Demonyms and languages (日本人, 中国語) are listed in",
        "# corrections-not-names.tsv so that they are not tagged as the place.",
        "entities:",
    ]
    return "\n".join(head + entries()) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if the file on disk is not what the tool writes")
    args = ap.parse_args()
    text = render()
    if args.check:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{OUT} differs from the tool's output")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}: {text.count(chr(10) + '  - ')} entities")
    return 0


if __name__ == "__main__":
    sys.exit(main())
