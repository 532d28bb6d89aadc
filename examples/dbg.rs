//! Prints the report and preview of a file (a debugging aid).
fn main() {
    let p = std::env::args().nth(1).expect("usage: dbg FILE");
    let data = std::fs::read(p).expect("readable file");
    let mut a = tamis::Auditor::new(tamis::Options::default()).expect("default options");
    a.feed(&data);
    struct Sink;
    impl tamis::RowSink for Sink {
        fn row(&mut self, _r: &tamis::RowView<'_>) {}
    }
    let (r, pv) = a.finish_with_preview(&mut Sink);
    println!("{}", r.to_json_pretty());
    println!("{}", serde_json::to_string(&pv).expect("json"));
}
