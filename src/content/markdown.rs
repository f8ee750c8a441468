//! Markdown to HTML, in one pass that also checks what a reader would miss:
//! images without alt text, links that lead nowhere, skipped heading levels and
//! raw HTML. Findings carry the line in the real file.
//!
//! pulldown-cmark's options are chosen here and nowhere else.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::slug::slugify;
use crate::diagnostic::{Diagnostic, Pos, SourceText};
use crate::domain::{Languages, Lint};

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Where a piece of Markdown sits in its file, so findings point at the right line.
#[derive(Clone, Copy)]
pub enum Origin {
    /// The page body, starting at this byte offset of the file.
    Body(usize),
    /// A front matter value; findings point at the key's value.
    Field(Pos),
}

/// Why a link target could not be used.
#[derive(Debug)]
pub struct LinkError {
    pub code: &'static str,
    pub message: String,
    pub hint: String,
}

/// Turns a link target as written into the URL the site serves.
pub trait Resolve {
    fn resolve(&self, target: &str) -> Result<String, LinkError>;
}

/// A link checked once the whole site is known: to a heading (`#tavoitteet`,
/// `/projects/sointu/#tavoitteet`), once pages are rendered and their ids known;
/// or to a web address (`https://…`), by `hanke check --external`.
#[derive(Debug, Clone)]
pub struct LinkAt {
    /// A root-relative URL with a fragment, or a web address.
    pub url: String,
    /// The file it is written in, relative to the site's folder. Only the path:
    /// holding the file's text would keep every source in memory while the
    /// site renders.
    pub file: PathBuf,
    pub pos: Pos,
}

pub struct Converter<'a> {
    /// The URL of the page being converted, for links to its own headings.
    pub page_url: &'a str,
    pub source: &'a Arc<SourceText>,
    pub resolver: &'a dyn Resolve,
    pub lint: &'a Lint,
    pub languages: &'a Languages,
    /// The language of the page the Markdown is on.
    pub lang: &'a str,
}

impl Converter<'_> {
    /// Converts `markdown` to HTML, appending findings to `diagnostics`.
    pub fn convert(
        &self,
        markdown: &str,
        origin: Origin,
        diagnostics: &mut Vec<Diagnostic>,
        later_links: &mut Vec<LinkAt>,
    ) -> String {
        let mut state = State {
            converter: self,
            origin,
            diagnostics,
            later_links,
            events: Vec::new(),
            heading: None,
            ids: HashMap::new(),
            last_level: 1,
            image_alt: None,
            raw_html_lines: HashSet::new(),
            link: None,
            table_head: None,
            passages: Vec::new(),
        };
        for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
            state.event(event, range.start);
        }
        state.close_passages(HeadingLevel::H1);
        let mut html = String::with_capacity(markdown.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, state.events.into_iter());
        // The site model holds every body until the site is rendered: an exact
        // copy frees the spare capacity (allocators shrink big blocks in place).
        String::from(html.as_str())
    }
}

struct PendingHeading<'e> {
    offset: usize,
    level: HeadingLevel,
    id: Option<CowStr<'e>>,
    classes: Vec<CowStr<'e>>,
    attrs: Vec<(CowStr<'e>, Option<CowStr<'e>>)>,
    text: String,
    inner: Vec<Event<'e>>,
}

struct State<'c, 'e, 'd> {
    converter: &'c Converter<'c>,
    origin: Origin,
    diagnostics: &'d mut Vec<Diagnostic>,
    later_links: &'d mut Vec<LinkAt>,
    events: Vec<Event<'e>>,
    heading: Option<PendingHeading<'e>>,
    ids: HashMap<String, usize>,
    last_level: usize,
    /// Alt text of the image being read, and where it started.
    image_alt: Option<(String, usize)>,
    raw_html_lines: HashSet<usize>,
    /// Text and start of the link being read, and its target as written.
    link: Option<(String, usize, String)>,
    /// Text of the table header being read, and where the table starts.
    table_head: Option<(String, usize)>,
    /// Levels of the headings that opened a passage in another language
    /// (`## Briefly in English {lang=en}`), innermost last.
    passages: Vec<HeadingLevel>,
}

impl<'e> State<'_, 'e, '_> {
    fn pos(&self, offset: usize) -> Pos {
        match self.origin {
            Origin::Body(start) => Pos::of_offset(&self.converter.source.text, start + offset),
            Origin::Field(pos) => pos,
        }
    }

    fn report(&mut self, d: Diagnostic, offset: usize) {
        let pos = self.pos(offset);
        self.diagnostics
            .push(d.in_source(self.converter.source).at(pos));
    }

    fn emit(&mut self, event: Event<'e>) {
        match &mut self.heading {
            Some(h) => h.inner.push(event),
            None => self.events.push(event),
        }
    }

    fn event(&mut self, event: Event<'e>, offset: usize) {
        if let Event::Text(t) | Event::Code(t) = &event {
            if let Some(h) = &mut self.heading {
                h.text.push_str(t);
            }
            for (text, ..) in [&mut self.image_alt, &mut self.table_head]
                .into_iter()
                .flatten()
            {
                text.push_str(t);
            }
            if let Some((text, ..)) = &mut self.link {
                text.push_str(t);
            }
        }
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                self.check_level(level, offset);
                self.close_passages(level);
                self.heading = Some(PendingHeading {
                    offset,
                    level,
                    id,
                    classes,
                    attrs,
                    text: String::new(),
                    inner: Vec::new(),
                });
            }
            Event::End(TagEnd::Heading(_)) => self.finish_heading(),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = self.resolve(dest_url, offset);
                self.image_alt = Some((String::new(), offset));
                self.emit(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Image) => {
                if let Some((alt, start)) = self.image_alt.take()
                    && alt.trim().is_empty()
                {
                    self.report(
                            Diagnostic::error("image-alt", "the image has no alt text")
                                .hint("describe what the image shows in the brackets: ![Three people sitting on a lawn](kuva.jpg)"),
                            start,
                        );
                }
                self.emit(Event::End(TagEnd::Image));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                self.link = Some((String::new(), offset, dest_url.to_string()));
                let dest_url = self.resolve(dest_url, offset);
                self.emit(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Link) => {
                if let Some((text, start, target)) = self.link.take() {
                    self.check_link(&text, start, &target);
                }
                self.emit(Event::End(TagEnd::Link));
            }
            Event::Start(Tag::TableHead) => {
                self.table_head = Some((String::new(), offset));
                self.emit(Event::Start(Tag::TableHead));
            }
            Event::End(TagEnd::TableHead) => {
                if let Some((text, start)) = self.table_head.take()
                    && text.trim().is_empty()
                {
                    self.report(
                        Diagnostic::warning("table-header", "the table's header row is empty")
                            .hint("name each column in the first row, so screen readers can say which column a cell is in"),
                        start,
                    );
                }
                self.emit(Event::End(TagEnd::TableHead));
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                // One warning per line is enough: `<b>x</b>` is two events.
                let line = self.pos(offset).line;
                if self.raw_html_lines.insert(line) {
                    self.report(
                        Diagnostic::warning(
                            "raw-html",
                            "HTML in the text is shown as text, not as markup",
                        )
                        .hint("use Markdown instead: **bold**, [link](address), ## Heading"),
                        offset,
                    );
                }
                self.emit(Event::Text(html));
            }
            other => self.emit(other),
        }
    }

    /// Link texts must make sense out of context, and documents in another
    /// language must say so.
    fn check_link(&mut self, text: &str, start: usize, target: &str) {
        let lint = self.converter.lint;
        if text.trim().is_empty() {
            self.report(
                Diagnostic::warning("empty-link-text", "the link has no text")
                    .hint("write what the link leads to in the brackets: [Hankkeen loppuraportti](raportti.pdf)"),
                start,
            );
        } else if lint.is_generic(text) {
            self.report(
                Diagnostic::warning(
                    "generic-link-text",
                    format!("the link text “{}” does not say where the link goes", text.trim()),
                )
                .hint("screen reader users often hear links out of context: name the target, e.g. [Lue hankkeen loppuraportti](…)"),
                start,
            );
        }
        if let Some(lang) = lint.document_language(target, self.converter.languages)
            && lang != self.converter.lang
        {
            self.report(
                Diagnostic::warning(
                    "document-language",
                    format!("the link leads to a document in another language (`{lang}`) without saying so"),
                )
                .hint(format!(
                    "list the document under `links:` or `publications:` with `language: {lang}`, so the page can say its language"
                )),
                start,
            );
        }
    }

    fn check_level(&mut self, level: HeadingLevel, offset: usize) {
        let n = level as usize;
        if n == 1 {
            self.report(
                Diagnostic::warning("heading-level", "a heading of level 1 (`#`) in the text")
                    .hint("the page title is the only level-1 heading; start the text's headings with `##`"),
                offset,
            );
        } else if n > self.last_level + 1 {
            self.report(
                Diagnostic::warning(
                    "heading-level",
                    format!(
                        "the heading jumps from level {} to level {n}",
                        self.last_level
                    ),
                )
                .hint(format!(
                    "screen reader users navigate by heading levels; use {} here",
                    "#".repeat(self.last_level + 1)
                )),
                offset,
            );
        }
        self.last_level = n;
    }

    /// Ends the passages that a heading of `level` (or higher) closes.
    fn close_passages(&mut self, level: HeadingLevel) {
        while self.passages.last().is_some_and(|open| *open >= level) {
            self.passages.pop();
            self.events.push(Event::Html("</div>\n".into()));
        }
    }

    /// `{lang=en}` on a heading marks it and everything up to the next heading of
    /// its level as written in that language; Arabic and other right-to-left
    /// languages also get `dir="rtl"`.
    fn open_passage(&mut self, h: &mut PendingHeading<'e>, offset: usize) {
        let Some(i) = h.attrs.iter().position(|(k, _)| k.as_ref() == "lang") else {
            return;
        };
        let (_, value) = h.attrs.remove(i);
        let code = value.map(|v| v.to_string()).unwrap_or_default();
        let languages = self.converter.languages;
        if !languages.codes.contains(&code) {
            self.report(
                Diagnostic::warning(
                    "unknown-language",
                    format!("`{code}` is not a language code hanke knows"),
                )
                .hint("write a two-letter ISO 639-1 code: {lang=en}, {lang=sv}, {lang=ar}"),
                offset,
            );
            return;
        }
        let dir = if languages.rtl.contains(&code) {
            " dir=\"rtl\""
        } else {
            ""
        };
        self.events
            .push(Event::Html(format!("<div lang=\"{code}\"{dir}>\n").into()));
        self.passages.push(h.level);
    }

    fn finish_heading(&mut self) {
        let Some(mut h) = self.heading.take() else {
            return;
        };
        let offset = h.offset;
        self.open_passage(&mut h, offset);
        let base = match &h.id {
            Some(id) => id.to_string(),
            None => {
                let s = slugify(&h.text);
                if s.is_empty() { "osio".to_string() } else { s }
            }
        };
        let n = self.ids.entry(base.clone()).or_insert(0);
        *n += 1;
        let id = if *n == 1 { base } else { format!("{base}-{n}") };
        self.events.push(Event::Start(Tag::Heading {
            level: h.level,
            id: Some(id.into()),
            classes: h.classes,
            attrs: h.attrs,
        }));
        self.events.extend(h.inner);
        self.events.push(Event::End(TagEnd::Heading(h.level)));
    }

    fn resolve(&mut self, target: CowStr<'e>, offset: usize) -> CowStr<'e> {
        match self.converter.resolver.resolve(&target) {
            Ok(url) => {
                if url.starts_with("https://") || url.starts_with("http://") {
                    self.later_links.push(LinkAt {
                        url: url.clone(),
                        file: self.converter.source.path.clone(),
                        pos: self.pos(offset),
                    });
                } else if let Some(fragment) = url.find('#').map(|i| &url[i..]) {
                    let page = match &url[..url.len() - fragment.len()] {
                        "" => Some(self.converter.page_url),
                        path if path.starts_with('/') && !path.starts_with("//") => Some(path),
                        _ => None,
                    };
                    if let Some(page) = page {
                        self.later_links.push(LinkAt {
                            url: format!("{page}{fragment}"),
                            file: self.converter.source.path.clone(),
                            pos: self.pos(offset),
                        });
                    }
                }
                if url == *target { target } else { url.into() }
            }
            Err(e) => {
                self.report(Diagnostic::error(e.code, e.message).hint(e.hint), offset);
                target
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Identity;
    impl Resolve for Identity {
        fn resolve(&self, target: &str) -> Result<String, LinkError> {
            if target.starts_with("puuttuu") {
                return Err(LinkError {
                    code: "broken-link",
                    message: "missing".into(),
                    hint: String::new(),
                });
            }
            Ok(target.to_string())
        }
    }

    fn convert(md: &str) -> (String, Vec<Diagnostic>) {
        let source = Arc::new(SourceText {
            path: "a.md".into(),
            text: format!("---\n---\n{md}"),
        });
        let domain = crate::domain::load(std::path::Path::new("/nonexistent")).unwrap();
        let converter = Converter {
            page_url: "/projects/a/",
            source: &source,
            resolver: &Identity,
            lint: &domain.lint,
            languages: &domain.languages,
            lang: "fi",
        };
        let mut diagnostics = Vec::new();
        let html = converter.convert(md, Origin::Body(8), &mut diagnostics, &mut Vec::new());
        (html, diagnostics)
    }

    #[test]
    fn headings_get_ids_from_their_text() {
        let (html, d) = convert("## Hyvät käytännöt\n\n## Hyvät käytännöt\n\n## Oma {#oma-id}\n");
        assert!(d.is_empty());
        assert!(html.contains(r#"<h2 id="hyvat-kaytannot">Hyvät käytännöt</h2>"#));
        assert!(html.contains(r#"<h2 id="hyvat-kaytannot-2">"#));
        assert!(html.contains(r#"<h2 id="oma-id">Oma</h2>"#));
    }

    #[test]
    fn image_without_alt_is_an_error_at_its_line() {
        let (_, d) = convert("Teksti\n\n![](kuva.jpg)\n");
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].code, d[0].line, d[0].column), ("image-alt", 5, 1));
    }

    #[test]
    fn skipped_levels_and_raw_html_are_warnings() {
        let (html, d) = convert("## A\n\n#### B\n\n<script>x</script>\n");
        let codes: Vec<_> = d.iter().map(|d| (d.code, d.line)).collect();
        assert_eq!(codes, [("heading-level", 5), ("raw-html", 7)]);
        assert!(html.contains("&lt;script&gt;"));
    }

    #[test]
    fn generic_and_empty_link_texts_empty_table_headers_and_foreign_documents() {
        let md =
            "[tästä](a.md) [](b.md) [Opas arabiaksi](opas-ar.pdf)\n\n|  |  |\n|--|--|\n| 1 | 2 |\n";
        let (_, d) = convert(md);
        let codes: Vec<_> = d.iter().map(|d| (d.code, d.line, d.column)).collect();
        assert_eq!(
            codes,
            [
                ("generic-link-text", 3, 1),
                ("empty-link-text", 3, 15),
                ("document-language", 3, 24),
                ("table-header", 5, 1),
            ]
        );
    }

    #[test]
    fn a_heading_with_lang_marks_its_passage() {
        let md = "## Tausta\n\nTeksti.\n\n## Briefly in English {lang=en}\n\nText.\n\n### More\n\nMore text.\n\n## Arabiaksi {lang=ar}\n\nنص\n\n## Lopuksi\n";
        let (html, d) = convert(md);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(
            html,
            "<h2 id=\"tausta\">Tausta</h2>\n<p>Teksti.</p>\n<div lang=\"en\">\n<h2 id=\"briefly-in-english\">Briefly in English</h2>\n<p>Text.</p>\n<h3 id=\"more\">More</h3>\n<p>More text.</p>\n</div>\n<div lang=\"ar\" dir=\"rtl\">\n<h2 id=\"arabiaksi\">Arabiaksi</h2>\n<p>نص</p>\n</div>\n<h2 id=\"lopuksi\">Lopuksi</h2>\n"
        );
        let (_, d) = convert("## Otsikko {lang=xx}\n");
        assert_eq!(d[0].code, "unknown-language");
    }

    #[test]
    fn broken_links_are_reported_and_tables_render() {
        let (html, d) = convert("[x](puuttuu.md)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert_eq!(d[0].code, "broken-link");
        assert!(html.contains("<table>"));
    }
}
