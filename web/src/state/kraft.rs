//! KRaft mode on the page (kweb): opening the lab in a metadata mode (`?mode=kraft`), and the
//! commands the ZooKeeper | KRaft switch runs. Switching is a journaled command like any other
//! (`brokers N --mode kraft`), so links, saved runs and the time machine keep the mode.

use kafka_lab::cli::Lab;
use kafka_lab::i18n::Lang;

use super::*;

/// The lines the era switch runs: rebuild the cluster with as many brokers in `kraft` mode
/// (or ZooKeeper mode), then create the opening topic again.
pub fn switch_lines(kraft: bool, brokers: usize) -> Vec<String> {
    let n = brokers.max(1);
    let first = if kraft {
        format!("brokers {n} --mode kraft")
    } else {
        format!("brokers {n}")
    };
    vec![first, DEFAULT_SETUP.to_string()]
}

impl Ui {
    /// The page as it opens, in ZooKeeper mode or (`kraft`) in KRaft mode: the switch's own
    /// commands, run in the console where the learner sees them.
    pub fn opening_mode(kraft: bool, lang: Lang, speed: f64, playing: bool) -> Self {
        if !kraft {
            return Ui::opening(lang, speed, playing);
        }
        let mut ui = Ui::new(Lab::default(), lang, speed, playing);
        for line in switch_lines(true, 3) {
            ui.exec(line);
        }
        ui.refresh();
        ui.skip_past_deliveries();
        ui
    }

    /// The lab runs in KRaft mode.
    pub fn is_kraft(&self) -> bool {
        self.view.kraft.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_switch_keeps_the_number_of_brokers() {
        assert_eq!(switch_lines(true, 5)[0], "brokers 5 --mode kraft");
        assert_eq!(switch_lines(false, 0)[0], "brokers 1");
        assert_eq!(switch_lines(true, 3)[1], DEFAULT_SETUP);
    }
}
