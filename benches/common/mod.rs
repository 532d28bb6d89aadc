//! What the benches (and `examples/perf.rs`) share: the anchor.

/// The anchor: csv-core splitting the same bytes into records, nothing else.
pub fn bare_parse(data: &[u8]) -> u64 {
    let mut rdr = csv_core::ReaderBuilder::new().delimiter(b';').build();
    let mut out = vec![0u8; 1 << 16];
    let mut ends = vec![0usize; 1 << 10];
    let mut input = data;
    let mut records = 0u64;
    loop {
        let (res, nin, _, _) = rdr.read_record(input, &mut out, &mut ends);
        input = &input[nin..];
        match res {
            csv_core::ReadRecordResult::Record => records += 1,
            csv_core::ReadRecordResult::End => return records,
            csv_core::ReadRecordResult::InputEmpty
            | csv_core::ReadRecordResult::OutputFull
            | csv_core::ReadRecordResult::OutputEndsFull => {}
        }
    }
}
