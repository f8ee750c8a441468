//! Writes a realistic hanke site of N projects, for benchmarks:
//! `cargo run --release --example gen-corpus -- --projects 1000 --out /tmp/corpus`
//!
//! Every project has every front matter field, a body of 300–1,500 words of
//! Finnish-like text with headings, lists, a table and links, 1–4 contacts, 0–3
//! good practices; every tenth has a Swedish and an English version. The output
//! is the same for the same N.

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

pub fn generate(out: &Path, n: usize) {
    let _ = fs::remove_dir_all(out);
    let projects = out.join("content/projects");
    fs::create_dir_all(&projects).unwrap();
    fs::write(
        out.join("site.yaml"),
        "title: Vertailusivusto\nbase_url: https://example.fi/\nlanguage: fi\nlanguages: [fi, sv, en]\n\
         accessibility:\n  status: partial\n  prepared: 1.10.2026\n  reviewed: 1.11.2026\n  assessment: self\n  \
         feedback:\n    email: saavutettavuus@example.fi\n",
    )
    .unwrap();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for i in 0..n {
        let slug = format!("hanke-{i:05}");
        let dir = projects.join(&slug);
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("index.md"), project(&mut rng, i, n)).unwrap();
        let gps = rng.below(4);
        if gps > 0 {
            fs::create_dir_all(dir.join("good-practices")).unwrap();
        }
        for g in 0..gps {
            let text = format!(
                "---\nnimi: Käytäntö {i}-{g}\nlyhyt_kuvaus: {}\nperusidea: {}\ntoteutus: {}\n---\n{}\n",
                rng.sentence(),
                rng.sentence(),
                rng.sentence(),
                rng.sentence()
            );
            fs::write(
                dir.join(format!("good-practices/kaytanto-{i:05}-{g}.md")),
                text,
            )
            .unwrap();
        }
        if i % 10 == 0 {
            for lang in ["sv", "en"] {
                let text = format!(
                    "---\nnimi: Project {i} ({lang})\ntiivistelmä: {}\n---\n{}\n",
                    rng.sentence(),
                    rng.sentence()
                );
                fs::write(dir.join(format!("index.{lang}.md")), text).unwrap();
            }
        }
    }
}

fn project(rng: &mut Rng, i: usize, n: usize) -> String {
    let start_year = 2018 + rng.below(8);
    let mut s = String::new();
    let _ = write!(
        s,
        "---\nnimi: Kehittämishanke {i} – {} {}\nlyhenne: Hanke{i}\nhankekoodi: \"{}\"\n\
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
    s.push_str(
        "some:\n  - palvelu: Instagram\n    osoite: https://www.instagram.com/hanke/\n---\n",
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
    s
}
