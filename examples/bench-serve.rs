//! Measures `hanke serve`: the time from saving one project file to the reload
//! event the open page receives, on a generated site: edits to its body, then
//! edits to its front matter.
//!
//! ```sh
//! cargo run --release --example gen-corpus -- --projects 1000 --out target/corpus-1000
//! cargo run --release --example bench-serve -- target/corpus-1000
//! ```
//! Prints each edit's time and, for each kind, the minimum, median and maximum.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Edits to a project's body, each rebuilding only its page.
const EDITS: usize = 7;
/// Edits to its front matter, each rendering its page and the listings again.
const FULL_EDITS: usize = 7;

fn main() {
    let root = PathBuf::from(
        std::env::args()
            .nth(1)
            .expect("usage: bench-serve SITE_DIR"),
    );
    // target/release/examples/bench-serve → target/release/hanke
    let exe = std::env::current_exe().unwrap();
    let hanke = exe.parent().and_then(|p| p.parent()).unwrap().join("hanke");
    let mut child = Command::new(&hanke)
        .args(["serve", "--port", "0", "--root"])
        .arg(&root)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "cannot start {}: {e} (build it with cargo build --release)",
                hanke.display()
            )
        });
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let port: u16 = loop {
        let line = lines.next().expect("serve stopped").unwrap();
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            break rest.split('/').next().unwrap().parse().unwrap();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    let file = root.join("content/projects/hanke-00001/index.md");
    let original = std::fs::read_to_string(&file).unwrap();
    let body_edits: Vec<Duration> = (0..EDITS)
        .map(|edit| save_and_wait(port, &file, &format!("{original}\nMuokkaus {edit}.\n")))
        .collect();
    // A change to the front matter: every listing may change, so they are all
    // rendered again, with the project's page.
    let front_matter_edits: Vec<Duration> = (0..FULL_EDITS)
        .map(|edit| {
            let text = original.replacen(
                "\ntiivistelmä: ",
                &format!("\ntiivistelmä: Muutos {edit}. "),
                1,
            );
            assert_ne!(text, original, "the project has a `tiivistelmä:` line");
            save_and_wait(port, &file, &text)
        })
        .collect();
    std::fs::write(&file, original).unwrap();
    // As a writer stops it (Ctrl+C), so that it removes its temporary folders;
    // through the shell's own `kill`, as a machine may have no kill program.
    let stopped = Command::new("sh")
        .args(["-c", &format!("kill -INT {}", child.id())])
        .status()
        .is_ok_and(|s| s.success());
    if !stopped {
        let _ = child.kill();
    }
    let _ = child.wait();
    summary("front matter: save → reload", front_matter_edits);
    summary("save → reload", body_edits);
}

/// Saves `text` into `file` and waits for the reload event an open page of
/// that project gets.
fn save_and_wait(port: u16, file: &std::path::Path, text: &str) -> Duration {
    let since = generation(port, "/projects/hanke-00001/");
    let mut events = TcpStream::connect(("127.0.0.1", port)).unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(120)))
        .unwrap();
    write!(
        events,
        "GET /__hanke/events?since={since} HTTP/1.1\r\nHost: x\r\n\r\n"
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let saved = Instant::now();
    std::fs::write(file, text).unwrap();
    let mut seen = String::new();
    let mut buf = [0u8; 256];
    while !seen.contains("event: reload") {
        let n = events.read(&mut buf).unwrap();
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    let took = saved.elapsed();
    println!("{} ms from save to reload event", took.as_millis());
    took
}

/// Prints the minimum, median and maximum of `times`.
fn summary(what: &str, mut times: Vec<Duration>) {
    times.sort();
    println!(
        "{what} over {} edits: min {} ms, median {} ms, max {} ms",
        times.len(),
        times[0].as_millis(),
        times[times.len() / 2].as_millis(),
        times[times.len() - 1].as_millis()
    );
}

/// The build generation the page was served from.
fn generation(port: u16, path: &str) -> u64 {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut page = String::new();
    s.read_to_string(&mut page).unwrap();
    page.split("data-since=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}
