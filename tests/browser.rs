//! The HTML report in a real browser: headless Chromium loads the report of the reference
//! article and of a Spanish fixture with a test script added, which checks the DOM (every
//! finding present, the article's markup escaped, a filter hiding its findings, the
//! next / previous keys moving the current finding and stepping over hidden ones) and
//! writes its verdict into the page that `--dump-dom` prints. Skipped, saying so, where
//! no Chromium is installed (`.ci/run` installs it).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .filter_map(|name| {
            std::env::var_os("PATH").and_then(|paths| {
                std::env::split_paths(&paths)
                    .map(|dir| dir.join(name))
                    .find(|path| path.is_file())
            })
        })
        .next()
}

/// Runs Chromium headless with `args` and a page, killed after a minute so that CI can
/// never hang on it; its standard output.
fn run_chromium(browser: &Path, profile: &Path, args: &[&str], page: &Path) -> String {
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let started = Instant::now();
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut out = String::new();
        let _ = std::io::Read::read_to_string(&mut stdout, &mut out);
        out
    });
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within a minute");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    reader.join().unwrap()
}

/// Checks the DOM once the report's own script has run, then writes a verdict.
const PROBE: &str = r#"<script>
(function () {
  var r = {};
  r.findings = document.querySelectorAll("li.finding").length;
  r.anchors = document.querySelectorAll("article span.anchor").length;
  r.unlinked = Array.prototype.filter.call(document.querySelectorAll("li.finding"), function (li) {
    return !document.getElementById(li.getAttribute("data-target"));
  }).length;
  r.injected = document.querySelectorAll("article script, article img, article b").length;
  r.pwned = window.__pwned === undefined ? 0 : window.__pwned;
  r.textKeepsMarkup = document.querySelector("article").textContent.indexOf("<script>") >= 0;
  var first = document.querySelector("li.finding");
  var family = first.getAttribute("data-family");
  var box = document.querySelector('#filters input[data-kind="family"][value="' + family + '"]');
  box.checked = false;
  window.copydeskApplyFilters();
  r.family = family;
  r.hiddenOfFamily = document.querySelectorAll('li.finding.hidden[data-family="' + family + '"]').length;
  r.ofFamily = document.querySelectorAll('li.finding[data-family="' + family + '"]').length;
  r.visibleOthers = document.querySelectorAll('li.finding:not(.hidden)').length;
  box.checked = true;
  window.copydeskApplyFilters();
  r.restored = document.querySelectorAll("li.finding:not(.hidden)").length;
  // Keyboard navigation: the keys the summary bar names move the current finding.
  var all = Array.prototype.slice.call(document.querySelectorAll("li.finding"));
  function press(key) {
    document.dispatchEvent(new KeyboardEvent("keydown", { key: key, bubbles: true, cancelable: true }));
    var now = document.querySelectorAll("li.finding.current");
    if (now.length !== 1) return -1;
    return all.indexOf(now[0]);
  }
  function marked() {
    var li = document.querySelector("li.finding.current");
    var id = li ? li.getAttribute("data-target") : "";
    var marks = document.querySelectorAll('mark[data-f="' + id + '"]');
    return marks.length > 0 && Array.prototype.every.call(marks, function (m) { return m.classList.contains("current"); })
      && document.querySelectorAll("mark.current").length === marks.length;
  }
  r.keys = [press("j"), press("j"), press("ArrowDown"), press("k"), press("p"), press("k")];
  r.keyMarks = marked();
  // With a family hidden, the keys step over its findings.
  box.checked = false;
  window.copydeskApplyFilters();
  var landed = [];
  for (var i = 0; i < all.length; i++) landed.push(press("n"));
  r.landedOnHidden = landed.filter(function (at) { return at >= 0 && all[at].classList.contains("hidden"); }).length;
  r.landedDistinct = landed.filter(function (at, i) { return at >= 0 && landed.indexOf(at) === i; }).length;
  r.visibleWhenFiltered = document.querySelectorAll("li.finding:not(.hidden)").length;
  box.checked = true;
  window.copydeskApplyFilters();
  var out = document.createElement("pre");
  out.id = "probe";
  var mark = ["<<", "VERDICT>>"].join("");
  out.textContent = mark + JSON.stringify(r) + mark;
  document.body.appendChild(out);
})();
</script>"#;

#[test]
fn the_html_report_works_in_a_browser() {
    let Some(browser) = chromium() else {
        eprintln!(
            "SKIPPED: no chromium on PATH; the HTML report was not tested in a browser \
             (`apt-get install chromium`)"
        );
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/readable");
    let dir = tempfile::tempdir().unwrap();
    for name in ["reference-article.txt", "spanish-article.md"] {
        std::fs::copy(root.join(name), dir.path().join(name)).unwrap();
        let out = common::copydesk(dir.path(), &["check", "--format", "html", name]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        let page = String::from_utf8(out.stdout).unwrap();
        assert!(
            !page.contains("http://") || !page.contains("src=\"http"),
            "no external assets"
        );
        let json = common::copydesk(dir.path(), &["check", "--format", "json", name]);
        let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
        let expected = report["diagnostics"].as_array().unwrap().len();

        let probed = dir.path().join(format!("{name}.probe.html"));
        let with_probe = page.replace("</body>", &format!("{PROBE}</body>"));
        std::fs::write(&probed, with_probe).unwrap();
        let profile = dir.path().join("profile");
        let dom = run_chromium(&browser, &profile, &["--dump-dom"], &probed);
        let verdict = dom
            .split("&lt;&lt;VERDICT&gt;&gt;")
            .nth(1)
            .unwrap_or_else(|| panic!("{name}: the probe wrote nothing:\n{dom}"));
        let r: serde_json::Value = serde_json::from_str(verdict).unwrap();
        eprintln!("{name}: {r}");
        assert_eq!(
            r["findings"], expected,
            "{name}: every finding in the panel"
        );
        assert_eq!(r["anchors"], expected, "{name}: every finding in the text");
        assert_eq!(r["unlinked"], 0, "{name}");
        assert_eq!(
            r["injected"], 0,
            "{name}: the article's markup became elements"
        );
        assert_eq!(r["pwned"], 0, "{name}: the article's script ran");
        assert_eq!(
            r["hiddenOfFamily"], r["ofFamily"],
            "{name}: the filter hides its family"
        );
        assert_eq!(
            r["restored"], expected,
            "{name}: the filter shows them again"
        );
        // j, j, ArrowDown, k, p, k from no current finding: 0, 1, 2, 1, 0, then round to
        // the last.
        let last = expected as i64 - 1;
        let keys: Vec<i64> = [0, 1, 2, 1, 0, last]
            .iter()
            .map(|&i: &i64| if i > last { i % (last + 1) } else { i })
            .collect();
        assert_eq!(
            r["keys"],
            serde_json::json!(keys),
            "{name}: j / k move the current finding"
        );
        assert_eq!(
            r["keyMarks"], true,
            "{name}: the current finding is marked in the text"
        );
        assert_eq!(
            r["landedOnHidden"], 0,
            "{name}: the keys step over filtered findings"
        );
        assert_eq!(
            r["landedDistinct"], r["visibleWhenFiltered"],
            "{name}: the keys reach every shown finding"
        );
        if name.starts_with("spanish") {
            assert_eq!(
                r["textKeepsMarkup"], true,
                "{name}: the markup shows as text"
            );
        }

        let screenshot = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("target")
            .join(format!("html-report-{name}.png"));
        let shot = format!("--screenshot={}", screenshot.display());
        // The report as an editor sees it, without the probe's verdict.
        let plain = dir.path().join(format!("{name}.html"));
        std::fs::write(&plain, &page).unwrap();
        run_chromium(
            &browser,
            &profile,
            &[&shot, "--window-size=1400,1000"],
            &plain,
        );
        assert!(
            std::fs::metadata(&screenshot).is_ok_and(|m| m.len() > 10_000),
            "{name}: screenshot"
        );
        // And after three presses of `j`, to see how the current finding is marked.
        let keyed = dir.path().join(format!("{name}.keys.html"));
        let press = r#"<script>for (var i = 0; i < 3; i++) document.dispatchEvent(new KeyboardEvent("keydown", { key: "j", bubbles: true }));</script>"#;
        std::fs::write(&keyed, page.replace("</body>", &format!("{press}</body>"))).unwrap();
        let keyed_shot = screenshot.with_file_name(format!("html-report-{name}-keys.png"));
        let shot = format!("--screenshot={}", keyed_shot.display());
        run_chromium(
            &browser,
            &profile,
            &[&shot, "--window-size=1400,1000"],
            &keyed,
        );
        assert!(
            std::fs::metadata(&keyed_shot).is_ok_and(|m| m.len() > 10_000),
            "{name}: screenshot after the keys"
        );
    }
}
