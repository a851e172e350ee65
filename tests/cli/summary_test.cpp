// tessera-cli summary through the real executable: formats, refusals, file safety and the
// promise that the display name and listed names never leave the vault.

#include "../core/summary_fixtures.hpp"
#include "test_support.hpp"

#include "tessera/core/interchange.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <string>
#include <vector>

namespace {

namespace fixtures = tessera::test::summary;
using tessera::test::RunResult;

const std::string kPassphrase = "summary test passphrase, long enough";

RunResult cli(const std::filesystem::path& vault, std::vector<std::string> args, bool withPassphrase = true) {
    args.insert(args.begin(), {"--vault", vault.string()});
    if (!withPassphrase) {
        return tessera::test::run(TESSERA_CLI_PATH, args);
    }
    return tessera::test::run(TESSERA_CLI_PATH, args, {{"TESSERA_PASSPHRASE", kPassphrase}});
}

// C-021: a note with a name nobody listed (replaced) and a name that is also a word (a suspect).
tessera::core::ClientRecord recordWithSuspects() {
    auto record = fixtures::sampleRecord();
    record.client.code = "C-021";
    record.client.displayName = "Ruth Ames";
    record.sessions.back().sections.front().text =
        "Client feels safer. She met Hope at the park; Detective Alvarez called about the report.";
    return record;
}

// One vault for the whole file (creating one costs key derivations): C-014 from the fixtures, and
// C-021 (recordWithSuspects).
struct Fixture {
    tessera::test::TempDir dir;
    std::filesystem::path vault = dir / "summary.tessera";

    Fixture() {
        REQUIRE(cli(vault, {"init"}).exitCode == 0);
        tessera::core::CaseloadDocument document;
        document.clients = {fixtures::sampleRecord(), recordWithSuspects()};
        tessera::test::writeFile(dir / "caseload.json", tessera::core::writeCaseload(document));
        const auto imported = cli(vault, {"import", (dir / "caseload.json").string()});
        INFO(imported.err);
        REQUIRE(imported.exitCode == 0);
    }
};

const std::filesystem::path& vault() {
    static const Fixture fixture;
    return fixture.vault;
}

unsigned modeOf(const std::filesystem::path& file) {
    struct stat info {};
    REQUIRE(::stat(file.c_str(), &info) == 0);
    return info.st_mode & 0777U;
}

} // namespace

TEST_CASE("summary writes Markdown, HTML and PDF, owner-only, and warns that the file is not encrypted", "[summary]") {
    const tessera::test::TempDir out;
    const auto [format, name, signature] = GENERATE(table<std::string, std::string, std::string>({
        {"md", "summary.md", "# Supervision summary: C-014"},
        {"html", "summary.html", "<!DOCTYPE html>"},
        {"pdf", "summary.pdf", "%PDF-"},
    }));
    const auto file = out / name;
    const auto result = cli(vault(), {"summary", "--client", "C-014", "--format", format, "--out", file.string()});
    INFO(result.err);
    REQUIRE(result.exitCode == 0);
    const auto bytes = tessera::test::readFile(file);
    CHECK(bytes.starts_with(signature));
    CHECK(modeOf(file) == 0600U);
    CHECK(result.out.find("C-014 (4 sessions)") != std::string::npos);
    CHECK(result.out.find(file.string()) != std::string::npos);
    CHECK(result.out.find("De-identification: ") != std::string::npos);
    CHECK(result.err.find("NOT encrypted") != std::string::npos);
    CHECK(result.err.find(file.string()) != std::string::npos);
    for (const auto* identifying : {"Grace", "Holloway", "Marcus", "Lily"}) {
        CAPTURE(identifying);
        CHECK(bytes.find(identifying) == std::string::npos);
    }
    // No temporary file is left beside it.
    int files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(out.path())) {
        ++files;
    }
    CHECK(files == 1);
}

TEST_CASE("summary never overwrites a file unless --force", "[summary]") {
    const tessera::test::TempDir out;
    const auto file = out / "summary.md";
    tessera::test::writeFile(file, "keep me");
    const auto refused = cli(vault(), {"summary", "--client", "C-014", "--format", "md", "--out", file.string()});
    CHECK(refused.exitCode == 1);
    CHECK(refused.err.find("already exists") != std::string::npos);
    CHECK(tessera::test::readFile(file) == "keep me");

    const auto forced =
        cli(vault(), {"summary", "--client", "C-014", "--format", "md", "--out", file.string(), "--force"});
    INFO(forced.err);
    CHECK(forced.exitCode == 0);
    CHECK(tessera::test::readFile(file).starts_with("# Supervision summary"));
    CHECK(modeOf(file) == 0600U);
}

TEST_CASE("summary options: period, exact dates, psychotherapy notes and questions", "[summary]") {
    const tessera::test::TempDir out;
    const auto file = out / "summary.md";
    tessera::test::writeFile(out / "questions.txt", "- How do I hold my agenda when Marcus calls?\n- Next steps?\n");
    const auto result =
        cli(vault(), {"summary", "--client", "C-014", "--format", "md", "--out", file.string(), "--from", "2026-01-01",
                      "--to", "2026-01-20", "--exact-dates", "--include-psychotherapy-notes", "--questions",
                      (out / "questions.txt").string()});
    INFO(result.err);
    REQUIRE(result.exitCode == 0);
    const auto markdown = tessera::test::readFile(file);
    CHECK(markdown.find("**Period:** 2026-01-07 to 2026-01-14") != std::string::npos);
    CHECK(markdown.find("Session 2 (2026-01-14)") != std::string::npos);
    CHECK(markdown.find("## Psychotherapy notes") != std::string::npos);
    CHECK(markdown.find("countertransference about \\[partner\\]") != std::string::npos);
    CHECK(markdown.find("1. How do I hold my agenda when \\[partner\\] calls?") != std::string::npos);
    CHECK(markdown.find("2. Next steps?") != std::string::npos);
    CHECK(markdown.find("2026-01-28") == std::string::npos); // outside --to

    const auto plain = out / "plain.md";
    REQUIRE(cli(vault(), {"summary", "--client", "C-014", "--format", "md", "--out", plain.string()}).exitCode == 0);
    const auto defaults = tessera::test::readFile(plain);
    CHECK(defaults.find("countertransference") == std::string::npos);
    CHECK(defaults.find("2026") == std::string::npos);
    CHECK(defaults.find("Session 4 (week 9)") != std::string::npos);
}

TEST_CASE("summary refuses bad input with exit code 1, before asking for the passphrase", "[summary]") {
    const tessera::test::TempDir out;
    const auto file = (out / "s.md").string();
    const std::vector<std::vector<std::string>> cases{
        {"summary", "--client", "C-014", "--format", "docx", "--out", file},
        {"summary", "--client", "C-014", "--format", "md", "--out", file, "--from", "2026-13-01"},
        {"summary", "--client", "C-014", "--format", "md", "--out", file, "--from", "2026-02-01", "--to", "2026-01-01"},
        {"summary", "--client", "C-014", "--format", "md", "--out", file, "--questions", (out / "none.txt").string()},
        {"summary", "--client", "C-014", "--format", "md"},
    };
    for (const auto& args : cases) {
        CAPTURE(args);
        const auto result = cli(vault(), args, false);
        CHECK(result.exitCode == 1);
        CHECK_FALSE(result.err.empty());
        CHECK(result.err.find("assphrase") == std::string::npos);
    }
    const auto unknown = cli(vault(), {"summary", "--client", "C-999", "--format", "md", "--out", file});
    CHECK(unknown.exitCode == 1);
    CHECK(unknown.err.find("no client C-999") != std::string::npos);
    const auto empty =
        cli(vault(), {"summary", "--client", "C-014", "--format", "md", "--out", file, "--from", "2030-01-01"});
    CHECK(empty.exitCode == 1);
    CHECK(empty.err.find("no sessions") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(file));
}

TEST_CASE("every summary written is recorded in the vault's audit log, without its content", "[summary][audit]") {
    tessera::test::TempDir out;
    const auto file = out / "period.md";
    const auto written = cli(vault(), {"summary", "--client", "C-014", "--format", "md", "--out", file.string(),
                                       "--from", "2026-01-01", "--to", "2026-12-31"});
    INFO(written.err);
    REQUIRE(written.exitCode == 0);
    const auto audit = cli(vault(), {"audit", "--json"});
    REQUIRE(audit.exitCode == 0);
    CHECK_THAT(audit.out, Catch::Contains("C-014"));
    CHECK_THAT(audit.out, Catch::Contains("summary md"));
    CHECK_THAT(audit.out, Catch::Contains("2026-01-01 to 2026-12-31"));
    // The log names the export, never what was in it.
    const auto content = tessera::test::readFile(file);
    REQUIRE(content.find("Key quotes") != std::string::npos);
    CHECK(audit.out.find("Key quotes") == std::string::npos);
    // This export's entry, whole: no psychotherapy notes left the vault with it.
    CHECK_THAT(audit.out, Catch::Contains("client C-014, 2026-01-01 to 2026-12-31, summary md\""));
}

TEST_CASE("a summary with psychotherapy notes is recorded as such in the audit log", "[summary][audit]") {
    tessera::test::TempDir out;
    const auto file = out / "with-notes.md";
    const auto written = cli(vault(), {"summary", "--client", "C-014", "--format", "md", "--out", file.string(),
                                       "--include-psychotherapy-notes"});
    INFO(written.err);
    REQUIRE(written.exitCode == 0);
    const auto audit = cli(vault(), {"audit", "--json"});
    REQUIRE(audit.exitCode == 0);
    CHECK_THAT(audit.out, Catch::Contains("client C-014, all dates, summary md (with psychotherapy notes)\""));
}

TEST_CASE("summary --review prints replacements and suspects in context and writes nothing", "[summary][review]") {
    const tessera::test::TempDir out;
    const auto file = out / "summary.md";
    const auto result = cli(vault(), {"summary", "--client", "C-021", "--review"});
    INFO(result.out << result.err);
    REQUIRE(result.exitCode == 0);
    CHECK(result.out.find("SUSPECT  person") != std::string::npos);
    CHECK(result.out.find("rule name-or-word") != std::string::npos);
    CHECK(result.out.find("She met [Hope] at the park") != std::string::npos);
    CHECK(result.out.find("replaced  person") != std::string::npos);
    CHECK(result.out.find("rule title) -> [person]") != std::string::npos);
    CHECK(result.out.find("Detective [Alvarez] called") != std::string::npos);
    CHECK(result.out.find("replaced  redaction-term") != std::string::npos);
    CHECK(result.out.find("1 suspected identifier. Nothing was written.") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(file));
    // --review with --out still writes nothing.
    const auto withOut =
        cli(vault(), {"summary", "--client", "C-021", "--review", "--format", "md", "--out", file.string()});
    CHECK(withOut.exitCode == 0);
    CHECK_FALSE(std::filesystem::exists(file));
}

TEST_CASE("summary --strict refuses to write while suspects are unreviewed", "[summary][review]") {
    const tessera::test::TempDir out;
    const auto file = out / "summary.md";
    const auto refused =
        cli(vault(), {"summary", "--client", "C-021", "--format", "md", "--out", file.string(), "--strict"});
    CHECK(refused.exitCode == 1);
    CHECK(refused.err.find("1 suspected identifier is not reviewed; nothing was written") != std::string::npos);
    CHECK(refused.err.find("--review") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(file));

    // Once the word is reviewed, --strict writes; the name nobody listed is replaced.
    const auto reviewed = cli(vault(), {"summary", "--client", "C-021", "--format", "md", "--out", file.string(),
                                        "--strict", "--not-identifying", "Hope"});
    INFO(reviewed.err);
    REQUIRE(reviewed.exitCode == 0);
    const auto markdown = tessera::test::readFile(file);
    CHECK(markdown.find("Alvarez") == std::string::npos);
    CHECK(markdown.find("Detective \\[person\\]") != std::string::npos);

    // A client without suspects is written under --strict as usual.
    const auto clean = out / "clean.md";
    CHECK(cli(vault(), {"summary", "--client", "C-014", "--format", "md", "--out", clean.string(), "--strict"})
              .exitCode == 0);
}

TEST_CASE("summary without --review needs --format and --out", "[summary][review]") {
    const auto result = cli(vault(), {"summary", "--client", "C-014"}, false);
    CHECK(result.exitCode == 1);
    CHECK(result.err.find("--format and --out") != std::string::npos);
}
