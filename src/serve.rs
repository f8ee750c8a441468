//! A small static file server for previewing the built site on 127.0.0.1.
//! It serves only files inside the output folder: paths are decoded, then any
//! `..` or absolute component is refused before the disk is touched.

use std::fs::File;
use std::net::{Ipv4Addr, SocketAddrV4};
use std::path::{Component, Path, PathBuf};

use percent_encoding::percent_decode_str;
use tiny_http::{Header, Response, Server, StatusCode};

/// How many ports after the asked one to try when it is taken.
const PORT_TRIES: u16 = 20;

pub fn serve(output: &Path, port: u16) -> Result<(), String> {
    let (server, port) = bind(port)?;
    eprintln!(
        "Serving {} at http://127.0.0.1:{port}/ (Ctrl+C stops)",
        output.display()
    );
    for request in server.incoming_requests() {
        let response = respond(output, request.url());
        let _ = request.respond(response);
    }
    Ok(())
}

/// Binds 127.0.0.1 on `port`, or the next free port.
pub fn bind(port: u16) -> Result<(Server, u16), String> {
    let mut last_error = String::new();
    for p in port..port.saturating_add(PORT_TRIES) {
        match Server::http(SocketAddrV4::new(Ipv4Addr::LOCALHOST, p)) {
            Ok(server) => {
                let actual = server.server_addr().to_ip().map_or(p, |addr| addr.port());
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

fn respond(output: &Path, url: &str) -> Response<Box<dyn std::io::Read + Send>> {
    match resolve(output, url) {
        Lookup::File(path) => file_response(&path, 200),
        Lookup::Redirect(location) => {
            let header = Header::from_bytes("Location", location.as_bytes()).expect("valid header");
            Response::new(
                StatusCode(301),
                vec![header],
                Box::new(std::io::empty()),
                Some(0),
                None,
            )
        }
        Lookup::NotFound => file_response(&output.join("404.html"), 404),
    }
}

fn file_response(path: &Path, status: u16) -> Response<Box<dyn std::io::Read + Send>> {
    match File::open(path) {
        Ok(file) => {
            let len = file.metadata().ok().map(|m| m.len() as usize);
            let mime = mime_guess::from_path(path).first_or_octet_stream();
            let value = if mime.type_() == "text" || mime.essence_str() == "application/javascript"
            {
                format!("{}; charset=utf-8", mime.essence_str())
            } else {
                mime.essence_str().to_string()
            };
            let header =
                Header::from_bytes("Content-Type", value.as_bytes()).expect("valid header");
            Response::new(StatusCode(status), vec![header], Box::new(file), len, None)
        }
        Err(_) => Response::new(
            StatusCode(404),
            Vec::new(),
            Box::new(std::io::Cursor::new(b"Not found".to_vec())),
            Some(9),
            None,
        ),
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
