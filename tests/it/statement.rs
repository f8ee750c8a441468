//! The accessibility statement: every section the law asks for, in every
//! language, and the problems a stale or incomplete statement has.

use scraper::Html;

use crate::support::*;

fn statement_page(rendered: &hanke::render::Rendered, path: &str) -> Html {
    page(rendered, path)
}

#[test]
fn the_example_statement_has_every_section_in_fi_sv_and_en() {
    let (rendered, diagnostics) = render(&repo_root());
    assert!(diagnostics.is_empty(), "{}", lines(&diagnostics));
    let cases = [
        (
            "saavutettavuusseloste/index.html",
            "fi",
            [
                "Digipalvelun saavutettavuuden tila",
                "Ei-saavutettava sisältö",
                "Miten arvioimme saavutettavuuden",
                "Anna palautetta saavutettavuudesta",
                "Valvontaviranomainen",
            ],
            "Liikenne- ja viestintävirasto Traficom",
            "Verkkosivusto täyttää saavutettavuusvaatimukset osittain.",
        ),
        (
            "sv/tillganglighetsutlatande/index.html",
            "sv",
            [
                "Den digitala tjänstens tillgänglighet",
                "Innehåll som inte är tillgängligt",
                "Hur vi har bedömt tillgängligheten",
                "Ge respons om tillgängligheten",
                "Tillsynsmyndighet",
            ],
            "Transport- och kommunikationsverket Traficom",
            "Webbplatsen uppfyller tillgänglighetskraven delvis.",
        ),
        (
            "en/accessibility-statement/index.html",
            "en",
            [
                "Compliance status",
                "Non-accessible content",
                "How we assessed accessibility",
                "Give feedback on accessibility",
                "Supervisory authority",
            ],
            "Finnish Transport and Communications Agency Traficom",
            "The website partially meets the accessibility requirements.",
        ),
    ];
    for (path, lang, sections, authority, status) in cases {
        let html = statement_page(&rendered, path);
        assert_eq!(
            select(&html, &format!("html[lang='{lang}']")).len(),
            1,
            "{path}"
        );
        assert_eq!(texts(&html, "main h2"), sections, "{path}");
        assert_eq!(text(&html, "#statement-status + p"), status);
        // The site it covers, by name and address.
        let intro = text(&html, ".statement > p");
        assert!(intro.contains("https://hankkeet.example.fi/"), "{intro}");
        // Each non-accessible item with its criterion and reason.
        let issue = text(&html, "section[aria-labelledby='statement-issues'] li");
        assert!(issue.contains("1.1.1"), "{issue}");
        // When prepared and reviewed.
        let dates: Vec<_> = select(
            &html,
            "section[aria-labelledby='statement-assessment'] time",
        )
        .iter()
        .map(|t| t.value().attr("datetime").unwrap().to_string())
        .collect();
        assert_eq!(dates, ["2026-10-01", "2026-11-01"]);
        // The feedback channel and the 14-day promise.
        assert_eq!(
            select(&html, "a[href='mailto:saavutettavuus@hankkeet.example.fi']").len(),
            1
        );
        // The supervisor with its contact details.
        let address = text(&html, "address.authority");
        assert!(address.starts_with(authority), "{address}");
        assert!(address.contains("saavutettavuus@traficom.fi"), "{address}");
        assert_eq!(
            select(&html, "address a[href='tel:+358295345000']").len(),
            1
        );
    }
}

#[test]
fn every_page_links_to_the_statement_in_its_language() {
    let (rendered, _) = render(&repo_root());
    for file in rendered.files.iter().filter(|f| f.path.ends_with(".html")) {
        let html = Html::parse_document(std::str::from_utf8(&file.bytes).unwrap());
        let lang = select(&html, "html")[0]
            .value()
            .attr("lang")
            .unwrap()
            .to_string();
        let expected = match lang.as_str() {
            "sv" => "/sv/tillganglighetsutlatande/",
            "en" => "/en/accessibility-statement/",
            _ => "/saavutettavuusseloste/",
        };
        let links = select(&html, &format!("footer a[href='{expected}']"));
        assert_eq!(links.len(), 1, "{} lacks the statement link", file.path);
    }
}

#[test]
fn missing_sections_are_errors() {
    let outcome = hanke::render_site(&options(&fixture("statement/incomplete")));
    assert_eq!(
        lines(&outcome.diagnostics),
        "error[missing-field]: site.yaml:2:1: the accessibility statement has no `assessment`\n\
         error[missing-field]: site.yaml:2:1: the accessibility statement has no `feedback`\n\
         error[missing-field]: site.yaml:2:1: the accessibility statement has no `prepared`\n\
         error[missing-field]: site.yaml:2:1: the accessibility statement has no `reviewed`\n"
    );
}

#[test]
fn stale_review_and_former_supervisor_are_warnings() {
    let (_, diagnostics) = render(&fixture("statement/stale-and-former"));
    assert_eq!(
        lines(&diagnostics),
        "warning[statement-stale]: site.yaml:5:13: the accessibility statement was last reviewed on 2025-06-01, over a year ago\n\
         warning[former-supervisor]: site.yaml:9:14: site.yaml names `Etelä-Suomen aluehallintovirasto`, which no longer supervises accessibility\n"
    );
}

#[test]
fn bad_criterion_missing_translation_and_missing_assessor() {
    let outcome = hanke::render_site(&options(&fixture("statement/issues")));
    assert_eq!(
        lines(&outcome.diagnostics),
        "error[missing-field]: site.yaml:7:15: a third-party assessment needs `assessed_by`\n\
         error[missing-translation]: site.yaml:12:9: the issue has no description in `sv`\n\
         error[invalid-criterion]: site.yaml:13:18: `1.2` is not a WCAG success criterion\n"
    );
}
