"""Write glossary/data/entities-places-japan.yaml and entities-places-world.yaml from the
tables below (Japan's 47 prefectures, major Japanese and world cities, regions, seas).

    .venv/bin/python glossary/tools/make_places.py [--check]

The tables are written by hand for this project from common knowledge (prefecture and city names
are facts, not anyone's creative work); the Japanese forms are the ones Japanese newspapers use.
Rules the tables follow:
- A kanji name stays as written under surface "en" (contract 7): the matcher's rule
  (glossary/rewrites.py), no `replace` needed.
- A prefecture's full form (青森県) is always listed; its bare form (青森) only when it is not
  also a common surname or word (千葉, 石川, 山口, 香川, 宮崎 are people; 大分 is "quite"; 三重
  is "triple"): BARE_LEFT_OUT says which. Its bare English form (Iwate) goes with the bare kanji
  one, kept as written under "en". The bare form of a prefecture whose capital is a major
  city of the same name (大阪, 京都, 福岡, 広島) links to the city.
- A short katakana city that is also a word is left out or given a context (カイロ is a hand
  warmer; オークランド is Auckland and Oakland); ローマ字 and 南京錠 are in corrections-not-names.tsv.
`--check` exits 1 when a YAML on disk differs from what the tool would write.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"

# kanji, English (as English newspapers write it), suffix (都道府県)
PREFECTURES = [
    ("北海道", "Hokkaido", ""), ("青森", "Aomori", "県"), ("岩手", "Iwate", "県"), ("宮城", "Miyagi", "県"),
    ("秋田", "Akita", "県"), ("山形", "Yamagata", "県"), ("福島", "Fukushima", "県"), ("茨城", "Ibaraki", "県"),
    ("栃木", "Tochigi", "県"), ("群馬", "Gunma", "県"), ("埼玉", "Saitama", "県"), ("千葉", "Chiba", "県"),
    ("東京", "Tokyo", "都"), ("神奈川", "Kanagawa", "県"), ("新潟", "Niigata", "県"), ("富山", "Toyama", "県"),
    ("石川", "Ishikawa", "県"), ("福井", "Fukui", "県"), ("山梨", "Yamanashi", "県"), ("長野", "Nagano", "県"),
    ("岐阜", "Gifu", "県"), ("静岡", "Shizuoka", "県"), ("愛知", "Aichi", "県"), ("三重", "Mie", "県"),
    ("滋賀", "Shiga", "県"), ("京都", "Kyoto", "府"), ("大阪", "Osaka", "府"), ("兵庫", "Hyogo", "県"),
    ("奈良", "Nara", "県"), ("和歌山", "Wakayama", "県"), ("鳥取", "Tottori", "県"), ("島根", "Shimane", "県"),
    ("岡山", "Okayama", "県"), ("広島", "Hiroshima", "県"), ("山口", "Yamaguchi", "県"), ("徳島", "Tokushima", "県"),
    ("香川", "Kagawa", "県"), ("愛媛", "Ehime", "県"), ("高知", "Kochi", "県"), ("福岡", "Fukuoka", "県"),
    ("佐賀", "Saga", "県"), ("長崎", "Nagasaki", "県"), ("熊本", "Kumamoto", "県"), ("大分", "Oita", "県"),
    ("宮崎", "Miyazaki", "県"), ("鹿児島", "Kagoshima", "県"), ("沖縄", "Okinawa", "県"),
]
# Bare forms that are common surnames or words in Japanese text.
BARE_LEFT_OUT = {"宮城", "秋田", "山形", "福島", "栃木", "千葉", "富山", "石川", "福井", "山梨", "長野", "三重",
                 "岡山", "山口", "香川", "長崎", "大分", "宮崎", "奈良", "高知", "佐賀"}
# Bare forms that mean the city first.
BARE_IS_CITY = {"大阪", "京都", "福岡", "広島"}

# Japanese cities: kanji, English, bare form too (False: only X市)
JP_CITIES = [
    ("札幌", "Sapporo", True), ("仙台", "Sendai", True), ("さいたま", "Saitama City", False),
    ("千葉", "Chiba City", False), ("横浜", "Yokohama", True), ("川崎", "Kawasaki", False),
    ("相模原", "Sagamihara", True), ("新潟", "Niigata City", False), ("静岡", "Shizuoka City", False),
    ("浜松", "Hamamatsu", True), ("名古屋", "Nagoya", True), ("京都", "Kyoto", True), ("大阪", "Osaka", True),
    ("堺", "Sakai", False), ("神戸", "Kobe", True), ("岡山", "Okayama City", False), ("広島", "Hiroshima", True),
    ("北九州", "Kitakyushu", True), ("福岡", "Fukuoka", True), ("熊本", "Kumamoto City", False),
    ("金沢", "Kanazawa", True), ("那覇", "Naha", True), ("長崎", "Nagasaki City", False),
    ("鹿児島", "Kagoshima City", False), ("宇都宮", "Utsunomiya", True), ("松山", "Matsuyama", False),
]
# Tokyo districts and other places in the news (kanji or kana, English); kanji stays as written.
# Other English names of a place (English-language newspapers write both), kept as written.
EN_ALIASES = {"Tokyo metropolitan area": ["Greater Tokyo Area"], "Takeshima": ["Liancourt Rocks"]}
JP_PLACES = [
    ("渋谷", "Shibuya"), ("新宿", "Shinjuku"), ("銀座", "Ginza"), ("秋葉原", "Akihabara"), ("池袋", "Ikebukuro"),
    ("六本木", "Roppongi"), ("原宿", "Harajuku"), ("表参道", "Omotesando"), ("丸の内", "Marunouchi"),
    ("永田町", "Nagatacho"), ("霞が関", "Kasumigaseki"), ("霞ヶ関", "Kasumigaseki"), ("お台場", "Odaiba"),
    ("浅草", "Asakusa"), ("品川", "Shinagawa"), ("日本橋", "Nihonbashi"), ("羽田空港", "Haneda Airport"),
    ("成田空港", "Narita Airport"), ("関西国際空港", "Kansai International Airport"), ("東京駅", "Tokyo Station"),
    ("東京ドーム", "Tokyo Dome"), ("東京タワー", "Tokyo Tower"), ("東京スカイツリー", "Tokyo Skytree"),
    ("東京ディズニーランド", "Tokyo Disneyland"), ("東京ディズニーリゾート", "Tokyo Disney Resort"),
    ("東京湾", "Tokyo Bay"), ("富士山", "Mount Fuji"), ("琵琶湖", "Lake Biwa"),
    ("福島第一原発", "Fukushima Daiichi nuclear power plant"), ("福島第一原子力発電所", "Fukushima Daiichi nuclear power plant"),
    ("九州", "Kyushu"), ("四国", "Shikoku"), ("本州", "Honshu"), ("北陸", "Hokuriku"), ("東北地方", "Tohoku"),
    ("東北", "Tohoku"), ("幕張メッセ", "Makuhari Messe"),
    ("関東", "Kanto"), ("関西", "Kansai"), ("近畿", "Kinki"), ("中部地方", "Chubu"), ("中国地方", "Chugoku"),
    ("首都圏", "Tokyo metropolitan area"), ("東日本", "Eastern Japan"), ("西日本", "Western Japan"),
    ("尖閣諸島", "Senkaku Islands"), ("北方領土", "Northern Territories"), ("竹島", "Takeshima"),
    ("日本海", "Sea of Japan"), ("東シナ海", "East China Sea"), ("南シナ海", "South China Sea"),
    ("台湾海峡", "Taiwan Strait"), ("朝鮮半島", "Korean Peninsula"), ("内モンゴル自治区", "Inner Mongolia"),
    ("内モンゴル", "Inner Mongolia"), ("新疆ウイグル自治区", "Xinjiang"), ("チベット自治区", "Tibet"),
]
# Merged by English name into one entity (霞が関/霞ヶ関, 福島第一原発/…原子力発電所, 内モンゴル…).

# World cities and regions: English, Japanese forms (first: canonical_ja), words_any context or None.
WORLD = [
    ("Beijing", ["北京"], None), ("Shanghai", ["上海"], None), ("Shenzhen", ["深圳", "深セン"], None),
    ("Guangzhou", ["広州"], None), ("Hangzhou", ["杭州"], None), ("Wuhan", ["武漢"], None),
    ("Tianjin", ["天津"], None), ("Chongqing", ["重慶"], None), ("Chengdu", ["成都"], None),
    ("Nanjing", ["南京"], None), ("Sichuan", ["四川省", "四川"], None), ("Dalian", ["大連"], None),
    ("Taipei", ["台北"], None), ("Kaohsiung", ["高雄"], None), ("Seoul", ["ソウル"], None), ("Busan", ["釜山"], None),
    ("Myeongdong", ["明洞"], None),
    ("Pyongyang", ["平壌", "ピョンヤン"], None), ("Moscow", ["モスクワ"], None),
    ("Saint Petersburg", ["サンクトペテルブルク"], None), ("Kyiv", ["キーウ", "キエフ"], None),
    # ワシントン alone is also a surname (デンゼル・ワシントン; and ワーシントン folds to it)
    ("Washington, D.C.", ["ワシントンD.C.", "ワシントンDC", "ワシントン"],
     ["ホワイトハウス", "大統領", "米政府", "国務省", "国防総省", "米議会", "連邦議会", "連邦政府", "米国務長官"]),
    ("Los Angeles", ["ロサンゼルス"], None), ("Chicago", ["シカゴ"], None), ("Boston", ["ボストン"], None),
    ("Seattle", ["シアトル"], None), ("Las Vegas", ["ラスベガス"], None), ("Honolulu", ["ホノルル"], None),
    ("Hawaii", ["ハワイ", "ハワイ州"], None), ("Hollywood", ["ハリウッド"], None),
    ("Manhattan", ["マンハッタン"], None), ("Wall Street", ["ウォール街", "ウォールストリート"], None),
    ("Austin", ["オースティン"], ["テキサス", "Texas", "テスラ"]), ("Toronto", ["トロント"], None),
    ("Vancouver", ["バンクーバー"], None), ("Mexico City", ["メキシコシティ"], None),
    ("São Paulo", ["サンパウロ"], None), ("Rio de Janeiro", ["リオデジャネイロ"], None),
    ("Buenos Aires", ["ブエノスアイレス"], None), ("Paris", ["パリ"], None), ("Provence", ["プロヴァンス"], None), ("Berlin", ["ベルリン"], None),
    ("Rome", ["ローマ"], None), ("Milan", ["ミラノ"], None), ("Madrid", ["マドリード", "マドリッド"], None),
    ("Barcelona", ["バルセロナ"], None), ("Geneva", ["ジュネーブ"], None), ("Zurich", ["チューリッヒ"], None),
    ("Brussels", ["ブリュッセル"], None), ("Vienna", ["ウィーン"], None), ("Amsterdam", ["アムステルダム"], None),
    ("Frankfurt", ["フランクフルト"], ["ドイツ", "欧州中央銀行", "ECB", "取引所"]), ("Munich", ["ミュンヘン"], None),
    ("Stockholm", ["ストックホルム"], None), ("Helsinki", ["ヘルシンキ"], None), ("Dublin", ["ダブリン"], None),
    ("Lisbon", ["リスボン"], None), ("Athens", ["アテネ"], None), ("Warsaw", ["ワルシャワ"], None),
    ("Prague", ["プラハ"], None), ("Budapest", ["ブダペスト"], None), ("Istanbul", ["イスタンブール"], None),
    ("Dubai", ["ドバイ"], None), ("Doha", ["ドーハ"], None), ("Riyadh", ["リヤド"], None),
    ("Tehran", ["テヘラン"], None), ("Jerusalem", ["エルサレム"], None), ("Tel Aviv", ["テルアビブ"], None),
    ("Gaza", ["ガザ地区", "ガザ"], ["イスラエル", "パレスチナ", "ハマス"]),
    ("Johannesburg", ["ヨハネスブルク"], None), ("Lagos", ["ラゴス"], None), ("Mumbai", ["ムンバイ"], None),
    ("New Delhi", ["ニューデリー"], None), ("Bengaluru", ["ベンガルール", "バンガロール"], None),
    ("Bangkok", ["バンコク"], None), ("Hanoi", ["ハノイ"], None), ("Ho Chi Minh City", ["ホーチミン"], None),
    ("Jakarta", ["ジャカルタ"], None), ("Manila", ["マニラ"], None), ("Kuala Lumpur", ["クアラルンプール"], None),
    ("Sydney", ["シドニー"], None), ("Melbourne", ["メルボルン"], None),
    # regions, oceans
    ("Asia", ["アジア"], None), ("Europe", ["欧州", "ヨーロッパ"], None), ("Africa", ["アフリカ"], None),
    ("Middle East", ["中東"], None), ("North America", ["北米"], None), ("South America", ["南米"], None),
    ("Latin America", ["中南米", "ラテンアメリカ"], None), ("Southeast Asia", ["東南アジア"], None),
    ("East Asia", ["東アジア"], None), ("South Asia", ["南アジア"], None), ("Central Asia", ["中央アジア"], None),
    ("Oceania", ["オセアニア"], None), ("Arctic", ["北極"], None), ("Antarctica", ["南極", "南極大陸"], None),
    ("Pacific Ocean", ["太平洋"], None), ("Atlantic Ocean", ["大西洋"], None), ("Indian Ocean", ["インド洋"], None),
    ("Mediterranean Sea", ["地中海"], None),
]


def q(s: str) -> str:
    return "'" + s.replace("'", "''") + "'" if any(c in s for c in ":,'[]{}#&*!|>%@`\"") else s


def variant(text: str, words: list[str] | None = None, replace: str | None = None) -> str:
    parts = [f"text: {q(text)}"]
    if text.isascii():
        parts.append("case_sensitive: true")  # Title case only: LONDON, OSAKA are brand lines
    if replace:
        parts.append(f"replace: {q(replace)}")
    if words:
        parts.append("context: {words_any: [" + ", ".join(q(w) for w in words) + "]}")
    return "{" + ", ".join(parts) + "}" if len(parts) > 1 else q(text)


def slug(name: str) -> str:
    import unicodedata

    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    out = "".join(c.lower() if c.isalnum() else "_" for c in name)
    return "_".join(p for p in out.split("_") if p)


def entity(eid: str, canonical: str, ja: str, variants: list[str], notes: str | None = None) -> str:
    parts = [f"id: {eid}", "label: LOCATION", f"canonical: {q(canonical)}", f"canonical_ja: {q(ja)}"]
    if notes:
        parts.append(f"notes: {q(notes)}")
    return "  - {" + ", ".join(parts + ["variants: [" + ", ".join(variants) + "]"]) + "}"


def japan() -> list[str]:
    rows = []
    for kanji, en, suffix in PREFECTURES:
        full = kanji + suffix
        bare = bool(suffix) and kanji not in BARE_LEFT_OUT and kanji not in BARE_IS_CITY
        forms = [full] + ([kanji] if bare else [])
        canonical = en if suffix in ("", "都") else f"{en} Prefecture"
        eid = "tokyo" if kanji == "東京" else slug(en) if not suffix else slug(en) + "_prefecture"
        # The bare English form with the bare kanji one (岩手, Iwate: the prefecture, as English
        # newspapers write it), kept as written (not `Iwate Prefecture`).
        latin = [variant(canonical)] + ([variant(en, replace=en)] if bare and canonical != en else [])
        rows.append(entity(eid, canonical, full, [variant(f) for f in forms] + latin, "prefecture"))
    for kanji, en, bare in JP_CITIES:
        forms = [kanji + "市"] + ([kanji] if bare else [])
        rows.append(entity(slug(en) if en.endswith("City") or bare else slug(en) + "_city", en, kanji + "市",
                           [variant(f) for f in forms] + [variant(en)], "city"))
    merged: dict[str, list[str]] = {}
    for ja, en in JP_PLACES:
        merged.setdefault(en, []).append(ja)
    for en, jas in merged.items():
        vs = [variant(j) for j in jas] + [variant(en)] + [variant(a, replace=a) for a in EN_ALIASES.get(en, [])]
        rows.append(entity(slug(en), en, jas[0], vs))
    return rows


def world() -> list[str]:
    rows = []
    for en, jas, words in WORLD:
        # the context is for the short form only (the last one listed when there is a context)
        vs = [variant(j, words if words and j == jas[-1] else None) for j in jas] + [variant(en)]
        rows.append(entity(slug(en), en, jas[0], vs))
    return rows


FILES = {
    "entities-places-japan.yaml": ("Japan: the 47 prefectures, major cities, districts, regions, seas", japan),
    "entities-places-world.yaml": ("World cities, regions and oceans", world),
}


def render(title: str, rows: list[str]) -> str:
    head = [f"# {title}: GENERATED by glossary/tools/make_places.py from its hand-written tables.",
            "# Edit the script, not this file. A kanji name stays as written (contract 7; glossary/rewrites.py).",
            "entities:"]
    return "\n".join(head + rows) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if a file on disk is not what the tool writes")
    args = ap.parse_args()
    status = 0
    for name, (title, make) in FILES.items():
        text = render(title, make())
        path = DATA / name
        if args.check:
            same = path.exists() and path.read_text(encoding="utf-8") == text
            print(f"{name}: {'up to date' if same else 'differs'}")
            status |= not same
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}: {text.count(chr(10) + '  - ')} entities")
    return status


if __name__ == "__main__":
    sys.exit(main())
