//! xtask's global allocator: size classes over chunks, for the generator's flood of small,
//! short-lived allocations (tokens, identifiers, syntax tree nodes). With glibc's `malloc`
//! they cost about a quarter of `cargo xtask scale`'s CPU: its per-thread cache holds a few
//! blocks per size, so freeing a whole syntax tree and building the next one goes through
//! its bins and their consolidation. Here a small block is popped from or pushed onto a
//! free list of its size class; lists never merge or shrink, which suits a process that
//! keeps rebuilding the same kinds of trees. Anything larger than [`MAX_SMALL`] (or aligned
//! to more than [`GRAIN`]) goes to the system allocator.
//!
//! Each thread keeps one list per class, with no lock, of at most a batch ([`BATCH`] bytes).
//! A full list goes to a shared shard whole, as a batch, and an empty one takes a batch
//! back, so moving blocks between threads costs one lock and no walk over cold blocks.
//! Shards hold the batches, each behind its own lock: a thread keeps to one while it finds
//! it free and moves on when another thread holds it. A thread's lists have no destructor
//! (registering one allocates), so a thread that ends leaves its partial batches behind,
//! unused: at most a batch per class, and the scale run ends a few hundred threads.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::ptr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, TryLockError};

/// Block sizes are multiples of this, which is also every block's alignment.
pub const GRAIN: usize = 16;
/// The largest size served from the size classes.
pub const MAX_SMALL: usize = 1024;
const CLASSES: usize = MAX_SMALL / GRAIN;
/// Bytes taken from the system at a time to cut blocks from.
const CHUNK: usize = 1 << 20;
const SHARDS: usize = 4;
/// Bytes of blocks in a batch (at least four blocks).
pub const BATCH: usize = 4 << 10;

/// A free block: its first word links to the next free block of its batch; in a batch's
/// first block, while a shard holds it, the second to the next batch.
struct Free {
    next: *mut Free,
    next_batch: *mut Free,
}

struct Shard {
    batches: [*mut Free; CLASSES],
    /// The unused rest of this shard's current chunk.
    bump: *mut u8,
    left: usize,
}

// The pointers are owned by the shard and only used under its lock.
unsafe impl Send for Shard {}

static POOL: [Mutex<Shard>; SHARDS] =
    [const { Mutex::new(Shard { batches: [ptr::null_mut(); CLASSES], bump: ptr::null_mut(), left: 0 }) }; SHARDS];
static NEXT_THREAD: AtomicUsize = AtomicUsize::new(0);

/// A thread's own free lists.
struct Local {
    heads: [Cell<*mut Free>; CLASSES],
    counts: [Cell<usize>; CLASSES],
    /// The shard this thread tries first.
    shard: Cell<usize>,
}

thread_local! {
    static LOCAL: Local = const {
        Local {
            heads: [const { Cell::new(ptr::null_mut()) }; CLASSES],
            counts: [const { Cell::new(0) }; CLASSES],
            shard: Cell::new(usize::MAX),
        }
    };
}

/// The allocator; see the module docs.
pub struct Classes;

fn class(layout: Layout) -> Option<usize> {
    (layout.size() <= MAX_SMALL && layout.align() <= GRAIN).then(|| layout.size().max(1).div_ceil(GRAIN) - 1)
}

const fn class_size(c: usize) -> usize {
    (c + 1) * GRAIN
}

/// Blocks in a batch of class `c`.
const fn batch_len(c: usize) -> usize {
    let n = BATCH / class_size(c);
    if n < 4 { 4 } else { n }
}

impl Local {
    /// A locked shard: this thread's when free, else the first free one after it (which
    /// becomes this thread's), else a wait for this thread's.
    fn shard(&self) -> MutexGuard<'static, Shard> {
        if self.shard.get() == usize::MAX {
            self.shard.set(NEXT_THREAD.fetch_add(1, Ordering::Relaxed) % SHARDS);
        }
        let preferred = self.shard.get();
        for step in 0..SHARDS {
            let index = (preferred + step) % SHARDS;
            match POOL[index].try_lock() {
                Ok(guard) => {
                    self.shard.set(index);
                    return guard;
                }
                // Nothing panics while holding a shard, and its lists stay whole if it did.
                Err(TryLockError::Poisoned(poisoned)) => return poisoned.into_inner(),
                Err(TryLockError::WouldBlock) => {}
            }
        }
        POOL[preferred].lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    unsafe fn take(&self, c: usize) -> *mut u8 {
        let mut head = self.heads[c].get();
        if head.is_null() {
            // SAFETY: the shard is locked for the call.
            head = unsafe { self.shard().take_batch(c) };
            if head.is_null() {
                return ptr::null_mut();
            }
            self.counts[c].set(batch_len(c));
        }
        // SAFETY: a list holds only free blocks of this class, each starting with a link.
        self.heads[c].set(unsafe { (*head).next });
        self.counts[c].set(self.counts[c].get() - 1);
        head.cast()
    }

    unsafe fn give(&self, c: usize, block: *mut u8) {
        if self.counts[c].get() == batch_len(c) {
            let full = self.heads[c].replace(ptr::null_mut());
            // SAFETY: `full` is a list of a batch's number of free blocks of class `c`.
            unsafe { self.shard().give_batch(c, full) };
            self.counts[c].set(0);
        }
        let free = block.cast::<Free>();
        // SAFETY: the block is at least GRAIN bytes, GRAIN-aligned and no longer in use.
        unsafe { (&raw mut (*free).next).write(self.heads[c].get()) };
        self.heads[c].set(free);
        self.counts[c].set(self.counts[c].get() + 1);
    }
}

impl Shard {
    /// A batch of class `c`: a freed one, else one cut from the chunk (a new chunk when
    /// the rest is too short for a batch; that rest stays unused).
    unsafe fn take_batch(&mut self, c: usize) -> *mut Free {
        let head = self.batches[c];
        if !head.is_null() {
            // SAFETY: a batch's first block holds the link to the next batch.
            self.batches[c] = unsafe { (*head).next_batch };
            return head;
        }
        let (size, len) = (class_size(c), batch_len(c));
        if self.left < size * len {
            // SAFETY: the layout has a non-zero size.
            let chunk = unsafe { System.alloc(Layout::from_size_align(CHUNK, GRAIN).expect("a valid layout")) };
            if chunk.is_null() {
                return ptr::null_mut();
            }
            self.bump = chunk;
            self.left = CHUNK;
        }
        let first = self.bump.cast::<Free>();
        for i in 0..len {
            // SAFETY: the `len` blocks lie in the chunk's unused rest, after `bump`.
            unsafe {
                let block = self.bump.add(i * size).cast::<Free>();
                let next = if i + 1 == len { ptr::null_mut() } else { self.bump.add((i + 1) * size).cast() };
                (&raw mut (*block).next).write(next);
            }
        }
        // SAFETY: as above.
        self.bump = unsafe { self.bump.add(size * len) };
        self.left -= size * len;
        first
    }

    /// Keeps a batch of class `c`.
    unsafe fn give_batch(&mut self, c: usize, batch: *mut Free) {
        // SAFETY: the batch's first block is free and has room for two links.
        unsafe { (&raw mut (*batch).next_batch).write(self.batches[c]) };
        self.batches[c] = batch;
    }
}

unsafe impl GlobalAlloc for Classes {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        match class(layout) {
            // SAFETY: blocks of class `c` hold the layout.
            Some(c) => LOCAL.with(|local| unsafe { local.take(c) }),
            // SAFETY: the caller's layout has a non-zero size.
            None => unsafe { System.alloc(layout) },
        }
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        match class(layout) {
            // SAFETY: a layout of class `c` was allocated as a block of class `c`.
            Some(c) => LOCAL.with(|local| unsafe { local.give(c, block) }),
            // SAFETY: a layout of no class was allocated by the system allocator.
            None => unsafe { System.dealloc(block, layout) },
        }
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `realloc`'s contract makes the new layout valid.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        match (class(layout), class(new_layout)) {
            // The block already has room.
            (Some(old), Some(new)) if old == new => block,
            // SAFETY: both belong to the system allocator.
            (None, None) => unsafe { System.realloc(block, layout, new_size) },
            _ => {
                // SAFETY: the new layout is valid and non-zero (it has no class or another one).
                let moved = unsafe { self.alloc(new_layout) };
                if !moved.is_null() {
                    // SAFETY: both blocks hold at least the smaller size and do not overlap.
                    unsafe {
                        ptr::copy_nonoverlapping(block, moved, layout.size().min(new_size));
                        self.dealloc(block, layout);
                    }
                }
                moved
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_map_to_classes_of_sixteen_bytes_up_to_the_limit() {
        let at = |size, align| class(Layout::from_size_align(size, align).unwrap());
        assert_eq!(at(1, 1), Some(0));
        assert_eq!(at(16, 8), Some(0));
        assert_eq!(at(17, 8), Some(1));
        assert_eq!(at(MAX_SMALL, 16), Some(CLASSES - 1));
        assert_eq!(at(MAX_SMALL + 1, 8), None);
        assert_eq!(at(64, 32), None);
    }

    #[test]
    fn blocks_are_distinct_aligned_and_keep_their_bytes_across_threads() {
        // Every thread writes a pattern into blocks of many sizes, frees half on the way
        // (feeding other threads' reuse), and checks the rest still hold their pattern.
        let threads: Vec<_> = (0..8u8)
            .map(|t| {
                std::thread::spawn(move || {
                    let mut kept = Vec::new();
                    for i in 0..20_000usize {
                        let size = 1 + (i * 37 + t as usize) % 1500;
                        let block = vec![t ^ (i as u8); size];
                        assert_eq!(block.as_ptr() as usize % if size <= MAX_SMALL { GRAIN } else { 1 }, 0);
                        if i % 2 == 0 {
                            kept.push((i, block));
                        }
                    }
                    for (i, block) in &kept {
                        assert!(block.iter().all(|b| *b == t ^ (*i as u8)), "block {i} of thread {t} was overwritten");
                    }
                })
            })
            .collect();
        for thread in threads {
            thread.join().unwrap();
        }
    }

    #[test]
    fn growing_and_shrinking_keeps_the_contents() {
        let mut s = String::new();
        for i in 0..5000 {
            s.push(char::from(b'a' + (i % 26) as u8));
        }
        assert!(s.bytes().enumerate().all(|(i, b)| b == b'a' + (i % 26) as u8));
        s.truncate(10);
        s.shrink_to_fit();
        assert_eq!(s, "abcdefghij");
        let mut v: Vec<u64> = (0..100).collect();
        v.truncate(3);
        v.shrink_to_fit();
        assert_eq!(v, [0, 1, 2]);
    }
}
