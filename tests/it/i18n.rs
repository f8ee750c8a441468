//! Finnish, Swedish and English versions of a site: addresses, links between
//! versions, translated labels and formats, facts that fall back and text that
//! does not, passages in other languages.

use crate::support::*;

fn site() -> hanke::render::Rendered {
    let (rendered, diagnostics) = render(&fixture("i18n/site"));
    assert!(diagnostics.is_empty(), "{}", lines(&diagnostics));
    rendered
}

#[test]
fn each_version_has_its_own_address_and_only_existing_versions_are_built() {
    let rendered = site();
    for path in [
        "projects/alpha/index.html",
        "sv/projects/alpha/index.html",
        "en/projects/alpha/index.html",
        "sv/index.html",
        "en/good-practices/index.html",
    ] {
        assert!(
            rendered.files.iter().any(|f| f.path == path),
            "{path} missing"
        );
    }
    assert!(
        !rendered
            .files
            .iter()
            .any(|f| f.path == "sv/projects/beta/index.html")
    );
}

#[test]
fn versions_link_each_other_with_hreflang() {
    let rendered = site();
    for (path, lang) in [
        ("projects/alpha/index.html", "fi"),
        ("sv/projects/alpha/index.html", "sv"),
        ("en/projects/alpha/index.html", "en"),
    ] {
        let html = page(&rendered, path);
        assert_eq!(select(&html, &format!("html[lang='{lang}']")).len(), 1);
        let alternates: Vec<_> = select(&html, "link[rel=alternate]")
            .iter()
            .map(|l| {
                let v = l.value();
                format!(
                    "{} {}",
                    v.attr("hreflang").unwrap(),
                    v.attr("href").unwrap()
                )
            })
            .collect();
        assert_eq!(
            alternates,
            [
                "fi https://example.fi/projects/alpha/",
                "sv https://example.fi/sv/projects/alpha/",
                "en https://example.fi/en/projects/alpha/",
            ],
            "{path}"
        );
        let switcher: Vec<_> = select(&html, "nav.languages a")
            .iter()
            .map(|a| {
                let v = a.value();
                format!(
                    "{} {} {} {}",
                    a.text().collect::<String>(),
                    v.attr("lang").unwrap(),
                    v.attr("hreflang").unwrap(),
                    v.attr("aria-current").unwrap_or("-")
                )
            })
            .collect();
        let current = |l: &str| if l == lang { "page" } else { "-" };
        assert_eq!(
            switcher,
            [
                format!("Suomeksi fi fi {}", current("fi")),
                format!("På svenska sv sv {}", current("sv")),
                format!("In English en en {}", current("en")),
            ]
        );
    }
    // A page that exists only in Finnish offers no switcher.
    let beta = page(&rendered, "projects/beta/index.html");
    assert!(select(&beta, "nav.languages").is_empty());
}

#[test]
fn labels_dates_and_money_follow_the_page_language() {
    let rendered = site();
    let fi = page(&rendered, "projects/alpha/index.html");
    let sv = page(&rendered, "sv/projects/alpha/index.html");
    let en = page(&rendered, "en/projects/alpha/index.html");
    assert_eq!(fact(&fi, "Toteutusaika"), "1.3.2024–28.2.2027");
    assert_eq!(fact(&sv, "Projekttid"), "1.3.2024–28.2.2027");
    assert_eq!(fact(&en, "Duration"), "1 March 2024–28 February 2027");
    assert_eq!(fact(&sv, "Huvudman"), "Testin ammattikorkeakoulu");
    assert_eq!(fact(&en, "Total budget"), "356\u{a0}164\u{a0}€");
    assert_eq!(
        text(&sv, "main header .eu-statement"),
        "Medfinansieras av Europeiska unionen"
    );
    assert_eq!(
        text(&en, "main header .eu-statement"),
        "Co-funded by the European Union"
    );
}

#[test]
fn facts_fall_back_marked_with_their_language_and_text_never_does() {
    let rendered = site();
    let sv = page(&rendered, "sv/projects/alpha/index.html");
    assert_eq!(text(&sv, ".lead"), "Beskrivning på svenska.");
    assert_eq!(text(&sv, ".prose"), "Text på svenska.");
    // Facts the Swedish version leaves out come from the Finnish one, marked fi.
    let admin = select(&sv, "dl.facts dd[lang='fi']");
    assert_eq!(
        admin[0].text().collect::<String>(),
        "Testin ammattikorkeakoulu"
    );
    assert_eq!(text(&sv, ".contact-title[lang='fi']"), "Projektipäällikkö");
    assert_eq!(select(&sv, "a[href='tel:+358401234567']").len(), 1);
    // The English version has no summary or body of its own: none is borrowed.
    let en = page(&rendered, "en/projects/alpha/index.html");
    assert!(select(&en, ".lead").is_empty());
    assert!(select(&en, ".prose").is_empty());
}

#[test]
fn a_translations_own_contacts_save_the_vcards_of_the_people_they_are() {
    let rendered = site();
    let en = page(&rendered, "en/projects/alpha/index.html");
    let saves: Vec<&str> = (select(&en, ".contact-save a").iter())
        .map(|a| a.value().attr("href").unwrap())
        .collect();
    assert_eq!(
        saves,
        ["/contacts/anna-testaaja.vcf", "/contacts/emma-example.vcf"]
    );
    let vcard = |path: &str| {
        let file = rendered.files.iter().find(|f| f.path == path);
        String::from_utf8(file.unwrap_or_else(|| panic!("no {path}")).bytes.clone()).unwrap()
    };
    // Anna is the Finnish version's contact: the English card adds nothing to her.
    let anna = vcard("contacts/anna-testaaja.vcf");
    assert!(anna.contains("TITLE:Projektipäällikkö\r\n"), "{anna}");
    assert!(anna.contains("NOTE:Alfa-hanke\r\n"), "{anna}");
    // Emma is only on the English card.
    let emma = vcard("contacts/emma-example.vcf");
    assert!(emma.contains("TITLE:Coordinator\r\n"), "{emma}");
    assert!(emma.contains("NOTE:The Alfa project\r\n"), "{emma}");
    let contacts = page(&rendered, "contacts/index.html");
    let names = texts(&contacts, "#by-organisation ~ ul .contact-name");
    assert!(names.contains(&"Emma Example".to_string()), "{names:?}");
}

#[test]
fn homes_list_their_language_and_mark_untranslated_projects() {
    let rendered = site();
    let sv = page(&rendered, "sv/index.html");
    assert_eq!(texts(&sv, "main h3 a"), ["Alfa-projektet"]);
    let untranslated = select(&sv, "#untranslated + ul a");
    assert_eq!(untranslated.len(), 1);
    assert_eq!(untranslated[0].value().attr("lang"), Some("fi"));
    assert_eq!(
        untranslated[0].value().attr("href"),
        Some("/projects/beta/")
    );
    let nav: Vec<_> = select(&sv, "header nav:first-of-type a")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(nav[..2], ["/sv/", "/sv/good-practices/"]);
}

#[test]
fn passages_and_publications_in_other_languages_carry_lang_and_direction() {
    let rendered = site();
    let fi = page(&rendered, "projects/alpha/index.html");
    let passage = &select(&fi, ".prose div[lang='en']")[0];
    assert!(
        passage
            .text()
            .collect::<String>()
            .contains("The project in a few words.")
    );
    let title = &select(&fi, ".publication-title")[0];
    assert_eq!(title.value().attr("lang"), Some("ar"));
    assert_eq!(title.value().attr("dir"), Some("rtl"));
    assert!(text(&fi, ".publications li").ends_with("(arabiaksi)"));
}

#[test]
fn translations_of_missing_projects_and_unknown_languages_are_errors() {
    let outcome = hanke::render_site(&options(&fixture("i18n/errors")));
    assert_eq!(
        lines(&outcome.diagnostics),
        "error[unknown-language]: content/projects/beta.de.md: the file name says the language is `de`, but the site has no such language\n\
         error[orphan-translation]: content/projects/gamma.sv.md:1:1: this translates a project that does not exist: there is no /projects/gamma/ in the default language\n"
    );
}

#[test]
fn a_missing_ui_string_names_the_language_and_keys() {
    let outcome = hanke::render_site(&options(&fixture("i18n/missing-string")));
    assert_eq!(outcome.diagnostics.len(), 1);
    let d = &outcome.diagnostics[0];
    assert_eq!(d.file, "i18n/et.yaml");
    assert!(
        d.message.starts_with(
            "the UI strings `about_project`, `accessibility_statement`, `administrator`, `all_by_status`, `all_ended` and "
        ),
        "{}",
        d.message
    );
    assert!(
        d.message.ends_with(" more have no translation for `et`"),
        "{}",
        d.message
    );
}

#[test]
fn the_breadcrumb_leads_to_the_listing_in_the_pages_own_language() {
    let (rendered, _) = render(&repo_root());
    let crumb = |path: &str| {
        let html = page(&rendered, path);
        select(&html, ".breadcrumb li:first-child a")[0]
            .value()
            .attr("href")
            .unwrap()
            .to_string()
    };
    assert_eq!(crumb("sv/projects/sointu/index.html"), "/sv/");
    assert_eq!(crumb("en/projects/sointu/index.html"), "/en/");
    assert_eq!(crumb("projects/sointu/index.html"), "/");
    assert_eq!(crumb("sv/news/sivusto-avattu/index.html"), "/sv/news/");
    assert_eq!(
        crumb("good-practices/asiakasraati/index.html"),
        "/good-practices/"
    );
}
