//! CLI golden tests: each `tests/cmd/<case>.toml` runs `gloss` in
//! `<case>.in/` and compares stdout, stderr, the exit code and (for fixes)
//! the files afterwards. Regenerate expectations with `TRYCMD=overwrite`.

#[test]
fn cli_golden() {
    trycmd::TestCases::new()
        .register_bin("gloss", gloss_tests::gloss_bin())
        .env("NO_COLOR", "1")
        .case("cmd/*.toml");
}
