//! A tiny HTTP/1.1 server on 127.0.0.1 for the transports' loopback tests: it
//! answers each connection's one request with the next canned response and
//! closes it, recording what it read. Everything is bounded in time, so a
//! client that never connects fails the test instead of hanging it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long the server waits for connections and for a request's bytes.
const LIMIT: Duration = Duration::from_secs(10);

/// One request as the server read it.
#[derive(Debug)]
pub struct Seen {
    pub request_line: String,
    /// Header names lower-cased.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// What to answer: a status and a JSON body, or `None` to read the request
/// and then say nothing for `LIMIT` (a server that hangs).
pub type Canned = Option<(u16, String)>;

pub struct Server {
    pub addr: SocketAddr,
    thread: JoinHandle<Vec<Seen>>,
}

impl Server {
    /// Serves `responses` in order, one connection each, then stops.
    pub fn start(responses: Vec<Canned>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        listener.set_nonblocking(true).unwrap();
        let thread = std::thread::spawn(move || {
            let deadline = Instant::now() + LIMIT;
            let mut seen = Vec::new();
            for canned in responses {
                let stream = accept(&listener, deadline);
                let mut reader = BufReader::new(stream);
                seen.push(read_request(&mut reader));
                let mut stream = reader.into_inner();
                match canned {
                    Some((status, body)) => {
                        let head = format!(
                            "HTTP/1.1 {status} X\r\ncontent-type: application/x-amz-json-1.0\r\nx-amzn-requestid: loop-1\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                            body.len()
                        );
                        stream.write_all(head.as_bytes()).unwrap();
                        stream.write_all(body.as_bytes()).unwrap();
                    }
                    // Holds the connection open without answering, until the
                    // client gives up and closes it (or the limit passes).
                    None => {
                        let _ = stream.read(&mut [0; 1]);
                    }
                }
            }
            seen
        });
        Server { addr, thread }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The requests read, once every canned response was used.
    pub fn finish(self) -> Vec<Seen> {
        self.thread.join().expect("the server thread ends without panicking")
    }
}

fn read_request(reader: &mut BufReader<std::net::TcpStream>) -> Seen {
    let mut request_line = String::new();
    reader.read_line(&mut request_line).unwrap();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':').expect("a header line");
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
    let length = headers.iter().find(|(n, _)| n == "content-length").map_or(0, |(_, v)| v.parse().unwrap());
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    Seen { request_line: request_line.trim_end().to_owned(), headers, body }
}

/// A port on 127.0.0.1 where nothing listens.
pub fn closed_port() -> SocketAddr {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap()
}

/// Accepts one connection on 127.0.0.1 and returns its first bytes, then
/// closes it: enough to see a TLS client hello without a certificate.
pub fn first_bytes() -> (SocketAddr, JoinHandle<Vec<u8>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    listener.set_nonblocking(true).unwrap();
    let thread = std::thread::spawn(move || {
        let mut stream = accept(&listener, Instant::now() + LIMIT);
        let mut bytes = [0; 3];
        stream.read_exact(&mut bytes).unwrap();
        bytes.to_vec()
    });
    (addr, thread)
}

/// The next connection, polled so that none coming fails instead of hanging.
pub fn accept(listener: &TcpListener, deadline: Instant) -> std::net::TcpStream {
    loop {
        match listener.accept() {
            Ok((stream, _)) => {
                stream.set_nonblocking(false).unwrap();
                stream.set_read_timeout(Some(LIMIT)).unwrap();
                return stream;
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock && Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(e) => panic!("no connection came: {e}"),
        }
    }
}
