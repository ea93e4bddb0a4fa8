//! An HTTP response before it is written, the fixed answers the server gives without
//! looking at the site (refusals, "busy"), and how a response goes onto the wire.
//!
//! In: a status, a content type, a body and extra headers. Out: HTTP/1.1 bytes, always
//! with `Content-Length` and `Connection: close`.

use std::io::Write;
use std::sync::Arc;

/// A response before it is written.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    /// Shared with the site, so a large attachment is not copied for each request.
    pub body: Arc<Vec<u8>>,
    /// Headers besides the ones every response has.
    pub headers: Vec<(&'static str, String)>,
}

impl Response {
    /// A response with no extra headers.
    pub fn new(status: u16, content_type: &'static str, body: Arc<Vec<u8>>) -> Response {
        Response {
            status,
            content_type,
            body,
            headers: Vec::new(),
        }
    }

    /// A plain-text response.
    pub fn text(status: u16, body: &str) -> Response {
        Response::new(
            status,
            "text/plain; charset=utf-8",
            Arc::new(body.as_bytes().to_vec()),
        )
    }

    /// The same response with one more header.
    pub fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Response {
        self.headers.push((name, value.into()));
        self
    }

    /// The value of a header added to this response.
    #[cfg(test)]
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The status line and headers, up to and with the empty line.
    pub fn head(&self) -> String {
        let mut head = format!(
            "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
            self.status,
            reason(self.status),
            self.content_type,
            self.body.len()
        );
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        head
    }

    /// Writes the response; only its head when answering HEAD.
    pub fn write(&self, out: &mut impl Write, head_only: bool) -> std::io::Result<()> {
        out.write_all(self.head().as_bytes())?;
        if !head_only {
            out.write_all(&self.body)?;
        }
        out.flush()
    }

    /// The whole response as bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = self.head().into_bytes();
        bytes.extend_from_slice(&self.body);
        bytes
    }
}

/// The answer to a request the server will not read to its end: 414 for a request
/// line over 8 KiB, 431 for headers over their limits, 400 for one it cannot parse.
pub fn refusal(status: u16) -> Response {
    let text = match status {
        414 => "The address asked for is too long (the limit is 8 KiB).\n",
        431 => "The request's headers are too large (the limit is 8 KiB a line, 32 KiB in all).\n",
        _ => "Bad request.\n",
    };
    Response::text(status, text)
}

/// The answer to any method but GET and HEAD.
pub fn not_allowed() -> Response {
    Response::text(405, "Only GET and HEAD are supported.\n").with_header("Allow", "GET, HEAD")
}

/// The answer while the server cannot take the connection: come back after `seconds`.
pub fn busy(seconds: u32) -> Response {
    Response::text(503, "The preview server is busy; try again in a moment.\n")
        .with_header("Retry-After", seconds.to_string())
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "Error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_answers_carry_the_headers_clients_need() {
        let text = String::from_utf8(not_allowed().to_bytes()).unwrap();
        assert!(
            text.starts_with("HTTP/1.1 405 Method Not Allowed\r\n"),
            "{text}"
        );
        assert!(text.contains("\r\nAllow: GET, HEAD\r\n"), "{text}");
        let text = String::from_utf8(busy(1).to_bytes()).unwrap();
        assert!(
            text.starts_with("HTTP/1.1 503 Service Unavailable\r\n"),
            "{text}"
        );
        assert!(text.contains("\r\nRetry-After: 1\r\n"), "{text}");
        assert!(String::from_utf8(refusal(414).to_bytes())
            .unwrap()
            .starts_with("HTTP/1.1 414 URI Too Long\r\n"));
        assert!(String::from_utf8(refusal(431).to_bytes())
            .unwrap()
            .starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n"));
    }

    #[test]
    fn head_requests_get_the_length_without_the_body() {
        let response = Response::text(200, "hello");
        let mut out = Vec::new();
        response.write(&mut out, true).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("Content-Length: 5\r\n"));
        assert!(text.ends_with("\r\n\r\n"));
    }
}
