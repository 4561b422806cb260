//! The server side both in-process transports share: it answers from the
//! canned bodies and counts the requests, and those that arrived unsigned.

use crate::bodies;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Static keys both clients sign with.
pub const ACCESS_KEY: &str = "AKIDBENCHEXAMPLE";
pub const SECRET_KEY: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYBENCHKEY";
pub const REGION: &str = "us-east-1";

#[derive(Debug, Clone)]
pub struct Canned {
    answer: Arc<Answer>,
    requests: Arc<AtomicUsize>,
    unsigned: Arc<AtomicUsize>,
}

#[derive(Debug)]
enum Answer {
    /// The same body to every request.
    Fixed(Vec<u8>),
    /// The page the request's token names.
    Pages(Vec<Vec<u8>>),
}

impl Canned {
    pub fn fixed(body: Vec<u8>) -> Self {
        Canned::new(Answer::Fixed(body))
    }

    pub fn pages(pages: Vec<Vec<u8>>) -> Self {
        Canned::new(Answer::Pages(pages))
    }

    fn new(answer: Answer) -> Self {
        Canned { answer: Arc::new(answer), requests: Arc::default(), unsigned: Arc::default() }
    }

    /// The body that answers a request with this body.
    pub fn respond(&self, request_body: &[u8], signed: bool) -> &[u8] {
        self.requests.fetch_add(1, Ordering::Relaxed);
        if !signed {
            self.unsigned.fetch_add(1, Ordering::Relaxed);
        }
        match &*self.answer {
            Answer::Fixed(body) => body,
            Answer::Pages(pages) => &pages[bodies::requested_page(request_body)],
        }
    }

    /// Requests answered so far, and how many of them were unsigned.
    pub fn counts(&self) -> (usize, usize) {
        (self.requests.load(Ordering::Relaxed), self.unsigned.load(Ordering::Relaxed))
    }
}
