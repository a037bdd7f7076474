//! Any text given as a link (`kafka-lab --link`, `open-link`, the page's URL fragment): the
//! decoder and the rebuild must return an error or a lab (never panic, hang or allocate
//! without bound), and a lab it returns must give the same link back.
#![no_main]

use kafka_lab::cli::link::PageState;
use kafka_lab::cli::Lab;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for s in [text.to_string(), format!("#run={text}")] {
        if let Ok((lab, page)) = Lab::from_link(&s) {
            assert!(lab.position() <= lab.live());
            let again = lab.link(&page);
            let (lab2, page2) = Lab::from_link(&again).expect("a link the lab wrote opens");
            assert_eq!(page2, page);
            assert_eq!(lab2.digest(), lab.digest());
        }
    }
});
