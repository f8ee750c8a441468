//! Checks shared by every kind of page: dates, contacts, images, links and money,
//! each turning a raw value into a model value or a diagnostic at its position.

use std::path::Path;
use std::sync::Arc;

use crate::content::contact_info::{self, EMAIL_HINT, PHONE_HINT};
use crate::content::dates::{self, DATE_HINT, DateRange, PartialDate};
use crate::content::links::{FileLinks, Links};
use crate::content::load::Page;
use crate::content::markdown::{Converter, LinkAt, Origin, Resolve};
use crate::content::model::{Contact, FileInfo, Image, Link};
use crate::content::raw::{LinkKind, RawContact, RawImage, RawLink};
use crate::diagnostic::{Diagnostic, Pos};
use crate::domain::Domain;
use crate::yaml::{Document, Spanned};

pub struct Checker<'a> {
    pub root: &'a Path,
    pub domain: &'a Domain,
    /// The language the page is written in.
    pub lang: &'a str,
    /// The site's default language.
    pub default_lang: &'a str,
    pub page: &'a Page,
    pub doc: Document<'a>,
    pub links: &'a Links,
    pub resolver: FileLinks<'a>,
    pub diagnostics: Vec<Diagnostic>,
    /// Links to headings, checked after rendering.
    pub later_links: Vec<LinkAt>,
    /// This page's URL.
    pub url: String,
}

impl<'a> Checker<'a> {
    pub fn new(
        root: &'a Path,
        page: &'a Page,
        links: &'a Links,
        domain: &'a Domain,
        default_lang: &'a str,
    ) -> Self {
        Checker {
            root,
            domain,
            lang: page.lang.as_deref().unwrap_or(default_lang),
            default_lang,
            page,
            doc: Document {
                yaml: page.yaml(),
                source: &page.source,
                line_offset: page.yaml_line_offset(),
            },
            links,
            resolver: links.from_file(&page.source.path),
            diagnostics: Vec::new(),
            later_links: Vec::new(),
            url: format!("{}{}", links.base_path, page.path()),
        }
    }

    pub fn report(&mut self, d: Diagnostic, pos: Pos) {
        self.diagnostics
            .push(d.in_source(&self.page.source).at(pos));
    }

    pub fn error_at<T>(
        &mut self,
        value: &Spanned<T>,
        code: &'static str,
        message: String,
        hint: &str,
    ) {
        let pos = self.doc.pos(value);
        self.report(Diagnostic::error(code, message).hint(hint), pos);
    }

    /// A required key that is missing: reported at the opening fence.
    pub fn missing(&mut self, key: &str, finnish: &str) {
        self.report(
            Diagnostic::error(
                "missing-field",
                format!("required key `{key}` ({finnish}) is missing"),
            )
            .hint(format!("add a line `{key}: …` to the front matter")),
            Pos::new(1, 1),
        );
    }

    fn converter(&self) -> Converter<'_> {
        Converter {
            page_url: &self.url,
            source: &self.page.source,
            resolver: &self.resolver,
            lint: &self.domain.lint,
            languages: &self.domain.languages,
            lang: self.lang,
        }
    }

    pub fn body(&mut self) -> Arc<String> {
        let (mut found, mut later_links) = (Vec::new(), Vec::new());
        let html = self.converter().convert(
            self.page.body(),
            Origin::Body(self.page.body_start),
            &mut found,
            &mut later_links,
        );
        self.diagnostics.extend(found);
        self.later_links.extend(later_links);
        // Shared, not copied: `serve` keeps the checks beside the model.
        Arc::new(html)
    }

    pub fn markdown(&mut self, value: &Spanned<String>) -> String {
        let (mut found, mut later_links) = (Vec::new(), Vec::new());
        let origin = Origin::Field(self.doc.pos(value));
        let html = self
            .converter()
            .convert(&value.value, origin, &mut found, &mut later_links);
        self.diagnostics.extend(found);
        self.later_links.extend(later_links);
        html
    }

    pub fn date(&mut self, value: &Spanned<String>) -> Option<PartialDate> {
        match dates::parse(&value.value) {
            Ok(d) => Some(d),
            Err(e) => {
                self.error_at(
                    value,
                    "invalid-date",
                    e.message(value.value.trim()),
                    DATE_HINT,
                );
                None
            }
        }
    }

    pub fn range(&mut self, value: &Spanned<String>) -> Option<DateRange> {
        match dates::parse_range(&value.value) {
            Ok(r) => Some(r),
            Err(e) => {
                let mut pos = self.doc.pos(value);
                if self.doc.is_plain(value) {
                    pos.column += e.offset_chars;
                }
                self.report(
                    Diagnostic::error("invalid-date", e.error.message(&e.part)).hint(DATE_HINT),
                    pos,
                );
                None
            }
        }
    }

    /// A link target inside or outside the site, resolved to the URL to serve.
    pub fn target(&mut self, value: &Spanned<String>) -> Option<String> {
        match self.resolver.resolve(&value.value) {
            Ok(url) => {
                self.remember_web_address(value, &url);
                Some(url)
            }
            Err(e) => {
                self.error_at(value, e.code, e.message, &e.hint);
                None
            }
        }
    }

    /// An address on the web: `https://` only.
    pub fn web_url(&mut self, value: &Spanned<String>) -> Option<String> {
        let url = value.value.trim();
        let host = url.strip_prefix("https://").unwrap_or_default();
        if host.is_empty() || host.starts_with('/') || url.contains(char::is_whitespace) {
            self.error_at(
                value,
                "invalid-url",
                format!("`{url}` is not a secure web address"),
                "write the whole address, starting with https://",
            );
            return None;
        }
        self.remember_web_address(value, url);
        Some(url.to_string())
    }

    /// Web addresses are checked by `hanke check --external`, at this position.
    fn remember_web_address(&mut self, value: &Spanned<String>, url: &str) {
        if url.starts_with("https://") || url.starts_with("http://") {
            let pos = self.doc.pos(value);
            self.later_links.push(LinkAt {
                url: url.to_string(),
                file: self.page.source.path.clone(),
                pos,
            });
        }
    }

    pub fn image(&mut self, raw: &RawImage) -> Option<Image> {
        let url = self.target(&raw.src)?;
        let Some(alt) = &raw.alt else {
            self.error_at(
                &raw.src,
                "image-alt",
                "the image has no alt text".into(),
                "add `alt:` describing what the image shows, or `alt: \"\"` if it is only decoration",
            );
            return None;
        };
        Some(Image {
            url,
            alt: alt.value.trim().to_string(),
        })
    }

    pub fn contact(&mut self, raw: &RawContact) -> Option<Contact> {
        let mut phones = Vec::new();
        if let Some(p) = &raw.phone {
            for number in &p.value.0 {
                match contact_info::parse_phone(number) {
                    Some(phone) => phones.push(phone),
                    None => self.error_at(
                        p,
                        "invalid-phone",
                        format!("`{number}` is not a phone number"),
                        PHONE_HINT,
                    ),
                }
            }
        }
        let email = raw.email.as_ref().and_then(|e| {
            let parsed = contact_info::parse_email(&e.value);
            if parsed.is_none() {
                self.error_at(
                    e,
                    "invalid-email",
                    format!("`{}` is not an email address", e.value),
                    EMAIL_HINT,
                );
            }
            parsed
        });
        let photo = raw.photo.as_ref().and_then(|p| self.image(p));
        Some(Contact {
            name: raw.name.value.trim().to_string(),
            title: raw.title.clone(),
            organisation: raw.organisation.clone(),
            unit: raw.unit.clone(),
            phones,
            email,
            photo,
            languages: raw.languages.clone(),
            vcard: None,
        })
    }

    pub fn link(&mut self, raw: &RawLink) -> Option<Link> {
        let url = self.target(&raw.url)?;
        self.check_document_language(&raw.url, raw.language.as_deref());
        let file = self.file_info(&url);
        Some(Link {
            title: raw.title.value.trim().to_string(),
            url,
            kind: raw.kind.unwrap_or(LinkKind::Other),
            language: raw.language.clone(),
            file,
        })
    }

    /// A document whose file name says it is in another language must have
    /// `language:` so the page can tell readers before they open it.
    pub fn check_document_language(&mut self, target: &Spanned<String>, stated: Option<&str>) {
        let found = self
            .domain
            .lint
            .document_language(&target.value, &self.domain.languages);
        if let Some(lang) = found
            && stated.is_none()
            && lang != self.lang
        {
            let pos = self.doc.pos(target);
            self.report(
                Diagnostic::warning(
                    "document-language",
                    format!(
                        "the document `{}` seems to be in another language (`{lang}`), but has no `language:`",
                        target.value
                    ),
                )
                .hint(format!(
                    "add `language: {lang}` (kieli) so the page can say the document's language"
                )),
                pos,
            );
        }
    }

    /// Type and size of a file the site serves, for "Loppuraportti (PDF, 1,2 Mt)".
    pub fn file_info(&self, url: &str) -> Option<FileInfo> {
        let source = self.links.local_file(url)?;
        let bytes = std::fs::metadata(self.root.join(source)).ok()?.len();
        let kind = source
            .extension()
            .map(|e| e.to_string_lossy().to_uppercase())
            .unwrap_or_default();
        Some(FileInfo { kind, bytes })
    }

    /// Euros written as `356164`, `356 164`, `356 164 €` or `71233,50`.
    pub fn money(&mut self, value: &Spanned<String>) -> Option<f64> {
        let cleaned: String = value
            .value
            .trim()
            .trim_end_matches('€')
            .trim_end_matches("euroa")
            .trim_end_matches("eur")
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if c == ',' { '.' } else { c })
            .collect();
        match cleaned.parse::<f64>() {
            Ok(n) if n.is_finite() && n >= 0.0 && !cleaned.is_empty() => Some(n),
            _ => {
                self.error_at(
                    value,
                    "invalid-amount",
                    format!("`{}` is not an amount of euros", value.value),
                    "write euros as digits, e.g. 356164 or 356 164 (decimals after a comma)",
                );
                None
            }
        }
    }
}
