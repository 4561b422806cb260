//! Request compression for operations whose service accepts a compressed
//! body (the model's `requestcompression` trait). Compression only saves
//! bandwidth: a crate built without its `request-compression` feature, or a
//! client configured not to compress, sends bodies as they are.

use super::build::BuildError;

/// A content encoding a service accepts for request bodies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Encoding {
    /// gzip (RFC 1952).
    Gzip,
}

impl Encoding {
    /// The `Content-Encoding` token.
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Gzip => "gzip",
        }
    }
}

/// Bodies smaller than this many bytes are sent as they are, by default.
pub const DEFAULT_MIN_COMPRESSION_SIZE_BYTES: u32 = 10_240;

/// The largest minimum size that can be configured (10 MiB), as in the AWS SDKs.
pub const MAX_MIN_COMPRESSION_SIZE_BYTES: u32 = 10_485_760;

/// When request bodies are compressed; set on the client's
/// [`ConfigBuilder`](super::client::ConfigBuilder).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CompressionSettings {
    disabled: bool,
    min_size_bytes: u32,
}

impl Default for CompressionSettings {
    /// Compress bodies of at least [`DEFAULT_MIN_COMPRESSION_SIZE_BYTES`].
    fn default() -> Self {
        CompressionSettings { disabled: false, min_size_bytes: DEFAULT_MIN_COMPRESSION_SIZE_BYTES }
    }
}

impl CompressionSettings {
    /// Compress bodies of at least `min_size_bytes`, unless `disabled`.
    ///
    /// # Errors
    /// When `min_size_bytes` is above [`MAX_MIN_COMPRESSION_SIZE_BYTES`].
    pub fn new(disabled: bool, min_size_bytes: u32) -> Result<Self, BuildError> {
        if min_size_bytes > MAX_MIN_COMPRESSION_SIZE_BYTES {
            return Err(BuildError::other(format!(
                "request_min_compression_size_bytes: {min_size_bytes} is out of range (0..={MAX_MIN_COMPRESSION_SIZE_BYTES})"
            )));
        }
        Ok(CompressionSettings { disabled, min_size_bytes })
    }

    /// Whether compression is turned off.
    pub fn disabled(&self) -> bool {
        self.disabled
    }

    /// Bodies smaller than this are sent as they are.
    pub fn min_size_bytes(&self) -> u32 {
        self.min_size_bytes
    }
}

/// Compresses a serialized request's body with the first of `encodings` this
/// crate can apply, when `settings` allow it and the body is at least the
/// minimum size. Adds the encoding to `Content-Encoding` (after any already
/// there) and updates `Content-Length`. Returns the encoding applied.
///
/// The client does this for every call. When you send requests yourself, call
/// it with the operation's `REQUEST_COMPRESSION` (an empty list for operations
/// that take only plain bodies). Without the `request-compression` feature it
/// never compresses.
pub fn compress_request(
    request: &mut http::Request<Vec<u8>>,
    encodings: &[Encoding],
    settings: &CompressionSettings,
) -> Option<Encoding> {
    compress_with(request, encodings, settings, encode)
}

fn compress_with(
    request: &mut http::Request<Vec<u8>>,
    encodings: &[Encoding],
    settings: &CompressionSettings,
    encode: impl Fn(Encoding, &[u8]) -> Option<Vec<u8>>,
) -> Option<Encoding> {
    let small = request.body().len() < settings.min_size_bytes as usize;
    if encodings.is_empty() || settings.disabled || small {
        return None;
    }
    let (encoding, body) = encodings.iter().find_map(|&e| Some((e, encode(e, request.body())?)))?;
    let length = http::HeaderValue::from(body.len());
    *request.body_mut() = body;
    let headers = request.headers_mut();
    // Content-Encoding is a list; a second field line appends to it.
    headers.append(http::header::CONTENT_ENCODING, http::HeaderValue::from_static(encoding.as_str()));
    headers.insert(http::header::CONTENT_LENGTH, length);
    // A checksum covers the body as sent, so it follows the compression.
    if headers.contains_key(crate::md5::CONTENT_MD5) {
        crate::md5::set_content_md5(request);
    }
    Some(encoding)
}

#[cfg(feature = "request-compression")]
fn encode(encoding: Encoding, body: &[u8]) -> Option<Vec<u8>> {
    use std::io::Write;
    match encoding {
        Encoding::Gzip => {
            let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            // Writing to a Vec does not fail; if it did, the body would go as it is.
            gzip.write_all(body).ok()?;
            gzip.finish().ok()
        }
    }
}

#[cfg(not(feature = "request-compression"))]
fn encode(_: Encoding, _: &[u8]) -> Option<Vec<u8>> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(len: usize) -> http::Request<Vec<u8>> {
        let mut request = http::Request::new(vec![b'a'; len]);
        request.headers_mut().insert(http::header::CONTENT_LENGTH, http::HeaderValue::from(len));
        request
    }

    /// Stands in for gzip so the rules are tested with or without the feature.
    fn fake(_: Encoding, body: &[u8]) -> Option<Vec<u8>> {
        Some(body[..body.len() / 2].to_vec())
    }

    fn settings(disabled: bool, min: u32) -> CompressionSettings {
        CompressionSettings::new(disabled, min).unwrap()
    }

    #[test]
    fn compresses_from_the_minimum_size_and_updates_the_headers() {
        let gzip = &[Encoding::Gzip];
        let mut below = request(99);
        assert_eq!(compress_with(&mut below, gzip, &settings(false, 100), fake), None);
        assert_eq!(below.body().len(), 99);
        assert!(below.headers().get("content-encoding").is_none());
        let mut at = request(100);
        assert_eq!(compress_with(&mut at, gzip, &settings(false, 100), fake), Some(Encoding::Gzip));
        assert_eq!(at.body().len(), 50);
        assert_eq!(at.headers()["content-encoding"], "gzip");
        assert_eq!(at.headers()["content-length"], "50");
        let mut empty = request(0);
        assert_eq!(compress_with(&mut empty, gzip, &settings(false, 0), fake), Some(Encoding::Gzip));
    }

    #[test]
    fn disabled_settings_and_operations_without_encodings_leave_the_body() {
        let mut r = request(20_000);
        assert_eq!(compress_with(&mut r, &[Encoding::Gzip], &settings(true, 0), fake), None);
        assert_eq!(compress_with(&mut r, &[], &CompressionSettings::default(), fake), None);
        assert_eq!(compress_with(&mut r, &[Encoding::Gzip], &settings(false, 0), |_, _| None), None);
        assert_eq!(r.body().len(), 20_000);
        assert_eq!(r.headers()["content-length"], "20000");
    }

    #[test]
    fn an_existing_content_encoding_is_kept_first() {
        let mut r = request(10);
        r.headers_mut().insert(http::header::CONTENT_ENCODING, http::HeaderValue::from_static("custom"));
        compress_with(&mut r, &[Encoding::Gzip], &settings(false, 0), fake).unwrap();
        let all: Vec<_> = r.headers().get_all("content-encoding").iter().collect();
        assert_eq!(all, ["custom", "gzip"]);
    }

    #[test]
    fn a_content_md5_is_recomputed_over_the_compressed_body() {
        let mut r = request(10);
        crate::md5::set_content_md5(&mut r);
        let before = r.headers()["content-md5"].clone();
        compress_with(&mut r, &[Encoding::Gzip], &settings(false, 0), fake).unwrap();
        let expected = crate::base64::encode(&crate::md5::md5(r.body()));
        assert_ne!(r.headers()["content-md5"], before);
        assert_eq!(r.headers()["content-md5"], expected.as_str());
        let mut plain = request(10);
        compress_with(&mut plain, &[Encoding::Gzip], &settings(false, 0), fake).unwrap();
        assert!(plain.headers().get("content-md5").is_none(), "added only where the operation asked");
    }

    #[test]
    fn the_minimum_size_is_range_checked() {
        assert_eq!(CompressionSettings::default().min_size_bytes(), 10_240);
        assert!(!CompressionSettings::default().disabled());
        assert!(CompressionSettings::new(false, MAX_MIN_COMPRESSION_SIZE_BYTES).is_ok());
        let err = CompressionSettings::new(false, MAX_MIN_COMPRESSION_SIZE_BYTES + 1).unwrap_err();
        assert!(err.to_string().contains("out of range"), "{err}");
    }

    #[cfg(feature = "request-compression")]
    #[test]
    fn gzip_round_trips_through_flate2() {
        use std::io::Read;
        let body: Vec<u8> = (0..30_000u32).flat_map(|i| (i % 251).to_le_bytes()).collect();
        let mut r = http::Request::new(body.clone());
        assert_eq!(compress_request(&mut r, &[Encoding::Gzip], &CompressionSettings::default()), Some(Encoding::Gzip));
        assert_eq!(&r.body()[..2], [0x1f, 0x8b], "gzip magic");
        assert_eq!(r.headers()["content-length"], r.body().len().to_string().as_str());
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(r.body().as_slice()).read_to_end(&mut back).unwrap();
        assert_eq!(back, body);
    }

    #[cfg(not(feature = "request-compression"))]
    #[test]
    fn without_the_feature_bodies_go_uncompressed() {
        let mut r = request(20_000);
        assert_eq!(compress_request(&mut r, &[Encoding::Gzip], &settings(false, 0)), None);
        assert_eq!(r.body().len(), 20_000);
    }
}
