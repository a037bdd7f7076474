//! Starting a cluster: `brokers N [--zookeepers Z | --mode kraft [--controllers K]
//! [--combined]] [--override KEY=VALUE …]` — the nodes' `server.properties` (as
//! `kafka-server-start.sh --override`), ZooKeeper's ensemble or KRaft's quorum (formatted
//! with `kafka-storage.sh format`), settled before the first command.

use super::*;

impl Lab {
    /// `brokers N …`: a fresh cluster in either era.
    pub(super) fn brokers_command(&mut self, rest: &[String]) -> Result<String, String> {
        let cmd = "brokers";
        let p = parse(
            rest,
            &[
                value("zookeepers"),
                value("mode"),
                value("controllers"),
                flag("combined"),
                value("override"),
            ],
        )?;
        let kraft_mode = p.value("mode") == Some("kraft");
        let mut server_config = crate::config::BrokerConfig::default();
        for kv in p.values("override") {
            let handled = crate::config::apply_override(&mut server_config, kraft_mode, kv)?;
            if !handled && !kraft_mode {
                return Err(format!(
                        "brokers: in ZooKeeper mode --override sets {}, not '{kv}' (the metadata log settings need --mode kraft)",
                        crate::config::STATIC_OVERRIDES.join(", ")
                    ));
            }
        }
        let n: u32 = one_number(cmd, &p.positional)?;
        if !(1..=MAX_BROKERS).contains(&n) {
            return Err(format!(
                "brokers: choose between 1 and {MAX_BROKERS} brokers"
            ));
        }
        match p.value("mode") {
            None | Some("zookeeper") | Some("zk") => {
                if p.value("controllers").is_some() || p.has("combined") {
                    return Err("brokers: --controllers and --combined need --mode kraft".into());
                }
            }
            Some("kraft") => {
                self.server_config = server_config;
                return self.fresh_kraft(n, &p);
            }
            Some(m) => {
                return Err(format!(
                    "brokers: --mode takes zookeeper or kraft, not '{m}'"
                ))
            }
        }
        self.kraft = None;
        self.server_config = server_config;
        let z: u8 = match p.value("zookeepers") {
                None => 1,
                Some(z) => z.parse().ok().filter(|z| [1, 3, 5].contains(z)).ok_or_else(
                    || format!("brokers: --zookeepers takes 1, 3 or 5 servers (an odd number: a majority must survive), not '{z}'"),
                )?,
            };
        self.zookeepers = z;
        self.reset(n, self.seed);
        if z == 1 {
            return Ok(format!(
                "A fresh cluster of {n} broker{} (seed {}).\n",
                if n == 1 { "" } else { "s" },
                self.seed
            ));
        }
        let key = if n == 1 {
            T::CliFreshClusterOneZk
        } else {
            T::CliFreshClusterZk
        };
        Ok(tr(
            Lang::En,
            key,
            &[
                ("n", n.to_string()),
                ("z", z.to_string()),
                ("q", (z / 2 + 1).to_string()),
                ("seed", self.seed.to_string()),
            ],
        ) + "\n")
    }

    /// A fresh cluster (`brokers N`, `seed N`): the journal, the timeline and the settings
    /// stay; the new cluster's counts start again.
    pub(super) fn reset(&mut self, brokers: u32, seed: u64) {
        let version = self.cluster.client_version;
        let mut cluster = match self.kraft {
            Some((controllers, combined, log)) => Cluster::kraft_with(
                brokers,
                controllers,
                combined,
                seed,
                log,
                self.server_config.clone(),
            ),
            None => {
                let mut c = Cluster::with_config(
                    brokers,
                    seed,
                    self.server_config.clone(),
                    crate::sim::Network::default(),
                );
                c.set_zookeepers(self.zookeepers);
                c
            }
        };
        cluster.run_until(SETTLE_MS, Cluster::is_settled);
        cluster.client_version = version;
        self.cluster = cluster;
        self.seed = seed;
        self.brokers = brokers;
        self.console = None;
        self.host_files.uploads.clear();
        self.log_pos.clear();
    }
}

impl Lab {
    /// `brokers N --mode kraft [--controllers K] [--combined]`: a fresh KRaft cluster.
    fn fresh_kraft(&mut self, n: u32, p: &args::Parsed) -> Result<String, String> {
        let k: u32 = match p.value("controllers") {
            None => 3,
            Some(k) => k.parse().ok().filter(|k| [1, 3, 5].contains(k)).ok_or_else(|| {
                format!("brokers: --controllers takes 1, 3 or 5 (an odd number: a majority must survive), not '{k}'")
            })?,
        };
        if p.value("zookeepers").is_some() {
            return Err(
                "brokers: --zookeepers has no meaning in KRaft mode (there is no ZooKeeper)".into(),
            );
        }
        let combined = p.has("combined");
        if combined && k > n {
            return Err(format!(
                "brokers: --combined makes brokers 1..{k} the controllers: give at least {k} brokers"
            ));
        }
        let log = kraft_overrides(p)?;
        self.kraft = Some((k, combined, log));
        self.reset(n, self.seed);
        // A Kafka 4.1 cluster: the 4.x tools and clients.
        self.cluster.client_version = crate::cluster::producer::ClientVersion::V4_0;
        let ids: Vec<String> = self
            .cluster
            .controllers
            .keys()
            .map(|c| c.to_string())
            .collect();
        let key = if combined {
            T::CliFreshKraftCombined
        } else {
            T::CliFreshKraft
        };
        Ok(tr(
            Lang::En,
            key,
            &[
                ("n", n.to_string()),
                ("k", k.to_string()),
                ("ids", ids.join(", ")),
                ("seed", self.seed.to_string()),
            ],
        ) + "\n")
    }
}

/// `brokers N --mode kraft --override name=value …` (as `kafka-server-start.sh
/// --override`): the metadata log's snapshot and retention settings, on every node.
fn kraft_overrides(p: &args::Parsed) -> Result<crate::kraft::raft::MetadataLogConfig, String> {
    let mut log = crate::kraft::raft::MetadataLogConfig::default();
    for o in p.values("override") {
        // The static broker settings (`config::apply_override`) are not the log's.
        if crate::config::STATIC_OVERRIDES
            .iter()
            .any(|k| o.trim_start().starts_with(&format!("{k}=")))
        {
            continue;
        }
        let Some((name, value)) = o.split_once('=') else {
            return Err(format!(
                "brokers: --override takes name=value, e.g. --override metadata.log.max.record.bytes.between.snapshots=4096 (not '{o}')"
            ));
        };
        log.set(name.trim(), value.trim())
            .map_err(|e| format!("brokers: {e}"))?;
    }
    Ok(log)
}
