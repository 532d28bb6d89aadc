//! A global allocator that counts the bytes live on each thread and their peak, for the
//! tests that check memory stays bounded (tests/bad_input.rs, tests/malformed.rs). A test
//! binary has one global allocator: include this file with `#[path]` where it is needed,
//! not from tests/common (every test binary uses that).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// Counts the bytes live on each thread, and the peak since the last reset.
struct Counting;

thread_local! {
    static LIVE: Cell<i64> = const { Cell::new(0) };
    static PEAK: Cell<i64> = const { Cell::new(0) };
}

// SAFETY: every call is forwarded to the system allocator unchanged; the counters
// are plain thread-local cells with constant initialisers (no allocation).
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let _ = LIVE.try_with(|l| {
                l.set(l.get() + layout.size() as i64);
                let _ = PEAK.try_with(|pk| pk.set(pk.get().max(l.get())));
            });
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        let _ = LIVE.try_with(|l| l.set(l.get() - layout.size() as i64));
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Starts measuring this thread's peak of live bytes; returns the current level.
pub fn reset_peak() -> i64 {
    let live = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(live));
    live
}

/// How much this thread's live bytes rose above `base` at their peak, in KiB.
pub fn peak_above_kib(base: i64) -> u64 {
    (PEAK.with(Cell::get) - base).max(0) as u64 / 1024
}
