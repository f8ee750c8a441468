//! `hanke serve`: build, serve the output folder, watch the site, rebuild on
//! every edit and tell open pages to reload. A failed rebuild keeps the last good
//! site and shows the errors on every page, above the old content.
//!
//! The server serves only files inside the output folder: paths are decoded,
//! then any `..` or absolute component is refused before the disk is touched.

mod index;
mod watch;

use std::fs::File;
use std::io::Read;
use std::net::{IpAddr, SocketAddr};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use percent_encoding::percent_decode_str;
use tiny_http::{Header, Request, Response, Server, StatusCode};

use crate::Options;
use crate::diagnostic::Diagnostic;
use crate::session::Session;
use crate::write::{self, Written};

pub use watch::matters;

/// How many ports after the asked one to try when it is taken.
const PORT_TRIES: u16 = 20;
const RELOAD_JS: &str = include_str!("reload.js");
const OVERLAY: &str = include_str!("overlay.html");
const EVENTS: &str = "/__hanke/events";
const SCRIPT: &str = "/__hanke/reload.js";

/// What open pages need to know: which build they show, and its errors.
#[derive(Default)]
struct Live {
    generation: u64,
    errors: Vec<Diagnostic>,
}

#[derive(Default)]
struct Shared {
    live: Mutex<Live>,
    rebuilt: Condvar,
}

type Report = dyn Fn(&[Diagnostic]) + Send + Sync;

/// Serves the site at `addr:port` (or the next free port) until stopped.
/// `report` prints each build's diagnostics.
pub fn serve(
    mut options: Options,
    addr: IpAddr,
    port: u16,
    report: Arc<Report>,
) -> Result<(), String> {
    let builds = index::pools()?;
    let (server, port) = bind(addr, port)?;
    options.base_url = Some(format!("http://{}/", SocketAddr::new(addr, port)));
    let output = options.root.join("public");
    let shared = Arc::new(Shared::default());
    let mut site = Site {
        session: Session::new(options.clone()),
        written: None,
        behind: false,
        search: index::Indexer::start(output.clone()),
    };
    builds.install(|| site.rebuild(&[], &output, &shared, report.as_ref()));
    eprintln!(
        "Serving {} at http://{}/ (Ctrl+C stops)",
        output.display(),
        SocketAddr::new(addr, port)
    );
    let (watcher, changes) =
        watch::watch(&options.root).map_err(|e| format!("cannot watch the site: {e}"))?;
    {
        let (shared, output) = (Arc::clone(&shared), output.clone());
        std::thread::spawn(move || {
            let _watcher = watcher;
            for batch in changes {
                eprintln!("Changed: {}", watch::describe(&batch));
                builds.install(|| site.rebuild(&batch, &output, &shared, report.as_ref()));
            }
        });
    }
    for request in server.incoming_requests() {
        let (shared, output) = (Arc::clone(&shared), output.clone());
        std::thread::spawn(move || handle(request, &output, &shared));
    }
    Ok(())
}

/// The site being served: the session that rebuilds it, and what of it is in
/// the output folder (None until a build without errors was written).
struct Site {
    session: Session,
    written: Option<Written>,
    /// A build with errors was not written, so the folder lags the model.
    behind: bool,
    search: index::Indexer,
}

impl Site {
    /// Rebuilds after `changed` (all of it when empty) and writes what changed;
    /// on errors keeps the last good site. Either way, open pages are told to reload.
    fn rebuild(&mut self, changed: &[PathBuf], output: &Path, shared: &Shared, report: &Report) {
        let started = Instant::now();
        let root = self.session.options().root.clone();
        let update = if changed.is_empty() {
            self.session.build()
        } else {
            self.session.rebuild(changed)
        };
        report(update.diagnostics);
        let mut errors: Vec<Diagnostic> = update
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect();
        if let (Some(rendered), true) = (update.rendered, errors.is_empty()) {
            let edit_only = self.written.is_some() && update.changed.is_some() && !self.behind;
            let result = match (&mut self.written, &update.changed) {
                (Some(written), Some(files)) if !self.behind => {
                    write::update(output, files, written)
                }
                (Some(written), _) => write::sync(&root, output, rendered, written),
                (None, _) => write::write(&root, output, rendered).map(|_| {
                    self.written = Some(Written::of(rendered));
                    rendered.files.len() + rendered.copies.len()
                }),
            };
            match (&update.changed, update.search) {
                (_, false) => self.search.off(),
                _ if result.is_err() => {}
                (Some(files), true) if edit_only => self.search.edited(files),
                _ => self.search.all(&rendered.files),
            }
            self.behind = result.is_err();
            match result {
                Ok(count) => eprintln!(
                    "Rebuilt in {} ms: {count} files written{}.",
                    started.elapsed().as_millis(),
                    if update.changed.is_some() {
                        " (only the edited pages were rendered again)"
                    } else {
                        ""
                    }
                ),
                Err(e) => errors.push(Diagnostic::error("write", e.to_string())),
            }
        } else {
            // What is on disk is now behind the model: the next good build
            // brings the whole folder in line, not just the pages it edited.
            self.behind = true;
        }
        let mut live = shared
            .live
            .lock()
            .expect("no thread panics holding the lock");
        live.generation += 1;
        live.errors = errors;
        shared.rebuilt.notify_all();
        drop(live);
        self.session.settle();
    }
}

/// Binds `addr` on `port`, or the next free port.
pub fn bind(addr: IpAddr, port: u16) -> Result<(Server, u16), String> {
    let mut last_error = String::new();
    for p in port..port.saturating_add(PORT_TRIES) {
        match Server::http(SocketAddr::new(addr, p)) {
            Ok(server) => {
                let actual = server.server_addr().to_ip().map_or(p, |a| a.port());
                return Ok((server, actual));
            }
            Err(e) => last_error = e.to_string(),
        }
    }
    Err(format!(
        "no free port from {port} to {}: {last_error}",
        port.saturating_add(PORT_TRIES - 1)
    ))
}

fn handle(request: Request, output: &Path, shared: &Arc<Shared>) {
    let url = request.url().to_string();
    let response = if url == SCRIPT {
        text(
            200,
            "text/javascript; charset=utf-8",
            RELOAD_JS.as_bytes().to_vec(),
        )
    } else if let Some(query) = url.strip_prefix(EVENTS) {
        let since = query
            .strip_prefix("?since=")
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        events(Arc::clone(shared), since)
    } else {
        match resolve(output, &url) {
            Lookup::File(path) => file(&path, 200, shared),
            Lookup::Redirect(location) => redirect(&location),
            Lookup::NotFound => file(&output.join("404.html"), 404, shared),
        }
    };
    let _ = request.respond(response);
}

type Body = Box<dyn Read + Send>;

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

fn text(status: u16, content_type: &str, bytes: Vec<u8>) -> Response<Body> {
    let len = bytes.len();
    Response::new(
        StatusCode(status),
        vec![
            header("Content-Type", content_type),
            header("Cache-Control", "no-store"),
        ],
        Box::new(std::io::Cursor::new(bytes)),
        Some(len),
        None,
    )
}

fn redirect(location: &str) -> Response<Body> {
    Response::new(
        StatusCode(301),
        vec![header("Location", location)],
        Box::new(std::io::empty()),
        Some(0),
        None,
    )
}

/// A file from the output folder; HTML pages get the reload script and, after a
/// failed rebuild, the errors above their content.
fn file(path: &Path, status: u16, shared: &Shared) -> Response<Body> {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let content_type = if mime.type_() == "text" {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_string()
    };
    let is_html = mime.essence_str() == "text/html";
    match (File::open(path), is_html) {
        (Ok(mut f), true) => {
            let mut html = String::new();
            if f.read_to_string(&mut html).is_err() {
                return text(
                    500,
                    "text/plain; charset=utf-8",
                    b"The page is not UTF-8".to_vec(),
                );
            }
            text(status, &content_type, inject(&html, shared).into_bytes())
        }
        (Ok(f), false) => {
            let len = f.metadata().ok().map(|m| m.len() as usize);
            Response::new(
                StatusCode(status),
                vec![header("Content-Type", &content_type)],
                Box::new(f),
                len,
                None,
            )
        }
        (Err(_), _) => {
            let live = shared.live.lock().expect("lock");
            let page = format!(
                "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>hanke serve</title></head><body>{}</body></html>",
                overlay(&live.errors)
            );
            drop(live);
            text(
                404,
                "text/html; charset=utf-8",
                inject(&page, shared).into_bytes(),
            )
        }
    }
}

fn inject(html: &str, shared: &Shared) -> String {
    let live = shared.live.lock().expect("lock");
    let script = format!(
        "<script src=\"{SCRIPT}\" data-since=\"{}\" defer></script>",
        live.generation
    );
    let mut out = match html.find("</head>") {
        Some(i) => format!("{}{script}{}", &html[..i], &html[i..]),
        None => format!("{script}{html}"),
    };
    if !live.errors.is_empty() {
        let banner = overlay(&live.errors);
        if let Some(body) = out
            .find("<body")
            .and_then(|i| out[i..].find('>').map(|j| i + j + 1))
        {
            out.insert_str(body, &banner);
        }
    }
    out
}

/// The errors of the last build, as an accessible banner.
fn overlay(errors: &[Diagnostic]) -> String {
    let mut ctx = tera::Context::new();
    ctx.insert("diagnostics", errors);
    tera::Tera::one_off(OVERLAY, &ctx, true).unwrap_or_else(|e| {
        let mut escaped = Vec::new();
        let _ = tera::escape_html(&e.to_string(), &mut escaped);
        format!(
            "<p role=\"alert\">{}</p>",
            String::from_utf8_lossy(&escaped)
        )
    })
}

/// Server-sent events: one `reload` event once the site is newer than `since`.
fn events(shared: Arc<Shared>, since: u64) -> Response<Body> {
    let stream = Events {
        shared,
        since,
        started: false,
        done: false,
    };
    Response::new(
        StatusCode(200),
        vec![
            header("Content-Type", "text/event-stream"),
            header("Cache-Control", "no-store"),
        ],
        Box::new(stream),
        None,
        None,
    )
}

struct Events {
    shared: Arc<Shared>,
    since: u64,
    started: bool,
    done: bool,
}

impl Read for Events {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.done {
            return Ok(0);
        }
        let message = if !self.started {
            self.started = true;
            "retry: 300\n\n".to_string()
        } else {
            let live = self.shared.live.lock().expect("lock");
            let (live, _) = self
                .shared
                .rebuilt
                .wait_timeout_while(live, Duration::from_secs(15), |l| {
                    l.generation <= self.since
                })
                .expect("lock");
            if live.generation > self.since {
                self.done = true;
                format!("event: reload\ndata: {}\n\n", live.generation)
            } else {
                ": still here\n\n".to_string()
            }
        };
        let bytes = message.as_bytes();
        let n = bytes.len().min(buf.len());
        buf[..n].copy_from_slice(&bytes[..n]);
        Ok(n)
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    File(PathBuf),
    Redirect(String),
    NotFound,
}

/// Maps a request path to a file inside `output`, never outside it.
pub fn resolve(output: &Path, url: &str) -> Lookup {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let Ok(decoded) = percent_decode_str(path).decode_utf8() else {
        return Lookup::NotFound;
    };
    if decoded.contains('\\') || decoded.contains('\0') {
        return Lookup::NotFound;
    }
    let rel = Path::new(decoded.trim_start_matches('/'));
    if !rel.components().all(|c| matches!(c, Component::Normal(_))) {
        return Lookup::NotFound;
    }
    let full = output.join(rel);
    if full.is_dir() {
        if !decoded.ends_with('/') {
            return Lookup::Redirect(format!("{decoded}/"));
        }
        let index = full.join("index.html");
        return if index.is_file() {
            Lookup::File(index)
        } else {
            Lookup::NotFound
        };
    }
    if full.is_file() {
        Lookup::File(full)
    } else {
        Lookup::NotFound
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serves_only_inside_the_output_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir_all(out.join("projects/sointu")).unwrap();
        std::fs::write(out.join("index.html"), "home").unwrap();
        std::fs::write(out.join("projects/sointu/index.html"), "s").unwrap();
        std::fs::write(dir.path().join("site.yaml"), "secret").unwrap();

        assert_eq!(resolve(&out, "/"), Lookup::File(out.join("index.html")));
        assert_eq!(
            resolve(&out, "/projects/sointu/"),
            Lookup::File(out.join("projects/sointu/index.html"))
        );
        assert_eq!(
            resolve(&out, "/projects/sointu"),
            Lookup::Redirect("/projects/sointu/".into())
        );
        for attack in [
            "/../site.yaml",
            "/%2e%2e/site.yaml",
            "/%2E%2E%2Fsite.yaml",
            "/..%5csite.yaml",
            "//etc/passwd",
        ] {
            assert_eq!(resolve(&out, attack), Lookup::NotFound, "{attack}");
        }
    }
}
