//! Helpers generated deserializers call for bodies, lists and maps. Each
//! returns `Ok(None)` for a JSON `null`, which the caller treats as absent,
//! and adds the index or key to the path of any error.

use super::json::{JsonError, JsonReader};
use std::collections::HashMap;
use std::hash::Hash;

/// Parses a whole body as one structure. An empty body counts as `{}`, since
/// services send nothing when an output has no members set; `null` likewise.
pub fn body<T>(
    bytes: &[u8],
    read: for<'a> fn(&mut JsonReader<'a>) -> Result<Option<T>, JsonError>,
) -> Result<T, JsonError> {
    let bytes = if bytes.iter().all(u8::is_ascii_whitespace) { b"{}".as_slice() } else { bytes };
    let mut r = JsonReader::new(bytes);
    let value = match read(&mut r)? {
        Some(value) => value,
        None => read(&mut JsonReader::new(b"{}"))?.expect("an empty object is not null"),
    };
    r.end()?;
    Ok(value)
}

/// A dense list: `null` elements are skipped.
pub fn list<'a, T>(
    r: &mut JsonReader<'a>,
    mut item: impl FnMut(&mut JsonReader<'a>) -> Result<Option<T>, JsonError>,
) -> Result<Option<Vec<T>>, JsonError> {
    if !r.begin_array()? {
        return Ok(None);
    }
    let mut out = Vec::new();
    while r.next_element()? {
        if let Some(v) = item(r).map_err(|e| e.in_index(out.len()))? {
            out.push(v);
        }
    }
    Ok(Some(out))
}

/// A sparse list: `null` elements are kept as `None`.
pub fn sparse_list<'a, T>(
    r: &mut JsonReader<'a>,
    mut item: impl FnMut(&mut JsonReader<'a>) -> Result<Option<T>, JsonError>,
) -> Result<Option<Vec<Option<T>>>, JsonError> {
    if !r.begin_array()? {
        return Ok(None);
    }
    let mut out = Vec::new();
    while r.next_element()? {
        out.push(item(r).map_err(|e| e.in_index(out.len()))?);
    }
    Ok(Some(out))
}

/// A dense map: entries whose value is `null` are skipped.
pub fn map<'a, K: Eq + Hash, V>(
    r: &mut JsonReader<'a>,
    key: impl Fn(&str) -> K,
    mut value: impl FnMut(&mut JsonReader<'a>) -> Result<Option<V>, JsonError>,
) -> Result<Option<HashMap<K, V>>, JsonError> {
    if !r.begin_object()? {
        return Ok(None);
    }
    let mut out = HashMap::new();
    while let Some(k) = r.next_key()? {
        if let Some(v) = value(r).map_err(|e| e.in_key(&k))? {
            out.insert(key(&k), v);
        }
    }
    Ok(Some(out))
}

/// A sparse map: `null` values are kept as `None`.
pub fn sparse_map<'a, K: Eq + Hash, V>(
    r: &mut JsonReader<'a>,
    key: impl Fn(&str) -> K,
    mut value: impl FnMut(&mut JsonReader<'a>) -> Result<Option<V>, JsonError>,
) -> Result<Option<HashMap<K, Option<V>>>, JsonError> {
    if !r.begin_object()? {
        return Ok(None);
    }
    let mut out = HashMap::new();
    while let Some(k) = r.next_key()? {
        let v = value(r).map_err(|e| e.in_key(&k))?;
        out.insert(key(&k), v);
    }
    Ok(Some(out))
}
