//! Fitting a label into an SVG box: display columns (a CJK character takes two) and cutting a
//! text with an ellipsis at its end or its start. Shared by the broker boxes, the KRaft quorum
//! and the eras side by side.

/// Display columns of one character: a CJK character takes two.
pub fn char_columns(c: char) -> usize {
    if (c as u32) >= 0x2E80 {
        2
    } else {
        1
    }
}

/// Display columns of a text.
pub fn columns(s: &str) -> usize {
    s.chars().map(char_columns).sum()
}

/// `text` kept to `room` units (`per_col` a column), cut at its end with an ellipsis.
pub fn fit_end(text: &str, room: f64, per_col: f64) -> String {
    let max = (room / per_col).max(1.0) as usize;
    if columns(text) <= max {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        if used + char_columns(c) + 1 > max {
            break;
        }
        used += char_columns(c);
        out.push(c);
    }
    format!("{}…", out.trim_end())
}

/// `text` kept to `room` units, cut at its start (`…/ids/12`): the end says the most.
pub fn fit_start(text: &str, room: f64, per_col: f64) -> String {
    let max = (room / per_col).max(1.0) as usize;
    let n = text.chars().count();
    if n <= max {
        return text.to_string();
    }
    let tail: String = text.chars().skip(n + 1 - max).collect();
    format!("…{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_fit_their_room_in_columns() {
        assert_eq!(columns("ZK 秒"), 5);
        assert_eq!(fit_end("3000 follower", 200.0, 7.2), "3000 follower");
        let cut = fit_end("epoch 12 · voted 3004", 60.0, 6.6);
        assert!(cut.ends_with('…') && columns(&cut) <= 9, "{cut}");
        // A CJK character counts twice: 8 columns leave 3 characters and the ellipsis.
        assert_eq!(fit_end("秒后发现了", 8.0, 1.0), "秒后发…");
        assert_eq!(fit_start("/brokers/ids/12", 53.0, 6.6), "…/ids/12");
        assert_eq!(fit_start("/brokers/ids/1", 200.0, 6.6), "/brokers/ids/1");
        assert_eq!(
            fit_end("ZK 4.2 秒后发现", 50.0, 6.2).chars().last(),
            Some('…')
        );
    }
}
