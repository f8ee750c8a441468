//! Writes a realistic hanke site of N projects, for benchmarks:
//! `cargo run --release --example gen-corpus -- --projects 1000 --out /tmp/corpus`
//!
//! Every project has every front matter field, a body of 300–1,500 words of
//! Finnish-like text with headings, lists, a table and links, 1–4 contacts, 0–3
//! good practices and 0–2 news items; every tenth has a Swedish and an English
//! version. The output is the same for the same N.
//!
//! Beside the hanke site (`OUT/`) it writes an equivalent Hugo site (`OUT/hugo/`):
//! the same front matter and Markdown bodies, with the templates and settings in
//! `benches/hugo/` that show the same facts. Hugo's bundles cannot hold pages, so
//! its good practices and news sit in their own sections. Search is off in the
//! hanke site, as the Hugo site has none.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

const WORDS: &[&str] = &[
    "hanke",
    "lastensuojelu",
    "jälkihuolto",
    "nuori",
    "perhe",
    "kehittäminen",
    "osallisuus",
    "hyvinvointialue",
    "sosiaalityö",
    "toimintamalli",
    "yhteistyö",
    "vertaistuki",
    "kotoutuminen",
    "palvelu",
    "ammattilainen",
    "koulutus",
    "arviointi",
    "tavoite",
    "verkosto",
    "kunta",
    "vanhemmuus",
    "tuki",
    "siirtymä",
    "asiakas",
    "kokemus",
    "osaaminen",
    "tieto",
    "alue",
    "järjestö",
    "ohjaus",
    "ryhmä",
    "toiminta",
    "kehitetään",
    "vahvistetaan",
    "tuotetaan",
    "selvitetään",
    "juurrutetaan",
    "pilotoidaan",
    "kartoitetaan",
    "lisätään",
];
const REGIONS: &[&str] = &[
    "Lappi",
    "Kymenlaakso",
    "Uusimaa",
    "Pirkanmaa",
    "Pohjois-Pohjanmaa",
    "Kainuu",
    "Satakunta",
];

/// A small deterministic generator (xorshift), so the corpus is reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn word(&mut self) -> &'static str {
        WORDS[self.below(WORDS.len())]
    }
    fn sentence(&mut self) -> String {
        let n = 6 + self.below(10);
        let mut s: String = (0..n).map(|_| self.word()).collect::<Vec<_>>().join(" ");
        s[..1].make_ascii_uppercase();
        s.push('.');
        s
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let n: usize = value("--projects")
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let out = PathBuf::from(value("--out").unwrap_or_else(|| format!("target/corpus-{n}")));
    generate(&out, n);
    eprintln!("wrote {n} projects to {}", out.display());
}

/// One page as both sites write it: the path under `content/`, front matter
/// and body. `hugo` is the path in the Hugo site and the front matter it adds.
struct Page {
    path: String,
    yaml: String,
    body: String,
    hugo: (String, String),
}

pub fn generate(out: &Path, n: usize) {
    let _ = fs::remove_dir_all(out);
    fs::create_dir_all(out).unwrap();
    fs::write(
        out.join("site.yaml"),
        "title: Vertailusivusto\nbase_url: https://example.fi/\nlanguage: fi\nlanguages: [fi, sv, en]\n\
         search: false\n\
         accessibility:\n  status: partial\n  prepared: 1.10.2026\n  reviewed: 1.11.2026\n  assessment: self\n  \
         feedback:\n    email: saavutettavuus@example.fi\n",
    )
    .unwrap();
    let hugo = out.join("hugo");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/hugo"),
        &hugo,
    );
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for i in 0..n {
        for page in project_pages(&mut rng, i, n) {
            let site = out.join("content").join(&page.path);
            fs::create_dir_all(site.parent().unwrap()).unwrap();
            fs::write(&site, format!("---\n{}---\n{}", page.yaml, page.body)).unwrap();
            let (path, extra) = &page.hugo;
            let target = hugo.join("content").join(path);
            fs::create_dir_all(target.parent().unwrap()).unwrap();
            fs::write(
                &target,
                format!("---\n{extra}{}---\n{}", page.yaml, page.body),
            )
            .unwrap();
        }
    }
}

/// A project's pages: itself, its translations, good practices and news.
fn project_pages(rng: &mut Rng, i: usize, n: usize) -> Vec<Page> {
    let slug = format!("hanke-{i:05}");
    let dir = format!("projects/{slug}");
    let (yaml, body, facts) = project(rng, i, n);
    let gps = rng.below(4);
    let news = rng.below(3);
    let gp_paths: Vec<String> = (0..gps)
        .map(|g| format!("good-practices/kaytanto-{i:05}-{g}"))
        .collect();
    let news_paths: Vec<String> = (0..news)
        .map(|k| format!("news/uutinen-{i:05}-{k}"))
        .collect();
    let name = yaml
        .lines()
        .find_map(|l| l.strip_prefix("nimi: "))
        .unwrap_or_default()
        .to_string();
    let mut pages = vec![Page {
        path: format!("{dir}/index.md"),
        hugo: (
            format!("{dir}/index.md"),
            format!(
                "title: \"{name}\"\n{facts}good_practices: [{}]\nnews: [{}]\n",
                gp_paths.join(", "),
                news_paths.join(", ")
            ),
        ),
        yaml,
        body,
    }];
    for (g, path) in gp_paths.iter().enumerate() {
        let title = format!("Käytäntö {i}-{g}");
        pages.push(Page {
            path: format!("{dir}/good-practices/kaytanto-{i:05}-{g}.md"),
            yaml: format!(
                "nimi: {title}\nlyhyt_kuvaus: {}\nperusidea: {}\ntoteutus: {}\n",
                rng.sentence(),
                rng.sentence(),
                rng.sentence()
            ),
            body: format!("{}\n", rng.sentence()),
            hugo: (
                format!("{path}.md"),
                format!("title: \"{title}\"\nproject: {dir}\n"),
            ),
        });
    }
    for (k, path) in news_paths.iter().enumerate() {
        let title = format!("Uutinen {i}-{k}: {}", rng.word());
        let (d, m, y) = (1 + rng.below(28), 1 + rng.below(12), 2019 + rng.below(7));
        let day = format!("{d}.{m}.{y}");
        let paragraphs: Vec<String> = (0..3)
            .map(|_| (0..4).map(|_| rng.sentence()).collect::<Vec<_>>().join(" "))
            .collect();
        pages.push(Page {
            path: format!("{dir}/news/uutinen-{i:05}-{k}.md"),
            yaml: format!(
                "otsikko: \"{title}\"\npäivämäärä: {day}\nkirjoittaja: Hanke {i}\ntiivistelmä: {}\n",
                rng.sentence()
            ),
            body: format!("{}\n", paragraphs.join("\n\n")),
            hugo: (
                format!("{path}.md"),
                format!("title: \"{title}\"\ndate: {y}-{m:02}-{d:02}\nproject: {dir}\n"),
            ),
        });
    }
    if i.is_multiple_of(10) {
        for lang in ["sv", "en"] {
            let yaml = format!(
                "nimi: Project {i} ({lang})\ntiivistelmä: {}\n",
                rng.sentence()
            );
            pages.push(Page {
                path: format!("{dir}/index.{lang}.md"),
                hugo: (
                    format!("{dir}/index.{lang}.md"),
                    format!("title: \"Project {i} ({lang})\"\n"),
                ),
                yaml,
                body: format!("{}\n", rng.sentence()),
            });
        }
    }
    pages
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A project's front matter, its body, and the taxonomy lists the Hugo site
/// needs for the same listings (Hugo reads terms from lists under their names).
fn project(rng: &mut Rng, i: usize, n: usize) -> (String, String, String) {
    let start_year = 2018 + rng.below(8);
    let mut s = String::new();
    let _ = write!(
        s,
        "nimi: Kehittämishanke {i} – {} {}\nlyhenne: Hanke{i}\nhankekoodi: \"{}\"\n\
         hallinnoija: Ammattikorkeakoulu {}\ntoteuttajat: [Hyvinvointialue {}, Yliopisto {}]\n\
         kumppanit: [Järjestö {}]\ntoteutusaika: 1.{}.{start_year}–{}.12.{}\nmaakunta: {}\n\
         kunnat: [Kunta {}, Kunta {}]\nkohderyhmät: [nuoret, perheet, ammattilaiset]\n\
         tiivistelmä: {}\nlyhyesti_englanniksi: A short summary of project {i}.\n\
         tavoitteet:\n  päätavoite: {}\n  osatavoitteet: [{}, {}]\n\
         toimenpiteet:\n  - otsikko: Toimenpide 1\n    kuvaus: {}\n  - otsikko: Toimenpide 2\n    kuvaus: {}\n\
         tulokset: {}\n\
         rahoitus:\n  ohjelma: Uudistuva ja osaava Suomi 2021–2027\n  toimintalinja: 5 Sosiaalisten innovaatioiden Suomi\n  \
         erityistavoite: 5.1 Turvaverkkoja nuorten tulevaisuuteen\n  rahoittajat: [Euroopan unioni, Hämeen ELY-keskus]\n  \
         budjetti:\n    kokonaisbudjetti: {}\n    osuudet:\n      - selite: Oma osuus\n        summa: {}\n",
        rng.word(),
        rng.word(),
        200_000 + i,
        rng.below(30),
        rng.below(20),
        rng.below(10),
        rng.below(50),
        1 + rng.below(12),
        1 + rng.below(28),
        start_year + 2,
        REGIONS[rng.below(REGIONS.len())],
        rng.below(300),
        rng.below(300),
        rng.sentence(),
        rng.sentence(),
        rng.sentence(),
        rng.sentence(),
        rng.sentence(),
        rng.sentence(),
        rng.sentence(),
        100_000 + rng.below(900_000),
        10_000 + rng.below(90_000),
    );
    s.push_str("yhteystiedot:\n");
    for c in 0..1 + rng.below(4) {
        let _ = write!(
            s,
            "  - nimi: Henkilö {i}-{c} Sukunimi\n    titteli: Projektipäällikkö\n    organisaatio: Organisaatio {}\n    \
             puhelin: 040 {:03} {:04}\n    sähköposti: henkilo.{i}.{c}(at)example.fi\n",
            rng.below(40),
            rng.below(1000),
            rng.below(10000)
        );
    }
    s.push_str("some:\n  - palvelu: Instagram\n    osoite: https://www.instagram.com/hanke/\n");
    let yaml = std::mem::take(&mut s);
    let field = |key: &str| {
        yaml.lines()
            .find_map(|l| l.strip_prefix(key))
            .unwrap_or_default()
            .to_string()
    };
    // Every project ends in December, two years after it starts; the build date is 23.11.2026.
    let status = if start_year + 2 >= 2026 {
        "ongoing"
    } else {
        "ended"
    };
    let facts = format!(
        "regions: [{}]\nadministrators: [{}]\nfunders: [Euroopan unioni, Hämeen ELY-keskus]\n\
         programmes: [Uudistuva ja osaava Suomi 2021–2027]\nstatus: [{status}]\n",
        field("maakunta: "),
        field("hallinnoija: "),
    );
    let words = 300 + rng.below(1200);
    let mut written = 0;
    let mut section = 0;
    while written < words {
        section += 1;
        let _ = writeln!(s, "## Osio {section} {}\n", rng.word());
        for _ in 0..3 {
            let p: Vec<String> = (0..4).map(|_| rng.sentence()).collect();
            written += p.iter().map(|x| x.split(' ').count()).sum::<usize>();
            let _ = writeln!(s, "{}\n", p.join(" "));
        }
        let _ = writeln!(
            s,
            "- {}\n- {}\n- {}\n",
            rng.sentence(),
            rng.sentence(),
            rng.sentence()
        );
        if section == 2 {
            let _ = writeln!(
                s,
                "| Vuosi | Osallistujat |\n|---|---|\n| 2024 | {} |\n| 2025 | {} |\n",
                rng.below(100),
                rng.below(100)
            );
            let other = rng.below(n);
            let _ = writeln!(
                s,
                "Katso myös [hanke {other}](/projects/hanke-{other:05}/) ja [ministeriön sivu](https://stm.fi/).\n"
            );
        }
    }
    (yaml, s, facts)
}
