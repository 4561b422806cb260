//! Servers on 127.0.0.1 that misbehave on purpose, each a raw TCP listener,
//! for the transports' time and size bounds. Every connection is served on
//! its own thread until the client goes away, the server is dropped, or a
//! cap passes, so a client that never gives up fails its test instead of
//! hanging it; `run_within` bounds the client side the same way.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The longest any server keeps a connection.
const CAP: Duration = Duration::from_secs(20);

/// The most an endless body sends before the server gives up on its own.
pub const ENDLESS_CAP: u64 = 128 << 20;

#[derive(Clone, Copy, Debug)]
pub enum Behaviour {
    /// Reads the request, then says nothing.
    Silent,
    /// Reads nothing at all, so a large request body never gets through.
    Deaf,
    /// Answers 200 with a 1000-byte length, then sends one byte a second.
    Trickle,
    /// Answers 200 with a chunked body that never ends.
    Endless,
    /// Announces a `Content-Length` of this many bytes and sends them (zeros).
    Announced(u64),
    /// Sends this many bytes of a valid JSON body in 1000-byte chunks.
    Chunked(usize),
}

/// What the server saw and did.
#[derive(Debug, Default)]
pub struct Stats {
    pub connections: AtomicUsize,
    /// Body bytes written to clients.
    pub sent: AtomicU64,
    /// Whether a body stopped at [`ENDLESS_CAP`] rather than at the client.
    pub capped: AtomicBool,
}

pub struct Hostile {
    pub addr: SocketAddr,
    pub stats: Arc<Stats>,
    stop: Arc<AtomicBool>,
}

impl Hostile {
    pub fn start(behaviour: Behaviour) -> Hostile {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        listener.set_nonblocking(true).unwrap();
        let stats = Arc::new(Stats::default());
        let stop = Arc::new(AtomicBool::new(false));
        let (thread_stats, thread_stop) = (Arc::clone(&stats), Arc::clone(&stop));
        std::thread::spawn(move || {
            let deadline = Instant::now() + CAP;
            while !thread_stop.load(Ordering::SeqCst) && Instant::now() < deadline {
                match listener.accept() {
                    Ok((stream, _)) => {
                        thread_stats.connections.fetch_add(1, Ordering::SeqCst);
                        let (stats, stop) = (Arc::clone(&thread_stats), Arc::clone(&thread_stop));
                        std::thread::spawn(move || serve(stream, behaviour, &stats, &stop));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Hostile { addr, stats, stop }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn connections(&self) -> usize {
        self.stats.connections.load(Ordering::SeqCst)
    }

    pub fn sent(&self) -> u64 {
        self.stats.sent.load(Ordering::SeqCst)
    }

    pub fn capped(&self) -> bool {
        self.stats.capped.load(Ordering::SeqCst)
    }
}

impl Drop for Hostile {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

fn serve(stream: TcpStream, behaviour: Behaviour, stats: &Stats, stop: &AtomicBool) {
    stream.set_nonblocking(false).unwrap();
    let deadline = Instant::now() + CAP;
    let done = || stop.load(Ordering::SeqCst) || Instant::now() >= deadline;
    if let Behaviour::Deaf = behaviour {
        while !done() {
            std::thread::sleep(Duration::from_millis(20));
        }
        return;
    }
    let mut reader = BufReader::new(stream);
    if read_request(&mut reader).is_none() {
        return;
    }
    let mut stream = reader.into_inner();
    let ok = "HTTP/1.1 200 OK\r\ncontent-type: application/x-amz-json-1.0\r\n";
    match behaviour {
        Behaviour::Deaf => unreachable!(),
        Behaviour::Silent => {
            // Until the client hangs up (a read of 0 or an error).
            stream.set_read_timeout(Some(Duration::from_millis(50))).unwrap();
            while !done() {
                match stream.read(&mut [0; 64]) {
                    Ok(0) => return,
                    Ok(_) => {}
                    Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {}
                    Err(_) => return,
                }
            }
        }
        Behaviour::Trickle => {
            if stream.write_all(format!("{ok}content-length: 1000\r\n\r\n").as_bytes()).is_err() {
                return;
            }
            // JSON allows leading white space, so every byte is valid.
            while !done() && stream.write_all(b" ").is_ok() {
                stats.sent.fetch_add(1, Ordering::SeqCst);
                std::thread::sleep(Duration::from_secs(1));
            }
        }
        Behaviour::Endless => {
            if stream.write_all(format!("{ok}transfer-encoding: chunked\r\n\r\n").as_bytes()).is_err() {
                return;
            }
            let mut chunk = format!("{:x}\r\n", 64 * 1024).into_bytes();
            chunk.extend(std::iter::repeat_n(b' ', 64 * 1024));
            chunk.extend(b"\r\n");
            while !done() && stream.write_all(&chunk).is_ok() {
                let total = stats.sent.fetch_add(64 * 1024, Ordering::SeqCst) + 64 * 1024;
                if total >= ENDLESS_CAP {
                    stats.capped.store(true, Ordering::SeqCst);
                    return;
                }
            }
        }
        Behaviour::Announced(length) => {
            if stream.write_all(format!("{ok}content-length: {length}\r\n\r\n").as_bytes()).is_err() {
                return;
            }
            let zeros = vec![0; 64 * 1024];
            let mut left = length;
            while left > 0 && !done() {
                let n = left.min(zeros.len() as u64);
                if stream.write_all(&zeros[..n as usize]).is_err() {
                    return;
                }
                stats.sent.fetch_add(n, Ordering::SeqCst);
                left -= n;
            }
        }
        Behaviour::Chunked(length) => {
            let body = padded_json(length);
            let mut out = format!("{ok}transfer-encoding: chunked\r\n\r\n").into_bytes();
            for piece in body.chunks(1000) {
                out.extend(format!("{:x}\r\n", piece.len()).as_bytes());
                out.extend(piece);
                out.extend(b"\r\n");
            }
            out.extend(b"0\r\n\r\n");
            if stream.write_all(&out).is_ok() {
                stats.sent.fetch_add(length as u64, Ordering::SeqCst);
            }
            // Let the client read it all before the socket closes.
            let _ = stream.read(&mut [0; 1]);
        }
    }
}

/// A `DescribePhoneNumbers` output of exactly `length` bytes: `{}` after
/// white space.
pub fn padded_json(length: usize) -> Vec<u8> {
    let mut body = vec![b' '; length - 2];
    body.extend(b"{}");
    body
}

/// Reads a request's head and its `Content-Length` bytes; `None` when the
/// client went away first.
fn read_request(reader: &mut BufReader<TcpStream>) -> Option<()> {
    reader.get_ref().set_read_timeout(Some(CAP)).unwrap();
    let mut length = 0;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap();
        }
    }
    std::io::copy(&mut reader.by_ref().take(length), &mut std::io::sink()).ok()?;
    Some(())
}

/// Runs `f` on its own thread and returns its result, failing the test if
/// it takes longer than `limit` (a client that hangs; the thread is left).
pub fn run_within<T: Send + 'static>(limit: Duration, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(limit) {
        Ok(value) => value,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => panic!("the call did not return within {limit:?}"),
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => panic!("the call panicked"),
    }
}

/// This process's peak resident memory (VmHWM), in KiB.
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
