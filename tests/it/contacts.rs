//! Contact cards people can use: tap to call or write, save as a vCard, find
//! everyone on one page, and read by machines as schema.org JSON-LD.

use crate::support::*;

fn full() -> hanke::render::Rendered {
    render(&fixture("build/full")).0
}

fn file(rendered: &hanke::render::Rendered, path: &str) -> String {
    let f = rendered
        .files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no {path}"));
    String::from_utf8(f.bytes.clone()).unwrap()
}

#[test]
fn vcards_parse_and_keep_every_field_and_letter() {
    let rendered = full();
    let text = file(&rendered, "contacts/orjan-arlig.vcf");
    assert!(text.lines().count() > 5);
    assert!(text.split("\r\n").count() > 5, "lines end in CRLF");
    assert!(
        text.contains("FN:Örjan Ärlig\r\n"),
        "names keep ä and ö:\n{text}"
    );
    let cards = vcard4::parse(&text).unwrap();
    assert_eq!(cards.len(), 1);
    let card = &cards[0];
    assert_eq!(card.formatted_name[0].to_string(), "Örjan Ärlig");
    let card_text = card.to_string();
    for line in [
        "N:Ärlig;Örjan;;;",
        "TITLE:Projektsekreterare",
        "ORG:Åbo Akademi",
        "TEL:+358401234567",
        "TEL:+35893101691",
        "EMAIL:orjan.arlig@abo.fi",
        "URL:https://example.fi/projects/beta/",
    ] {
        assert!(card_text.contains(line), "{line} missing from\n{card_text}");
    }
}

#[test]
fn one_person_on_two_projects_is_one_vcard_and_one_entry() {
    let rendered = full();
    let vcards: Vec<_> = rendered
        .files
        .iter()
        .filter(|f| f.path.ends_with(".vcf"))
        .map(|f| f.path.as_str())
        .collect();
    assert_eq!(
        vcards,
        [
            "contacts/jaana-poikolainen.vcf",
            "contacts/johanna-jussila.vcf",
            "contacts/orjan-arlig.vcf"
        ]
    );
    let card = vcard4::parse(file(&rendered, "contacts/jaana-poikolainen.vcf")).unwrap();
    let card_text = card[0].to_string();
    assert!(
        card_text.contains("NOTE:Alpha – testihanke\\, Beta"),
        "{card_text}"
    );
    assert!(card_text.contains("LANG:fi"), "{card_text}");

    let html = page(&rendered, "contacts/index.html");
    let names = texts(&html, "#by-organisation ~ ul .contact-name");
    assert_eq!(
        names,
        ["Jaana Poikolainen", "Örjan Ärlig", "Johanna Jussila"]
    );
    assert_eq!(texts(&html, "main h3"), ["Xamk", "Åbo Akademi", "Muut"]);
    let jaana_projects = texts(
        &html,
        "article[aria-label='Jaana Poikolainen'] dd a[href^='/projects/']",
    );
    assert_eq!(jaana_projects[0], "Alpha – testihanke");
    assert!(jaana_projects[1].starts_with("Beta"), "{jaana_projects:?}");
}

#[test]
fn every_card_links_its_vcard_phone_and_email() {
    let html = page(&full(), "projects/alpha/index.html");
    let saves: Vec<_> = select(&html, ".contact-save a")
        .iter()
        .map(|a| {
            (
                a.value().attr("href").unwrap().to_string(),
                a.text().collect::<String>(),
            )
        })
        .collect();
    assert_eq!(
        saves[0],
        (
            "/contacts/jaana-poikolainen.vcf".to_string(),
            "Tallenna yhteystieto: Jaana Poikolainen (vCard)".to_string()
        )
    );
}

#[test]
fn json_ld_describes_the_project_and_its_people() {
    let html = page(&full(), "projects/alpha/index.html");
    let script = select(&html, "script[type='application/ld+json']");
    assert_eq!(script.len(), 1);
    let data: serde_json::Value =
        serde_json::from_str(&script[0].text().collect::<String>()).unwrap();
    assert_eq!(data["@context"], "https://schema.org");
    assert_eq!(data["@type"], "Project");
    assert_eq!(data["name"], "Alpha – testihanke");
    assert_eq!(data["url"], "https://example.fi/projects/alpha/");
    assert_eq!(data["identifier"], "204038");
    assert_eq!(data["foundingDate"], "2024-03-01");
    assert_eq!(data["dissolutionDate"], "2027-02-28");
    assert_eq!(data["funder"][1]["name"], "Hämeen ELY-keskus");
    let jaana = &data["member"][0];
    assert_eq!(jaana["@type"], "Person");
    assert_eq!(jaana["name"], "Jaana Poikolainen");
    assert_eq!(jaana["jobTitle"], "Tutkimuspäällikkö");
    assert_eq!(jaana["worksFor"]["name"], "Xamk");
    assert_eq!(jaana["worksFor"]["department"]["name"], "Juvenia");
    assert_eq!(jaana["telephone"], "+358447028832");
    assert_eq!(jaana["email"], "Jaana.Poikolainen@xamk.fi");
    assert_eq!(data["member"][1]["email"], "johanna.jussila@xamk.fi");
}

#[test]
fn json_ld_cannot_close_its_script_element() {
    let html = page(&full(), "projects/beta/index.html");
    let script = &select(&html, "script[type='application/ld+json']")[0];
    let data: serde_json::Value = serde_json::from_str(&script.text().collect::<String>()).unwrap();
    assert_eq!(data["name"], "Beta <script>alert('nimi')</script>");
}

#[test]
fn a_contact_may_have_several_phones() {
    let html = page(&full(), "projects/beta/index.html");
    let card = "article[aria-label='Örjan Ärlig'] a[href^='tel:']";
    let phones: Vec<_> = select(&html, card)
        .iter()
        .map(|a| {
            (
                a.value().attr("href").unwrap().to_string(),
                a.text().collect::<String>(),
            )
        })
        .collect();
    assert_eq!(
        phones,
        [
            ("tel:+358401234567".to_string(), "040 123 4567".to_string()),
            ("tel:+35893101691".to_string(), "09 310 1691".to_string()),
        ]
    );
}

#[test]
fn social_links_have_accessible_names() {
    let html = page(&full(), "projects/alpha/index.html");
    assert_eq!(
        texts(&html, "section[aria-labelledby='sec-some'] a"),
        ["Instagram: Alpha"]
    );
}
