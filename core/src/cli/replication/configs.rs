//! `kafka-configs.sh --alter | --describe` for topics and brokers (Kafka's `ConfigCommand`).

use super::*;

/// `kafka-configs.sh --alter --entity-type topics|brokers (--entity-name X | --entity-default)
/// --add-config k=v[,k=v]`, and `--describe` for the same entities.
pub fn configs(cluster: &mut Cluster, args: &[String]) -> Result<String, String> {
    let p = parse(
        args,
        &[
            value("bootstrap-server"),
            flag("alter"),
            flag("describe"),
            value("entity-type"),
            value("entity-name"),
            flag("entity-default"),
            value("add-config"),
            value("delete-config"),
            value("topic"),
            value("broker"),
        ],
    )?;
    p.only_options("")?;
    if p.has("alter") == p.has("describe") {
        return Err("Command must include exactly one action: --describe, --alter".into());
    }
    if p.has("delete-config") {
        return Err("--delete-config is not simulated yet".into());
    }
    // `--topic T` and `--broker B` are the newer shorthands for the entity options.
    let (kind, name) = match (p.value("topic"), p.value("broker")) {
        (Some(t), None) => ("topics", Some(t.to_string())),
        (None, Some(b)) => ("brokers", Some(b.to_string())),
        (None, None) => {
            let kind = p
                .value("entity-type")
                .ok_or("Missing required argument \"[entity-type]\"")?;
            (kind, p.value("entity-name").map(str::to_string))
        }
        _ => return Err("give --topic or --broker, not both".into()),
    };
    let default = p.has("entity-default");
    let entity = match (kind, name, default) {
        ("topics", Some(t), false) => {
            if !cluster.topics_meta().contains_key(&t) {
                return Err(format!("Topic '{t}' does not exist."));
            }
            ConfigEntity::Topic(t)
        }
        ("topics", _, _) => return Err("--entity-name must be specified with --entity-type topics".into()),
        ("brokers", None, true) => ConfigEntity::BrokerDefault,
        ("brokers", Some(b), false) => {
            let id: BrokerId = b
                .parse()
                .map_err(|_| format!("The entity name for brokers must be a valid integer broker id, but it is: {b}"))?;
            if !cluster.brokers.contains_key(&id) {
                return Err(format!("there is no broker {id}"));
            }
            ConfigEntity::Broker(id)
        }
        ("brokers", _, _) => {
            return Err("give exactly one of --entity-name or --entity-default with --entity-type brokers".into())
        }
        (other, _, _) => {
            return Err(format!(
                "Invalid entity type {other}, the entity type must be one of topics, brokers (the lab simulates these two)"
            ))
        }
    };
    if p.has("describe") {
        return Ok(describe_configs(cluster, &entity));
    }
    let add = p
        .value("add-config")
        .ok_or("--add-config is required with --alter (--delete-config is not simulated yet)")?;
    let mut configs = crate::vecmap::VecMap::new();
    for kv in add.split(',') {
        let (k, v) = kv
            .split_once('=')
            .ok_or_else(|| format!("Invalid config: '{kv}' (write key=value[,key=value])"))?;
        let (k, v) = (k.trim(), v.trim());
        match &entity {
            ConfigEntity::Topic(_) => validate_topic_config(k, v)?,
            _ => validate_broker_config(k, v)?,
        }
        configs.insert(k.to_string(), v.to_string());
    }
    let note = if configs.contains_key("replica.lag.time.max.ms") {
        "Note: real Kafka reads replica.lag.time.max.ms only from server.properties at startup; the lab lets you change it live.\n"
    } else {
        ""
    };
    let request = cluster
        .admin_request(AdminRequest::AlterConfigs {
            entity: entity.clone(),
            configs: configs.clone(),
        })
        .ok_or("Timed out waiting for a node assignment. Call: incrementalAlterConfigs")?;
    cluster.run_until(60_000, |c| c.admin_response(request).is_some());
    if cluster.admin_response(request).is_none() {
        return Err(
            "Timed out waiting for a node assignment. Call: incrementalAlterConfigs".into(),
        );
    }
    if cluster.mode() == crate::kraft::MetadataMode::Kraft {
        // The controller answered once its ConfigRecords committed; the brokers apply them
        // a fetch later. Wait for the image the tools read (a few ms) so a describe sees them.
        cluster.run_until(5_000, |c| {
            c.metadata_image().is_some_and(|i| {
                let now = i.configs_of(&entity);
                configs.iter().all(|(k, v)| now.get(k) == Some(v))
            })
        });
    }
    Ok(match entity {
        ConfigEntity::Topic(t) => format!("{note}Completed updating config for topic {t}.\n"),
        ConfigEntity::Broker(b) => format!("{note}Completed updating config for broker {b}.\n"),
        ConfigEntity::BrokerDefault => {
            format!("{note}Completed updating default config for brokers in the cluster.\n")
        }
    })
}

/// An entity's dynamic broker configs: ZooKeeper's `/config/brokers/…` znode, or in KRaft
/// the metadata image's `ConfigRecord`s.
fn broker_configs(
    cluster: &Cluster,
    entity: &ConfigEntity,
) -> crate::vecmap::VecMap<String, String> {
    if cluster.mode() == crate::kraft::MetadataMode::Kraft {
        return cluster
            .metadata_image()
            .map(|i| i.configs_of(entity))
            .unwrap_or_default();
    }
    cluster
        .zk
        .broker_configs
        .get(entity)
        .cloned()
        .unwrap_or_default()
}

fn describe_configs(cluster: &Cluster, entity: &ConfigEntity) -> String {
    let (title, configs) = match entity {
        ConfigEntity::Topic(t) => (
            format!("Dynamic configs for topic {t} are:"),
            cluster
                .topics_meta()
                .get(t)
                .map(|z| z.configs.clone())
                .unwrap_or_default(),
        ),
        ConfigEntity::Broker(b) => (
            format!("Dynamic configs for broker {b} are:"),
            broker_configs(cluster, entity),
        ),
        ConfigEntity::BrokerDefault => (
            "Default configs for brokers in the cluster are:".to_string(),
            broker_configs(cluster, entity),
        ),
    };
    let source = match entity {
        ConfigEntity::Topic(_) => "DYNAMIC_TOPIC_CONFIG",
        ConfigEntity::Broker(_) => "DYNAMIC_BROKER_CONFIG",
        ConfigEntity::BrokerDefault => "DYNAMIC_DEFAULT_BROKER_CONFIG",
    };
    let mut out = format!("{title}\n");
    for (k, v) in configs {
        out.push_str(&format!(
            "  {k}={v} sensitive=false synonyms={{{source}:{k}={v}}}\n"
        ));
    }
    out
}
