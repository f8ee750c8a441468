//! Front matter exactly as written: serde structs that mirror the YAML, with the
//! Finnish key names staff know as aliases. Unknown keys are errors (with a "did you
//! mean"), values that need checking keep their source position ([`Spanned`]).
//! `validate` turns these into the typed model.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, MapAccess, SeqAccess, Visitor, value::MapAccessDeserializer};
use serde::{Deserialize, Deserializer};

use crate::yaml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProject {
    #[serde(alias = "nimi")]
    pub name: Option<Spanned<String>>,
    #[serde(alias = "lyhenne", alias = "lyhytnimi")]
    pub short_name: Option<String>,
    #[serde(alias = "hankekoodi", alias = "koodi")]
    pub code: Option<String>,
    #[serde(alias = "hallinnoija")]
    pub administrator: Option<String>,
    #[serde(
        default,
        deserialize_with = "string_list",
        alias = "toteuttajat",
        alias = "osatoteuttajat"
    )]
    pub implementers: Vec<String>,
    #[serde(default, deserialize_with = "string_list", alias = "kumppanit")]
    pub partners: Vec<String>,
    #[serde(alias = "toteutusaika")]
    pub duration: Option<Spanned<RawDuration>>,
    #[serde(alias = "maakunta", alias = "alue")]
    pub region: Option<String>,
    #[serde(default, deserialize_with = "string_list", alias = "kunnat")]
    pub municipalities: Vec<String>,
    #[serde(
        default,
        deserialize_with = "string_list",
        alias = "kohderyhmä",
        alias = "kohderyhmät",
        alias = "kohderyhma",
        alias = "kohderyhmat"
    )]
    pub target_groups: Vec<String>,
    #[serde(alias = "tavoitteet")]
    pub goals: Option<RawGoals>,
    #[serde(default, alias = "toimenpiteet", alias = "työpaketit")]
    pub work_packages: Vec<RawWorkPackage>,
    #[serde(alias = "tulokset")]
    pub results: Option<Spanned<String>>,
    #[serde(alias = "rahoitus")]
    pub funding: Option<RawFunding>,
    #[serde(default, alias = "yhteystiedot")]
    pub contacts: Vec<RawContact>,
    #[serde(default, alias = "some")]
    pub social: Vec<RawSocial>,
    #[serde(default, alias = "linkit")]
    pub links: Vec<RawLink>,
    #[serde(default, alias = "julkaisut")]
    pub publications: Vec<RawPublication>,
    #[serde(alias = "kuva")]
    pub image: Option<RawImage>,
    #[serde(alias = "tiivistelmä", alias = "tiivistelma")]
    pub summary: Option<String>,
    #[serde(alias = "lyhyesti_englanniksi", alias = "briefly_in_english")]
    pub summary_en: Option<String>,
    #[serde(
        default,
        deserialize_with = "string_list",
        alias = "teemat",
        alias = "aiheet"
    )]
    pub topics: Vec<String>,
}

/// `toteutusaika: 1.3.2024 – 28.2.2027`, or the parts written out.
#[derive(Debug)]
pub enum RawDuration {
    Range(String),
    Parts(Box<RawDurationParts>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDurationParts {
    #[serde(alias = "alku", alias = "alkaa")]
    pub start: Option<Spanned<String>>,
    #[serde(alias = "loppu", alias = "päättyy")]
    pub end: Option<Spanned<String>>,
    /// The extension's end date, or its whole range (`6/2023–9/2023`).
    #[serde(alias = "jatkoaika")]
    pub extension: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGoals {
    #[serde(alias = "päätavoite", alias = "paatavoite")]
    pub main: Option<String>,
    #[serde(default, deserialize_with = "string_list", alias = "osatavoitteet")]
    pub sub_goals: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWorkPackage {
    #[serde(alias = "otsikko", alias = "nimi")]
    pub title: Spanned<String>,
    #[serde(alias = "kuvaus")]
    pub description: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFunding {
    #[serde(alias = "ohjelma")]
    pub programme: Option<String>,
    #[serde(alias = "toimintalinja")]
    pub priority: Option<String>,
    #[serde(alias = "erityistavoite")]
    pub specific_objective: Option<String>,
    #[serde(default, alias = "rahoittajat")]
    pub funders: Vec<Spanned<RawFunder>>,
    #[serde(alias = "budjetti")]
    pub budget: Option<RawBudget>,
    /// The EU programme period, when the programme does not tell it: `2021–2027`.
    #[serde(alias = "ohjelmakausi")]
    pub period: Option<Spanned<String>>,
    /// Whether the EU co-funds (the usual case) or funds the project in full.
    #[serde(alias = "eu_rahoitus")]
    pub eu_funding: Option<EuFunding>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EuFunding {
    #[serde(alias = "osarahoitus", alias = "osarahoittama")]
    CoFunded,
    #[serde(alias = "rahoitus", alias = "rahoittama")]
    Funded,
}

/// A funder, named as staff write it (`- Hämeen ELY-keskus`), or with its role,
/// or by its registry `id` (data/funders.yaml).
#[derive(Debug, Default)]
pub struct RawFunder {
    pub name: Option<String>,
    pub id: Option<String>,
    pub role: Option<String>,
}

impl From<String> for RawFunder {
    fn from(name: String) -> Self {
        RawFunder {
            name: Some(name),
            ..RawFunder::default()
        }
    }
}

impl From<RawFunderFields> for RawFunder {
    fn from(f: RawFunderFields) -> Self {
        RawFunder {
            name: f.name,
            id: f.id,
            role: f.role,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFunderFields {
    #[serde(alias = "nimi")]
    name: Option<String>,
    #[serde(alias = "tunnus")]
    id: Option<String>,
    #[serde(alias = "rooli")]
    role: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBudget {
    #[serde(alias = "kokonaisbudjetti", alias = "yhteensä")]
    pub total: Option<Spanned<String>>,
    /// The seeds write "n. 2,5 Meur": the total is an estimate.
    #[serde(default, alias = "arvio")]
    pub approximate: bool,
    #[serde(default, alias = "osuudet")]
    pub shares: Vec<RawShare>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawShare {
    #[serde(alias = "selite", alias = "nimi")]
    pub label: String,
    #[serde(alias = "summa")]
    pub amount: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawContact {
    #[serde(alias = "nimi")]
    pub name: Spanned<String>,
    #[serde(alias = "titteli", alias = "tehtävä", alias = "nimike")]
    pub title: Option<String>,
    #[serde(alias = "organisaatio")]
    pub organisation: Option<String>,
    #[serde(alias = "yksikkö", alias = "yksikko")]
    pub unit: Option<String>,
    /// One number, or a list of them.
    #[serde(alias = "puhelin", alias = "phones", alias = "puhelimet")]
    pub phone: Option<Spanned<OneOrMore>>,
    #[serde(alias = "sähköposti", alias = "sahkoposti")]
    pub email: Option<Spanned<String>>,
    #[serde(alias = "kuva")]
    pub photo: Option<RawImage>,
    #[serde(default, deserialize_with = "string_list", alias = "kielet")]
    pub languages: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSocial {
    /// Instagram, Facebook, LinkedIn …
    #[serde(alias = "palvelu")]
    pub service: String,
    #[serde(alias = "osoite")]
    pub url: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLink {
    #[serde(alias = "otsikko", alias = "nimi")]
    pub title: Spanned<String>,
    #[serde(alias = "osoite", alias = "tiedosto", alias = "file")]
    pub url: Spanned<String>,
    #[serde(alias = "tyyppi")]
    pub kind: Option<LinkKind>,
    #[serde(alias = "kieli")]
    pub language: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    #[serde(alias = "rekisteri", alias = "hankerekisteri")]
    Register,
    #[serde(alias = "loppuraportti")]
    FinalReport,
    #[serde(alias = "verkkosivu", alias = "kotisivu")]
    Website,
    #[serde(alias = "muu")]
    Other,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPublication {
    #[serde(alias = "otsikko", alias = "nimi")]
    pub title: Spanned<String>,
    #[serde(alias = "kuvaus")]
    pub description: Option<String>,
    #[serde(alias = "osoite", alias = "tiedosto", alias = "file")]
    pub url: Option<Spanned<String>>,
    #[serde(alias = "kieli")]
    pub language: Option<String>,
    /// The same publication in other languages.
    #[serde(default, alias = "kieliversiot")]
    pub versions: Vec<RawVersion>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawVersion {
    #[serde(alias = "kieli")]
    pub language: String,
    #[serde(alias = "osoite", alias = "tiedosto", alias = "file")]
    pub url: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawImage {
    #[serde(alias = "tiedosto", alias = "file")]
    pub src: Spanned<String>,
    /// What the image shows, for people who cannot see it.
    #[serde(alias = "vaihtoehtoinen_teksti", alias = "kuvaus")]
    pub alt: Option<Spanned<String>>,
}

/// A good practice (hyvä käytäntö), with the sections Innokylä uses.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGoodPractice {
    #[serde(alias = "nimi")]
    pub name: Option<Spanned<String>>,
    #[serde(alias = "lyhyt_kuvaus", alias = "kuvaus")]
    pub summary: Option<String>,
    /// Ratkaisun perusidea: the need and the change it aims at.
    #[serde(alias = "perusidea", alias = "tarve")]
    pub need: Option<Spanned<String>>,
    #[serde(
        default,
        deserialize_with = "string_list",
        alias = "kohderyhmä",
        alias = "kohderyhmät",
        alias = "kohderyhma",
        alias = "kohderyhmat"
    )]
    pub target_groups: Vec<String>,
    #[serde(alias = "toteutus")]
    pub implementation: Option<Spanned<String>>,
    /// Toimivuuden ja käyttöönoton ehdot: resources, skills, costs.
    #[serde(alias = "resurssit", alias = "käyttöönoton_ehdot")]
    pub resources: Option<Spanned<String>>,
    #[serde(alias = "arviointi", alias = "tulokset")]
    pub evaluation: Option<Spanned<String>>,
    #[serde(alias = "toimintaympäristö", alias = "toimintaymparisto")]
    pub setting: Option<Spanned<String>>,
    #[serde(default, alias = "materiaalit")]
    pub materials: Vec<RawLink>,
    #[serde(default, alias = "yhteystiedot")]
    pub contacts: Vec<RawContact>,
    #[serde(alias = "innokylä")]
    pub innokyla: Option<Spanned<String>>,
    #[serde(alias = "maakunta", alias = "alue")]
    pub region: Option<String>,
    #[serde(alias = "luotu")]
    pub created: Option<Spanned<String>>,
    #[serde(alias = "päivitetty", alias = "paivitetty")]
    pub updated: Option<Spanned<String>>,
    #[serde(
        default,
        deserialize_with = "string_list",
        alias = "teemat",
        alias = "aiheet"
    )]
    pub topics: Vec<String>,
}

/// A news item (uutinen) or a press release (tiedote).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNews {
    #[serde(alias = "otsikko")]
    pub title: Option<Spanned<String>>,
    #[serde(
        alias = "päivämäärä",
        alias = "paivamaara",
        alias = "pvm",
        alias = "julkaistu"
    )]
    pub date: Option<Spanned<String>>,
    #[serde(alias = "päivitetty", alias = "paivitetty")]
    pub updated: Option<Spanned<String>>,
    #[serde(alias = "kirjoittaja", alias = "tekijä", alias = "tekija")]
    pub author: Option<String>,
    /// `news` (uutinen) or `press-release` (tiedote).
    #[serde(rename = "type", alias = "tyyppi", alias = "laji")]
    pub kind: Option<Spanned<String>>,
    #[serde(alias = "tiivistelmä", alias = "tiivistelma", alias = "ingressi")]
    pub summary: Option<String>,
}

/// One text or a list of texts, as a type (so it can carry its position).
#[derive(Debug)]
pub struct OneOrMore(pub Vec<String>);

impl<'de> Deserialize<'de> for OneOrMore {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        string_list(d).map(OneOrMore)
    }
}

/// A list of strings, where a single string means a list of one.
fn string_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    struct ListVisitor;
    impl<'de> Visitor<'de> for ListVisitor {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a list of texts")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(vec![v.to_string()])
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut items = Vec::new();
            while let Some(item) = seq.next_element::<String>()? {
                items.push(item);
            }
            Ok(items)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
    }
    d.deserialize_any(ListVisitor)
}

/// Deserializes either a plain string (through `from_str`) or a mapping (through
/// the derived struct `M`), so staff can write the short form when it says enough.
struct StringOrMap<T, M>(PhantomData<(T, M)>);

impl<'de, T, M> Visitor<'de> for StringOrMap<T, M>
where
    T: From<String> + From<M>,
    M: Deserialize<'de>,
{
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a text or a group of keys")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        Ok(T::from(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        Ok(T::from(v.to_string()))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        M::deserialize(MapAccessDeserializer::new(map)).map(T::from)
    }
}

impl From<String> for RawDuration {
    fn from(s: String) -> Self {
        RawDuration::Range(s)
    }
}

impl From<RawDurationParts> for RawDuration {
    fn from(p: RawDurationParts) -> Self {
        RawDuration::Parts(Box::new(p))
    }
}

impl<'de> Deserialize<'de> for RawFunder {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StringOrMap::<RawFunder, RawFunderFields>(PhantomData))
    }
}

impl<'de> Deserialize<'de> for RawDuration {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StringOrMap::<RawDuration, RawDurationParts>(PhantomData))
    }
}
