//! `hanke serve`: edits are rebuilt and announced to open pages; a broken edit
//! shows its errors while the last good page stays; nothing outside the output
//! folder is served.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::support::*;

const ALPHA: &str = "content/projects/alpha/index.md";

/// The server as a child process, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
    _dir: tempfile::TempDir,
    root: std::path::PathBuf,
    /// What the server prints, line by line.
    lines: mpsc::Receiver<String>,
}

impl Server {
    /// Waits (bounded) for the server to print a line containing `wanted`.
    fn wait_for_line(&self, wanted: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = self
                .lines
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("serve printed no `{wanted}`"));
            if line.contains(wanted) {
                return line;
            }
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start() -> Server {
    let dir = temp_copy(&fixture("build/full"));
    let root = dir.path().to_path_buf();
    let mut child = hanke_command(&["serve", "--port", "0", "--root"])
        .arg(&root)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let (lines_tx, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = lines_tx.send(line.clone());
            if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                let port: u16 = rest
                    .trim_end_matches(|c: char| !c.is_ascii_digit())
                    .split('/')
                    .next()
                    .unwrap()
                    .parse()
                    .unwrap();
                let _ = tx.send(port);
            }
        }
    });
    let port = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("serve did not start");
    Server {
        child,
        port,
        _dir: dir,
        root,
        lines,
    }
}

/// A raw GET, so paths reach the server exactly as written.
fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response[9..12].parse().unwrap();
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

/// Opens the event stream as a page that shows build `since` would, and waits
/// (bounded) for its reload event.
fn wait_for_reload(port: u16, since: u64) -> Duration {
    let started = Instant::now();
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(
        stream,
        "GET /__hanke/events?since={since} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    )
    .unwrap();
    let mut seen = String::new();
    let mut buf = [0u8; 512];
    while !seen.contains("event: reload") {
        let n = stream
            .read(&mut buf)
            .expect("no reload event within the time limit");
        assert!(n > 0, "the event stream ended without a reload: {seen}");
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    started.elapsed()
}

/// Replaces `from` with `to` in the site's file `rel` and waits for the
/// rebuild a page showing build `since` would reload for.
fn edit_and_wait(server: &Server, rel: &str, from: &str, to: &str, since: u64) {
    let file = server.root.join(rel);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains(from), "{rel} has no `{from}`");
    std::fs::write(&file, text.replacen(from, to, 1)).unwrap();
    wait_for_reload(server.port, since);
}

fn generation(html: &str) -> u64 {
    html.split("data-since=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn edits_are_rebuilt_announced_and_errors_shown_over_the_last_good_page() {
    let server = start();
    let (status, page) = get(server.port, "/projects/alpha/");
    assert_eq!(status, 200);
    assert!(page.contains("<h1>Alpha – testihanke</h1>"));
    assert!(
        page.contains("/__hanke/reload.js"),
        "serve adds the reload script"
    );
    let since = generation(&page);

    edit_and_wait(
        &server,
        ALPHA,
        "name: Alpha – testihanke",
        "name: Alpha – muokattu",
        since,
    );
    let (_, page) = get(server.port, "/projects/alpha/");
    assert!(
        page.contains("<h1>Alpha – muokattu</h1>"),
        "the edit is served"
    );
    let since = generation(&page);

    edit_and_wait(
        &server,
        ALPHA,
        "name: Alpha – muokattu",
        "name: \"Alpha",
        since,
    );
    let (status, page) = get(server.port, "/projects/alpha/");
    assert_eq!(status, 200);
    assert!(
        page.contains("<h1>Alpha – muokattu</h1>"),
        "the last good page stays"
    );
    assert!(page.contains("role=\"alert\""), "the errors are shown");
    assert!(page.contains("content/projects/alpha/index.md:"), "{page}");
}

#[test]
fn nothing_outside_the_output_folder_is_served() {
    let server = start();
    for path in [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/%2E%2E%2Fsite.yaml",
        "/..%5csite.yaml",
        "/projects/../../site.yaml",
    ] {
        let (status, body) = get(server.port, path);
        assert_eq!(status, 404, "{path}");
        assert!(
            !body.contains("title: Testisivusto"),
            "{path} leaked site.yaml"
        );
    }
    let (status, body) = get(server.port, "/no-such-page/");
    assert_eq!(status, 404);
    assert!(body.contains("Sivua ei löytynyt"), "the site's 404 page");
    let (status, _) = get(server.port, "/style.css");
    assert_eq!(status, 200);
}

#[test]
fn build_output_never_carries_the_reload_script() {
    let (rendered, _) = render(&fixture("build/full"));
    for f in &rendered.files {
        assert!(
            !String::from_utf8_lossy(&f.bytes).contains("__hanke"),
            "{}",
            f.path
        );
    }
}

#[test]
fn a_body_edit_rewrites_only_its_page_in_the_output_folder() {
    let server = start();
    let (_, page) = get(server.port, "/projects/alpha/");
    let since = generation(&page);
    let public = server.root.join("public");
    let modified = |rel: &str| {
        std::fs::metadata(public.join(rel))
            .and_then(|m| m.modified())
            .unwrap()
    };
    let (home, beta) = (modified("index.html"), modified("projects/beta/index.html"));

    edit_and_wait(
        &server,
        ALPHA,
        "## Tausta",
        "Lisätty kappale.\n\n## Tausta",
        since,
    );

    let (_, page) = get(server.port, "/projects/alpha/");
    assert!(
        page.contains("<p>Lisätty kappale.</p>"),
        "the edit is served"
    );
    let on_disk = std::fs::read_to_string(public.join("projects/alpha/index.html")).unwrap();
    assert!(on_disk.contains("<p>Lisätty kappale.</p>"), "and written");
    assert_eq!(
        modified("index.html"),
        home,
        "the home page was not rewritten"
    );
    assert_eq!(
        modified("projects/beta/index.html"),
        beta,
        "nor another project's page"
    );
}

#[test]
fn a_new_project_is_served_and_a_deleted_one_disappears() {
    let server = start();
    let (_, page) = get(server.port, "/");
    let since = generation(&page);
    let file = server.root.join("content/projects/gamma.md");
    std::fs::write(
        &file,
        "---\nname: Gamma-hanke\nduration: 1.1.2025–31.12.2027\n---\nUusi hanke.\n",
    )
    .unwrap();
    wait_for_reload(server.port, since);
    let (status, page) = get(server.port, "/projects/gamma/");
    assert_eq!(status, 200);
    assert!(page.contains("<h1>Gamma-hanke</h1>"));
    let since = generation(&page);

    std::fs::remove_file(&file).unwrap();
    wait_for_reload(server.port, since);
    let (status, _) = get(server.port, "/projects/gamma/");
    assert_eq!(status, 404);
    assert!(
        !server
            .root
            .join("public/projects/gamma/index.html")
            .exists()
    );
    let (_, home) = get(server.port, "/");
    assert!(
        !home.contains("Gamma-hanke"),
        "the home page no longer lists it"
    );
}

/// The text the search index holds for the page at `url`, read from the index
/// files in `public`.
fn indexed_text(public: &std::path::Path, url: &str) -> Option<String> {
    let fragments = std::fs::read_dir(public.join("pagefind/fragment")).ok()?;
    fragments.filter_map(Result::ok).find_map(|entry| {
        let mut json = Vec::new();
        let bytes = std::fs::read(entry.path()).ok()?;
        flate2::read::GzDecoder::new(bytes.as_slice())
            .read_to_end(&mut json)
            .ok()?;
        let json = json.strip_prefix(b"pagefind_dcd")?;
        let fragment: serde_json::Value = serde_json::from_slice(json).ok()?;
        (fragment["url"] == url).then(|| fragment["content"].as_str().unwrap_or("").to_string())
    })
}

/// The search index takes far longer than the pages on a large site, so
/// `serve` makes it in the background; it follows edits to pages' bodies.
#[test]
fn the_search_index_is_made_in_the_background_and_follows_edits() {
    let server = start();
    server.wait_for_line("Search index ready");
    let (status, entry) = get(server.port, "/pagefind/pagefind-entry.json");
    assert_eq!(status, 200, "{entry}");
    let public = server.root.join("public");
    let before = indexed_text(&public, "/projects/alpha/").expect("Alpha is indexed");
    assert!(!before.contains("Kummitusjuna"), "{before}");

    let (_, page) = get(server.port, "/projects/alpha/");
    edit_and_wait(
        &server,
        ALPHA,
        "## Tausta",
        "Kummitusjuna pysähtyy.\n\n## Tausta",
        generation(&page),
    );
    server.wait_for_line("Search index ready");
    let after = indexed_text(&public, "/projects/alpha/").expect("Alpha is still indexed");
    assert!(after.contains("Kummitusjuna"), "{after}");
    for (folder, prefix) in [(&public, ".pagefind"), (&server.root, ".hanke-")] {
        let leftovers: Vec<_> = std::fs::read_dir(folder)
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().starts_with(prefix))
            .collect();
        assert!(
            leftovers.is_empty(),
            "temporary folders left: {leftovers:?}"
        );
    }
}

/// Pagefind works on rayon's global pool, so in `serve` that pool and the
/// thread that drives the index run at the lowest priority, and the site is
/// built on a pool of its own at the process's: an edit saved while a large
/// site's index is being made is rebuilt at once, not after the index.
#[cfg(target_os = "linux")]
#[test]
fn the_search_index_gives_way_to_builds() {
    let server = start();
    server.wait_for_line("Search index ready");
    let pid = server.child.id();
    let threads: Vec<(String, i32)> = std::fs::read_dir(format!("/proc/{pid}/task"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|task| {
            let name = std::fs::read_to_string(task.path().join("comm")).unwrap();
            let stat = std::fs::read_to_string(task.path().join("stat")).unwrap();
            // Field 19 is the niceness; the fields after the name start at 3.
            let fields = &stat[stat.rfind(')').unwrap() + 2..];
            let nice = fields.split(' ').nth(19 - 3).unwrap().parse().unwrap();
            let main = task.file_name().to_string_lossy() == pid.to_string();
            (
                if main {
                    "main".into()
                } else {
                    name.trim().to_string()
                },
                nice,
            )
        })
        .collect();
    let nice_of = |prefix: &str| -> Vec<i32> {
        (threads.iter())
            .filter(|(name, _)| name.starts_with(prefix))
            .map(|(_, nice)| *nice)
            .collect()
    };
    let [process] = nice_of("main")[..] else {
        panic!("no main thread in {threads:?}")
    };
    let (index, search, builds) = (
        nice_of("hanke-index"),
        nice_of("hanke-search"),
        nice_of("hanke-build"),
    );
    assert_eq!(index, [19], "{threads:?}");
    assert!(!search.is_empty(), "{threads:?}");
    assert!(search.iter().all(|&n| n == 19), "{threads:?}");
    assert!(!builds.is_empty(), "{threads:?}");
    assert!(builds.iter().all(|&n| n == process), "{threads:?}");
}
