//! Pagination as a state machine ([`PageState`]: last output in, next request
//! out) and an async driver over it ([`Paginator`], [`PageStream`],
//! [`ItemStream`]).
//!
//! Features, after boto3's paginators: page size, a maximum number of items,
//! a starting token and a resume token. When `max_items` ends inside a page,
//! the resume token records the page's request token and how many of its items
//! were already returned, so resuming neither skips nor repeats an item. Resume
//! tokens use boto3's format (base64 of `{"NextToken": ..., "boto_truncate_amount": n}`,
//! see [`token`]), so tokens can be exchanged with boto3. A paginator may have
//! several tokens (paired by position, as boto3 pairs them) and tokens that
//! are not strings. A service that sends a token it sent before is reported as
//! [`PaginationError::RepeatedToken`] rather than looped on or silently stopped.

use super::build::BuildError;
use super::client::Handle;
use super::document::Document;
use super::error::SdkError;
use super::operation::Operation;
use std::collections::HashSet;
use std::fmt;

pub mod token;

pub use token::{ResumePoint, Tokens};

/// How a paginated operation moves its token, page size and items; generated
/// for each paginated operation.
///
/// A paginator has zero or more result keys. The first one is what
/// `max_items` counts and cuts: a list counts its elements, any other key
/// (a map, a count, a structure) one item per page that has it, and is never
/// cut. The others are returned whole with the page that has them, except
/// on a page resumed in its middle, whose items were partly returned before:
/// there they are emptied, as boto3 does.
pub trait Paginated: Operation {
    /// One item of a page.
    type Item: fmt::Debug + Send;
    /// Wire names of the input token members, in the model's order: the
    /// keys of resume tokens.
    const INPUT_TOKENS: &'static [&'static str];
    /// Sets the tokens of the next request (one per input token).
    ///
    /// # Errors
    /// When a value does not fit its member's type (a starting token made
    /// for another operation).
    fn set_tokens(input: &mut Self::Input, tokens: &[Option<Document>]) -> Result<(), PaginationError>;
    /// The tokens the input carries.
    fn tokens(input: &Self::Input) -> Tokens;
    /// Sets the page size (a no-op for operations without one).
    fn set_page_size(input: &mut Self::Input, size: i32);
    /// The tokens of the next page, paired with the input tokens by position.
    fn next_tokens(output: &Self::Output) -> Tokens;
    /// Whether more pages follow, for paginators whose output says so in a
    /// flag (`more_results`): `false` ends pagination whatever the token.
    fn more_results(output: &Self::Output) -> bool {
        let _ = output;
        true
    }
    /// How many items of the first result key the page holds.
    fn primary_len(output: &Self::Output) -> usize;
    /// Drops the first `skip` items of the first result key, then keeps at
    /// most `keep` of the rest.
    fn trim_primary(output: &mut Self::Output, skip: usize, keep: Option<usize>);
    /// Empties the other result keys.
    fn clear_secondary(output: &mut Self::Output) {
        let _ = output;
    }
    /// Moves the page's items out, each result key's in turn (boto3's
    /// order), with how many came from the first key.
    fn take_items(output: &mut Self::Output) -> (Vec<Self::Item>, usize);
    /// The values of the paginator's `non_aggregate_keys`: members that are
    /// the same on every page (a query's column metadata), kept from the
    /// first page as boto3 keeps them; `()` for paginators without them.
    type NonAggregate: fmt::Debug + Send;
    /// Reads them from a page.
    fn non_aggregate(output: &Self::Output) -> Self::NonAggregate;
}

/// Pagination went wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PaginationError {
    /// The service returned a token it had already returned: following it
    /// would loop forever.
    RepeatedToken(String),
    /// The starting token is not a token this crate or boto3 produced.
    InvalidStartingToken(String),
}

impl fmt::Display for PaginationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PaginationError::RepeatedToken(t) => write!(f, "the service repeated the pagination token `{t}`"),
            PaginationError::InvalidStartingToken(why) => write!(f, "invalid starting token: {why}"),
        }
    }
}

impl std::error::Error for PaginationError {}

/// Pagination settings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PaginationConfig {
    /// Items per page, sent as the operation's limit member.
    pub page_size: Option<i32>,
    /// Stop after this many items in total.
    pub max_items: Option<usize>,
    /// A resume token from an earlier run to start from.
    pub starting_token: Option<String>,
}

/// The state machine: which request comes next and what the resume token is.
#[derive(Debug)]
pub struct PageState<O: Paginated> {
    input: O::Input,
    max_items: Option<usize>,
    /// Items returned so far.
    returned: usize,
    /// Items to drop from the front of the next page (from a resume token).
    skip: usize,
    /// Tokens of the request in flight (all `None` for the first page).
    tokens: Tokens,
    /// Every set of tokens requested so far, as text.
    seen: HashSet<String>,
    done: bool,
    resume: Option<ResumePoint>,
    /// Where the last page started: its request tokens and the items skipped.
    last_page: ResumePoint,
    /// The first page's `non_aggregate_keys`.
    non_aggregate: Option<O::NonAggregate>,
}

impl<O: Paginated> PageState<O> {
    /// Starts paginating `input` with `config`.
    ///
    /// # Errors
    /// When the starting token cannot be decoded.
    pub fn new(mut input: O::Input, config: &PaginationConfig) -> Result<Self, PaginationError> {
        let start = match &config.starting_token {
            Some(t) => {
                let start = ResumePoint::decode(t, O::INPUT_TOKENS)?;
                O::set_tokens(&mut input, &start.tokens)?;
                start
            }
            // Tokens set on the input itself are where pagination starts.
            None => ResumePoint { tokens: O::tokens(&input), skip: 0 },
        };
        if let Some(size) = config.page_size {
            O::set_page_size(&mut input, size);
        }
        let mut seen = HashSet::new();
        if start.tokens.iter().any(Option::is_some) {
            seen.insert(token::describe(&start.tokens, O::INPUT_TOKENS));
        }
        Ok(PageState {
            input,
            max_items: config.max_items,
            returned: 0,
            skip: start.skip,
            tokens: start.tokens.clone(),
            seen,
            done: config.max_items == Some(0),
            // Until a page arrives, resuming means starting where this run started.
            resume: (!start.is_start()).then(|| start.clone()),
            last_page: start,
            non_aggregate: None,
        })
    }

    /// The next request's input, or `None` when pagination is over.
    pub fn next_request(&self) -> Option<&O::Input> {
        (!self.done).then_some(&self.input)
    }

    /// Takes the response to [`next_request`](Self::next_request) and
    /// returns the page to hand out (trimmed by a resume skip or `max_items`).
    ///
    /// # Errors
    /// When the service repeats a token.
    pub fn on_page(&mut self, mut output: O::Output) -> Result<O::Output, PaginationError> {
        if self.non_aggregate.is_none() {
            self.non_aggregate = Some(O::non_aggregate(&output));
        }
        self.last_page = ResumePoint { tokens: self.tokens.clone(), skip: self.skip };
        let skipped = std::mem::take(&mut self.skip);
        let next: Tokens = if O::more_results(&output) {
            O::next_tokens(&output).into_iter().map(|t| t.filter(token::is_set)).collect()
        } else {
            vec![None; O::INPUT_TOKENS.len()]
        };
        let left = O::primary_len(&output).saturating_sub(skipped);
        let mut cut = None;
        let mut kept = left;
        if let Some(max) = self.max_items {
            let room = max - self.returned;
            if left > room {
                kept = room;
                cut = Some(ResumePoint { tokens: self.tokens.clone(), skip: skipped + room });
            }
        }
        if skipped > 0 || cut.is_some() {
            O::trim_primary(&mut output, skipped, cut.is_some().then_some(kept));
        }
        if skipped > 0 {
            // Returned with the page's first part, before the resume token.
            O::clear_secondary(&mut output);
        }
        self.returned += kept;
        if let Some(point) = cut {
            self.done = true;
            self.resume = Some(point);
            return Ok(output);
        }
        if next.iter().all(Option::is_none) {
            self.done = true;
            self.resume = None;
            return Ok(output);
        }
        if !self.seen.insert(token::describe(&next, O::INPUT_TOKENS)) {
            self.done = true;
            return Err(PaginationError::RepeatedToken(token::describe(&next, O::INPUT_TOKENS)));
        }
        let limit_reached = self.max_items.is_some_and(|max| self.returned >= max);
        self.resume = Some(ResumePoint { tokens: next.clone(), skip: 0 });
        self.done = limit_reached;
        O::set_tokens(&mut self.input, &next)?;
        self.tokens = next;
        Ok(output)
    }

    /// A token to continue from later (pass it as the starting token), or
    /// `None` when every page has been read.
    pub fn resume_token(&self) -> Option<String> {
        self.resume.as_ref().map(|p| p.encode(O::INPUT_TOKENS))
    }

    /// Where the page last returned by [`on_page`](Self::on_page) started.
    pub fn last_page(&self) -> &ResumePoint {
        &self.last_page
    }

    /// The first page's `non_aggregate_keys`, once it has arrived.
    pub fn non_aggregate(&self) -> Option<&O::NonAggregate> {
        self.non_aggregate.as_ref()
    }
}

/// Configures pagination of one operation; [`pages`](Paginator::pages) gives
/// pages and [`items`](Paginator::items) gives items, as the blocking
/// client's paginator does (there they are iterators, here streams). Nothing
/// is sent until the first page is polled.
#[derive(Debug)]
pub struct Paginator<O: Paginated> {
    handle: Handle<O::Service>,
    input: Result<O::Input, BuildError>,
    config: PaginationConfig,
}

impl<O: Paginated> Paginator<O> {
    /// A paginator for `input` (or the error building it, reported on the first poll).
    pub fn new(handle: Handle<O::Service>, input: Result<O::Input, BuildError>) -> Self {
        Paginator { handle, input, config: PaginationConfig::default() }
    }

    /// Items per page.
    pub fn page_size(mut self, size: i32) -> Self {
        self.config.page_size = Some(size);
        self
    }

    /// Stops after this many items in total; the resume token then continues
    /// exactly after the last one returned.
    pub fn max_items(mut self, max: usize) -> Self {
        self.config.max_items = Some(max);
        self
    }

    /// Continues from a resume token of an earlier run.
    pub fn starting_token(mut self, token: impl Into<String>) -> Self {
        self.config.starting_token = Some(token.into());
        self
    }

    /// A stream of pages.
    pub fn pages(self) -> PageStream<O> {
        let state = match self.input {
            Ok(input) => PageState::new(input, &self.config).map_err(SdkError::Pagination),
            Err(e) => Err(SdkError::Construction(e)),
        };
        PageStream { handle: self.handle, state: Some(state), failed: false }
    }

    /// A stream of the pages' items.
    pub fn items(self) -> ItemStream<O> {
        ItemStream { pages: self.pages(), buffer: Vec::new().into_iter(), taken_from_page: 0, primary_in_page: 0 }
    }
}

/// Pages, fetched one request at a time. The stream ends after an error;
/// [`resume_token`](PageStream::resume_token) then points at the request that
/// failed, so it can be tried again later.
#[derive(Debug)]
pub struct PageStream<O: Paginated> {
    handle: Handle<O::Service>,
    /// `Some(Err)` holds an error to report on the next poll; `None` after it.
    state: Option<Result<PageState<O>, SdkError<O::Error>>>,
    /// Set once an error was returned: no more pages, but the position stays.
    failed: bool,
}

impl<O: Paginated> PageStream<O> {
    /// The next page, or `None` when there are no more. After an error the
    /// stream ends.
    pub async fn next(&mut self) -> Option<Result<O::Output, SdkError<O::Error>>> {
        if self.failed {
            return None;
        }
        let mut state = match self.state.take()? {
            Ok(state) => state,
            Err(e) => {
                self.failed = true;
                return Some(Err(e));
            }
        };
        let Some(input) = state.next_request() else {
            self.state = Some(Ok(state));
            return None;
        };
        let result = self.handle.invoke::<O>(input).await;
        let page = result.and_then(|output| state.on_page(output).map_err(SdkError::Pagination));
        self.failed = page.is_err();
        self.state = Some(Ok(state));
        Some(page)
    }

    /// Every remaining page.
    ///
    /// # Errors
    /// The first error; pages before it are dropped.
    pub async fn try_collect(mut self) -> Result<Vec<O::Output>, SdkError<O::Error>> {
        let mut pages = Vec::new();
        while let Some(page) = self.next().await {
            pages.push(page?);
        }
        Ok(pages)
    }

    /// A token to continue from later, or `None` when every page was read
    /// (or when the first request failed: start again without a token).
    pub fn resume_token(&self) -> Option<String> {
        match &self.state {
            Some(Ok(state)) => state.resume_token(),
            _ => None,
        }
    }

    /// The paginator's `non_aggregate_keys` as the first page gave them
    /// (boto3's `non_aggregate_part`), once it has arrived.
    pub fn non_aggregate(&self) -> Option<&O::NonAggregate> {
        match &self.state {
            Some(Ok(state)) => state.non_aggregate(),
            _ => None,
        }
    }
}

/// Items of every page, in order.
#[derive(Debug)]
pub struct ItemStream<O: Paginated> {
    pages: PageStream<O>,
    /// The current page's items not yet returned; each page's `Vec` is
    /// taken over as it is, so no item is moved before it is returned.
    buffer: std::vec::IntoIter<O::Item>,
    taken_from_page: usize,
    /// How many of the page's items came from the first result key; only
    /// those count in a resume token.
    primary_in_page: usize,
}

impl<O: Paginated> ItemStream<O> {
    /// The next item, or `None` when there are no more.
    pub async fn next(&mut self) -> Option<Result<O::Item, SdkError<O::Error>>> {
        loop {
            if let Some(item) = self.buffer.next() {
                self.taken_from_page += 1;
                return Some(Ok(item));
            }
            match self.pages.next().await? {
                Ok(mut page) => {
                    let (items, primary) = O::take_items(&mut page);
                    self.taken_from_page = 0;
                    self.primary_in_page = primary;
                    self.buffer = items.into_iter();
                }
                Err(e) => return Some(Err(e)),
            }
        }
    }

    /// Every remaining item.
    ///
    /// # Errors
    /// The first error.
    pub async fn try_collect(mut self) -> Result<Vec<O::Item>, SdkError<O::Error>> {
        let mut items = Vec::new();
        while let Some(item) = self.next().await {
            items.push(item?);
        }
        Ok(items)
    }

    /// The paginator's `non_aggregate_keys` as the first page gave them
    /// (boto3's `non_aggregate_part`), once it has arrived.
    pub fn non_aggregate(&self) -> Option<&O::NonAggregate> {
        self.pages.non_aggregate()
    }

    /// A token to continue right after the last item returned, even in the
    /// middle of a page, or `None` when everything was read.
    pub fn resume_token(&self) -> Option<String> {
        let Some(Ok(state)) = &self.pages.state else { return None };
        if self.buffer.as_slice().is_empty() {
            return state.resume_token();
        }
        let page = state.last_page();
        let taken = self.taken_from_page.min(self.primary_in_page);
        let point = ResumePoint { tokens: page.tokens.clone(), skip: page.skip + taken };
        Some(point.encode(O::INPUT_TOKENS))
    }
}
